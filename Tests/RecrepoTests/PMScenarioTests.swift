@testable import Documents
import Foundation
import RecordIndex
@testable import RecordRepo
import Testing

/// Four simulated months of preventive maintenance run through the library with the injected
/// clock: a plan of each trigger kind, `pm run` every morning, jobs completed on time, late and
/// never, one cancelled, and a temperature that crosses its threshold twice with a return inside
/// between. Every class and count below was worked out by hand from the plans and the dates.
@Suite struct PMScenarioTests {
    /// A moment of a simulated day (UTC, the plant's zone).
    static func at(_ day: String, _ hour: Int) -> Date {
        let number = (try? Day(parsing: day, field: "day", record: "test"))?.number ?? 0
        return Date(timeIntervalSince1970: TimeInterval(number * 86_400 + hour * 3_600))
    }

    final class Scenario {
        let plant: Plant
        var plans: [String: String] = [:]
        var runs: [GenerationRun] = []
        /// The technicians, signed in again after changing their passwords (they expire after 90 days).
        var tess: Session, tom: Session

        init() throws {
            plant = try Plant(start: PMScenarioTests.at("2025-11-20", 8))
            tess = plant.tess
            tom = plant.tom
            plant.tick()
            _ = try plant.records.updateEquipment("AC-101", reason: "Meters fitted", by: plant.sam) { description in
                description.meters = [.init(name: "hours", unit: "h", kind: .counter), .init(name: "temp", unit: "C", kind: .gauge)]
            }
            plant.tick()
            _ = try plant.records.recordReading("AC-101", meter: "hours", value: 1000, replacement: false, reason: "Fitted", by: tess)
            let sop = try plant.effectiveSOP("# Check\n\n- [ ] Inspect the door seal\n")
            func plan(_ name: String, _ trigger: PMPlan.Trigger, before: Int, after: Int, assignee: String? = "tess") throws {
                plant.tick()
                let definition = PMPlan.Definition(title: "PM \(name)", equipment: "AC-101", sop: sop.id, assignee: assignee,
                                                   assigneeRole: assignee == nil ? .technician : nil, trigger: trigger,
                                                   graceBefore: before, graceAfter: after)
                let draft = try plant.records.addPlan(definition, reason: "New PM", by: plant.sam)
                plant.tick()
                _ = try plant.records.approvePlan(draft.id, reason: "Reviewed", by: plant.quinn)
                plans[name] = draft.id
            }
            try plan("fixed", .init(kind: .calendar, every: 2, unit: .weeks, from: "2025-12-01", floating: false), before: 1, after: 2)
            try plan("floating", .init(kind: .calendar, every: 1, unit: .months, from: "2025-12-05", floating: true), before: 0, after: 3,
                     assignee: nil)
            try plan("meter", .init(kind: .meter, meter: "hours", everyUnits: 500, responseDays: 3), before: 0, after: 1)
            try plan("condition", .init(kind: .condition, meter: "temp", above: 130, responseDays: 2), before: 0, after: 0)
        }

        func move(to date: Date) { plant.tick(date.timeIntervalSince(plant.repo.clock.now)) }

        /// The job generated for occurrence `number` of the plan called `name`.
        func order(_ name: String, _ number: Int) throws -> WorkOrder {
            let plan = try #require(plans[name])
            let found = try plant.records.all(WorkOrder.self, of: .workOrder).first {
                $0.occurrence?.plan == plan && $0.occurrence?.number == number
            }
            return try #require(found, "\(name) occurrence \(number) was not generated")
        }

        func complete(_ name: String, _ number: Int) throws {
            let id = try order(name, number).id
            _ = try plant.records.startWorkOrder(id, reason: nil, by: tess)
            plant.tick()
            _ = try plant.records.signStep(id, number: 1, note: nil, by: tess)
            plant.tick()
            _ = try plant.records.completeWorkOrder(id, reason: "Done", by: tess)
        }

        func read(_ meter: String, _ value: Double) throws {
            _ = try plant.records.recordReading("AC-101", meter: meter, value: value, replacement: false, reason: "Round", by: tom)
        }

        /// Each day from the first to the last: `pm run` at 06:00, readings at 10:00, work at 14:00.
        func run(from first: String, to last: String) throws {
            let readings: [String: (String, Double)] = [
                "2025-12-01": ("temp", 120), "2025-12-10": ("hours", 1300), "2025-12-20": ("hours", 1520),
                "2026-01-05": ("temp", 135), "2026-01-08": ("temp", 138), "2026-01-15": ("temp", 125),
                "2026-02-01": ("hours", 2030), "2026-02-15": ("temp", 140), "2026-03-01": ("hours", 2600),
                "2026-03-10": ("temp", 131), "2026-03-29": ("hours", 3150),
            ]
            let work: [String: [(String, Int)]] = [
                "2025-12-02": [("fixed", 1)], "2025-12-10": [("floating", 1)], "2025-12-20": [("fixed", 2)],
                "2025-12-22": [("meter", 1)], "2026-01-06": [("condition", 1)], "2026-01-30": [("fixed", 4)],
                "2026-02-06": [("meter", 2)], "2026-02-09": [("fixed", 6)], "2026-02-12": [("floating", 3)],
                "2026-02-18": [("condition", 2)], "2026-02-25": [("fixed", 7)], "2026-03-14": [("floating", 4)],
            ]
            var day = try Day(parsing: first, field: "day", record: "test")
            while day.text <= last {
                move(to: PMScenarioTests.at(day.text, 6))
                runs.append(try plant.records.runPlans())
                if let (meter, value) = readings[day.text] {
                    move(to: PMScenarioTests.at(day.text, 10))
                    try read(meter, value)
                }
                move(to: PMScenarioTests.at(day.text, 14))
                for (name, number) in work[day.text] ?? [] { try complete(name, number) }
                if day.text == "2026-02-01" {
                    try plant.records.changePassword(tess, to: "renewed secret 22", oldPassword: "user password 1")
                    tess = try plant.records.authenticate("tess", password: "renewed secret 22")
                    try plant.records.changePassword(tom, to: "renewed secret 33", oldPassword: "user password 1")
                    tom = try plant.records.authenticate("tom", password: "renewed secret 33")
                }
                if day.text == "2026-01-27" {
                    _ = try plant.records.cancelWorkOrder(try order("fixed", 5).id, reason: "Autoclave in use for a campaign", by: plant.sam)
                }
                day = day.adding(days: 1)
            }
        }
    }

    @Test("four months: every occurrence's class, the counts and the rate are the ones worked out by hand")
    func fourMonths() throws {
        let scenario = try Scenario()
        try scenario.run(from: "2025-11-21", to: "2026-03-31")
        let records = scenario.plant.records
        let report = try records.compliance(ComplianceFilter())
        let classes = Dictionary(uniqueKeysWithValues: report.occurrences.map { line in
            ("\(scenario.plans.first { $0.value == line.plan }?.key ?? "?") \(line.number)", line.classification)
        })
        let expected: [String: OccurrenceClass] = [
            "fixed 1": .onTime, "fixed 2": .late, "fixed 3": .missed, "fixed 4": .missed, "fixed 5": .missed,
            "fixed 6": .onTime, "fixed 7": .onTime, "fixed 8": .missed, "fixed 9": .overdue,
            "floating 1": .late, "floating 2": .missed, "floating 3": .onTime, "floating 4": .onTime,
            "meter 1": .onTime, "meter 2": .late, "meter 3": .missed, "meter 4": .open,
            "condition 1": .onTime, "condition 2": .late,
        ]
        #expect(classes == expected)
        #expect([report.count(.onTime), report.count(.late), report.count(.missed), report.count(.overdue), report.count(.open)]
                == [7, 4, 6, 1, 1] as [Int])
        #expect(report.rate == 7.0 / 17.0)
        // Due dates, worked out by hand: the floating plan counts from each completion.
        #expect(try ["floating 2", "floating 3", "floating 4"].map { name in
            try scenario.order("floating", Int(name.split(separator: " ")[1]) ?? 0).occurrence?.due
        } == ["2026-01-10", "2026-02-10", "2026-03-12"])
        #expect(try scenario.order("meter", 4).occurrence.map { [$0.opens, $0.due, $0.closes] } == ["2026-03-29", "2026-04-01", "2026-04-02"])
        #expect(scenario.runs.flatMap(\.rearmed) == [scenario.plans["condition"]])

        let january = try records.compliance(ComplianceFilter(from: try Day(parsing: "2026-01-01", field: "from", record: "t"),
                                                              to: try Day(parsing: "2026-01-31", field: "to", record: "t")))
        #expect([january.count(.onTime), january.count(.missed), january.occurrences.count] == [1, 3, 4] as [Int])
        #expect(january.rate == 0.25)
        let plan = try records.compliance(ComplianceFilter(plan: scenario.plans["meter"]))
        #expect(plan.occurrences.map(\.classification) == [.onTime, .late, .missed, .open])

        // The index answers with the same figures, and so does an index built again from nothing.
        let index = try RecordIndex.open(for: records)
        _ = try index.update()
        #expect(try index.compliance(ComplianceFilter(), today: try records.today()) == report)
        #expect(try index.compliance(ComplianceFilter(from: january.from.flatMap { try? Day(parsing: $0, field: "f", record: "t") },
                                                      to: january.to.flatMap { try? Day(parsing: $0, field: "t", record: "t") }),
                                     today: try records.today()) == january)
        let exceptions = try index.compliance(ComplianceFilter(), today: try records.today(), listing: .notOnTime)
        #expect(exceptions.counts == report.counts && !exceptions.complete)
        #expect(exceptions.occurrences == report.occurrences.filter { $0.classification != .onTime })
        #expect(try index.compliance(ComplianceFilter(), today: try records.today(), listing: .none).counts == report.counts)
        _ = try index.rebuild()
        #expect(try index.compliance(ComplianceFilter(department: "Sterile"), today: try records.today()) == report)

        // Running again the same day generates nothing.
        let head = try records.head()
        #expect(try records.runPlans() == GenerationRun())
        #expect(try records.head() == head)

        let verified = ReplayTests.verify(scenario.plant)
        #expect(verified.ok, "\(verified.failures)")
        #expect(try Git.stockVerification(of: scenario.plant.repo.path, allowedSigners: try records.ledger.allowedSigners()).isEmpty)
        #expect(try Git.fsck(scenario.plant.repo.path).status == 0)

        // A clone has the same figures, computed from its records alone.
        let clone = scenario.plant.repo.directory.appendingPathComponent("clone").path
        #expect(try Git.run(["clone", "-q", "--bare", scenario.plant.repo.path, clone], in: scenario.plant.repo.directory.path).status == 0)
        let copy = try Records.open(at: clone, clock: scenario.plant.repo.clock.ledgerClock, checklist: TestRepository.checklist)
        #expect(try copy.compliance(ComplianceFilter()) == report)
    }
}

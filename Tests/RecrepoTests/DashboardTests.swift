@testable import Documents
import Foundation
import RecordIndex
@testable import RecordRepo
import Testing

/// The dashboard over the four simulated months of `PMScenarioTests`, with instruments calibrated
/// along the way: every figure below was worked out by hand from the plans, the dates and the
/// calibrations, and every filter changes them as expected.
@Suite struct DashboardTests {
    /// The scenario run to 2026-03-31 with four instruments in AC-101 (PG-3 in the lab):
    /// PG-1 calibrated on 2026-02-01 every 30 days (due 2026-03-03: overdue), PG-2 calibrated on
    /// 2026-03-31 every 30 days (due 2026-04-30: due within 30 days), PG-3 found and left out of
    /// tolerance on 2026-03-31 (which opens a major deviation), PG-4 calibrated on 2026-03-31
    /// every 90 days (in calibration); a minor deviation opened by hand on 2026-02-01 with a CAPA
    /// whose one action (tom's) was due on 2026-03-01.
    static func scenario() throws -> (PMScenarioTests.Scenario, RecordIndex) {
        let scenario = try PMScenarioTests.Scenario()
        let plant = scenario.plant
        let procedure = try plant.effectiveSOP(CalibrationTests.procedure, title: "Gauge calibration")
        let due = "2027-12-31"
        plant.tick()
        _ = try plant.records.addStandard("STD-1", CalibrationTests.standard(uncertainty: 0.01, unit: "bar", due: due), reason: "Bought", by: plant.quinn)
        for (id, days, department) in [("PG-1", 30, "Sterile"), ("PG-2", 30, "Sterile"), ("PG-3", 30, "Lab"), ("PG-4", 90, "Sterile")] {
            plant.tick()
            _ = try plant.records.addEquipment(id, EquipmentKind.Description(name: "Gauge \(id)", department: department, parent: "AC-101"),
                                               reason: "Fitted", by: plant.sam)
            _ = try plant.records.setInstrument(id, .init(procedure: procedure.id, interval: .init(every: days, unit: .days),
                                                          points: [.init(name: "low", nominal: 2, unit: "bar", tolerance: 0.05)]),
                                                reason: "Calibrated", by: plant.sam)
        }
        func calibrate(_ id: String, _ found: Double, left: Double? = nil) throws {
            plant.tick()
            _ = try plant.records.recordCalibration(equipment: id, workOrder: nil, standards: ["STD-1"],
                                                    readings: [.init(point: "low", asFound: found, asLeft: left)], reason: "Due", by: scenario.tess)
        }
        try scenario.run(from: "2025-11-21", to: "2026-02-01")
        try calibrate("PG-1", 2.01)
        // A minor deviation by hand (due 2026-03-03), and a CAPA whose one action, tom's, is due 2026-03-01.
        plant.tick()
        let deviation = try plant.records.openDeviation(title: "Door gasket replaced with a spare", classification: .minor,
                                                        links: .init(equipment: "AC-101"), description: "OEM part out of stock", by: scenario.tess)
        plant.tick()
        let capa = try plant.records.openCAPA(title: "Gasket stock", deviation: deviation.id, reason: "Root cause", by: plant.sam)
        plant.tick()
        _ = try plant.records.planCAPA(capa.id, action: "Keep two spare gaskets", owner: "tom", due: "2026-03-01", reason: "Plan", by: plant.sam)
        try scenario.run(from: "2026-02-02", to: "2026-03-31")
        try calibrate("PG-2", 2.0)
        try calibrate("PG-3", 2.3)
        try calibrate("PG-4", 1.99)
        let index = try RecordIndex.open(for: plant.records)
        _ = try index.update()
        return (scenario, index)
    }

    @Test("every figure equals the one worked out by hand; each filter changes them as expected")
    func figures() throws {
        let (scenario, index) = try Self.scenario()
        let records = scenario.plant.records
        let board = try index.dashboard(DashboardFilter(), records: records)
        #expect(board.today == "2026-03-31")
        #expect([board.pm.onTime, board.pm.late, board.pm.missed, board.pm.overdue, board.pm.open] == [7, 4, 6, 1, 1] as [Int])
        #expect(board.pm.rate == 7.0 / 17.0)
        // By month of due date, from each occurrence's due date and class (PMScenarioTests).
        #expect(board.pm.months == [
            .init(month: "2025-12", onTime: 2, late: 2, missed: 1, overdue: 0), .init(month: "2026-01", onTime: 1, late: 0, missed: 3, overdue: 0),
            .init(month: "2026-02", onTime: 3, late: 2, missed: 0, overdue: 0), .init(month: "2026-03", onTime: 1, late: 0, missed: 2, overdue: 1),
            .init(month: "2026-04", onTime: 0, late: 0, missed: 0, overdue: 0),
        ])
        // Not completed, not cancelled: fixed 3 (created 2025-12-28), floating 2 (01-10), meter 3 (03-01),
        // fixed 8 (03-08), fixed 9 (03-22), meter 4 (03-29); all but meter 4 past due.
        let open = try ["fixed 3", "floating 2", "meter 3", "fixed 8", "fixed 9", "meter 4"].map { name in
            try scenario.order(String(name.split(separator: " ")[0]), Int(name.split(separator: " ")[1]) ?? 0).id
        }
        #expect(board.workOrders.open == 6 && Set(board.workOrders.records) == Set(open))
        #expect(board.workOrders.byAge.values == [1, 3, 1, 1])
        #expect(board.workOrders.overdue == 5 && Set(board.workOrders.overdueRecords) == Set(open.dropLast()))
        #expect([board.calibration.dueIn30Days, board.calibration.overdue, board.calibration.outOfTolerance, board.calibration.inCalibration]
                == [1, 1, 1, 1] as [Int])
        #expect(board.calibration.dueRecords == ["PG-2"] && board.calibration.overdueRecords == ["PG-1"]
                && board.calibration.outOfToleranceRecords == ["PG-3"])
        let audit = try records.auditStatus()
        #expect(board.auditReview.overdue == audit.overdue && board.auditReview.unreviewedActs == audit.unreviewed && board.auditReview.last == nil)
        #expect(board.alerts.unacknowledged == 0 && board.lastDrill.result == nil)
        // Two SOPs in force, nobody trained: each technician (tess, tom) is due on each; both SOPs
        // took effect in 2025, well inside the 24 months between periodic reviews.
        #expect(board.training.due == 4 && board.sopReviewsDue == 0)
        // The minor one opened 2026-02-01 (58 days, due 2026-03-03: overdue); PG-3's major one today.
        #expect(board.deviations.open == 2 && board.deviations.byClass == ["minor": 1, "major": 1] && board.deviations.overdue == 1)
        #expect(board.deviations.byAge.values == [1, 0, 1, 0] && board.deviations.records == ["DEV-000001", "DEV-000002"])
        #expect(board.capa.open == 1 && board.capa.overdueActions == 1 && board.capa.records == ["CAPA-000001"])
        #expect(board.commit == (try records.ledger.head())?.hex)

        let january = try index.dashboard(DashboardFilter(from: "2026-01-01", to: "2026-01-31"), records: records)
        #expect([january.pm.onTime, january.pm.late, january.pm.missed, january.pm.overdue] == [1, 0, 3, 0] as [Int])
        #expect(january.pm.months.map(\.month) == ["2026-01"] && january.workOrders.open == 6)
        let lab = try index.dashboard(DashboardFilter(department: "Lab"), records: records)
        #expect(lab.pm.onTime + lab.pm.late + lab.pm.missed + lab.pm.overdue + lab.pm.open == 0 && lab.workOrders.open == 0)
        #expect(lab.calibration.outOfToleranceRecords == ["PG-3"] && lab.calibration.dueIn30Days + lab.calibration.overdue == 0)
        #expect(lab.deviations.records == ["DEV-000002"] && lab.deviations.byClass == ["major": 1] && lab.deviations.overdue == 0)
        let gauge = try index.dashboard(DashboardFilter(equipment: "PG-1"), records: records)
        #expect(gauge.calibration.overdueRecords == ["PG-1"] && gauge.calibration.outOfTolerance == 0 && gauge.workOrders.open == 0)
        let area = try index.dashboard(DashboardFilter(area: "AC-101"), records: records)
        #expect(area.pm == board.pm && area.workOrders == board.workOrders && area.calibration == board.calibration)
        let tom = try index.dashboard(DashboardFilter(user: "tom"), records: records)
        #expect(tom.workOrders.records == [open[1]], "tom holds only the job assigned to the technician role")
        #expect(tom.training.due == 2 && tom.training.records.allSatisfy { $0.hasPrefix("tom: ") })
        #expect(tom.capa.overdueActions == 1)
        #expect(try index.dashboard(DashboardFilter(user: "tess"), records: records).capa.overdueActions == 0)
        let sterile = try index.dashboard(DashboardFilter(department: "Sterile"), records: records)
        #expect(sterile.pm == board.pm && sterile.calibration.outOfTolerance == 0 && sterile.calibration.inCalibration == 1)
    }

    @Test("a filter that names nothing that exists is refused naming it", arguments: [
        (DashboardFilter(equipment: "NOPE-1"), "--equipment"), (DashboardFilter(area: "NOPE-1"), "--area"),
        (DashboardFilter(department: "Nowhere"), "--department"), (DashboardFilter(user: "nobody"), "--user"),
        (DashboardFilter(user: ""), "--user"),
        (DashboardFilter(from: "2026-02-30"), "--from"), (DashboardFilter(from: "2026-03-01", to: "2026-02-01"), "--to"),
    ])
    func refused(filter: DashboardFilter, field: String) throws {
        let plant = try Plant()
        let index = try RecordIndex.open(for: plant.records)
        _ = try index.update()
        #expect { _ = try index.dashboard(filter, records: plant.records) } throws: { error in
            guard case IndexError.refused(.invalidField(_, let named, _)) = error else { return false }
            return named == field
        }
    }
}

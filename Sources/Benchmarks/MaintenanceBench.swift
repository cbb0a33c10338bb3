import Documents
import Foundation
import RecordIndex
import RecordRepo

/// A maintenance plant of 1,000 pieces of equipment with three plans each (monthly, quarterly,
/// yearly, all falling due today) and three years of completed history, written with the batch
/// path; then `pm run` for today beside a batch append of as many work orders, `pm compliance`
/// over the three years and `wo list --mine` from the index, and the peak memory of each command.
func maintenanceBenchmark(work: URL, executable: String) throws {
    let path = work.appendingPathComponent("maintenance").path
    let plant = try BenchPlant(at: path)
    let records = plant.records
    let today = try records.today()
    var writer = HistoryWriter(plant: plant)
    let built = try timed {
        for unit in 1...1_000 { try writer.equipment("UNIT-\(unit)") }
        for unit in 1...1_000 {
            for months in [1, 3, 12] { try writer.plan(equipment: "UNIT-\(unit)", every: months, today: today) }
        }
        try writer.flush()
    }
    let index = try RecordIndex.open(for: records)
    let indexed = try timed { _ = try index.rebuild() }
    say(String(format: "maintenance plant: 1,000 equipment, 3,000 plans, %d past occurrences, %d acts written in %.1f s; index rebuilt in %.1f s",
               writer.occurrences, writer.acts, built, indexed))

    // The same run as a command on a copy, for its peak memory; then in this process, timed.
    let copy = work.appendingPathComponent("maintenance-copy").path
    _ = spawn("/bin/cp", ["-a", path, copy])
    setenv("RECREPO_REPO", copy, 1)
    let command = measured(executable, ["pm", "run", "--format", "json"])
    var run = GenerationRun()
    let generating = try timed { run = try records.runPlans() }
    let count = run.generated.count
    _ = try index.update()
    var compliance: [Double] = [], report: ComplianceReport?, everything: [Double] = [], figures: [Double] = []
    for _ in 0..<21 { compliance.append(try timed { report = try index.compliance(ComplianceFilter(), today: today, listing: .notOnTime) } * 1000) }
    for _ in 0..<21 { figures.append(try timed { _ = try index.compliance(ComplianceFilter(), today: today, listing: .none) } * 1000) }
    for _ in 0..<5 { everything.append(try timed { _ = try index.compliance(ComplianceFilter(), today: today) } * 1000) }
    setenv("RECREPO_REPO", path, 1)
    let complianceCommand = measured(executable, ["pm", "compliance", "--format", "json"])
    let counted = OccurrenceClass.allCases.reduce(0) { $0 + (report?.count($1) ?? 0) }
    say(String(format: "pm compliance over three years (%d occurrences, rate %.1f%%, %d not on time listed): p50 %.1f ms, p95 %.1f ms (target p95 < 50 ms)",
               counted, (report?.rate ?? 0) * 100, report?.occurrences.count ?? 0, percentile(compliance, 0.5), percentile(compliance, 0.95)))
    say(String(format: "  the counts and rate alone: p50 %.1f ms, p95 %.1f ms; listing every occurrence (--all, json, csv): p50 %.0f ms",
               percentile(figures, 0.5), percentile(figures, 0.95), percentile(everything, 0.5)))
    say(String(format: "  recrepo pm compliance --format json as a command: %.2f s, peak memory %.0f MiB",
               complianceCommand.seconds, complianceCommand.peakMiB))

    var queue: [Double] = [], jobs = 0
    let query = JobQuery(assignees: ["tess", "@technician"], statuses: ["open", "in-progress"])
    for _ in 0..<21 { queue.append(try timed { jobs = try index.jobs(query).count } * 1000) }
    setenv("RECREPO_USER", "tess", 1)
    let queueCommand = measured(executable, ["wo", "list", "--mine", "--format", "json"])
    say(String(format: "wo list --mine (%d jobs to do among %d): p50 %.1f ms, p95 %.1f ms (target p95 < 50 ms)",
               jobs, writer.occurrences + count, percentile(queue, 0.5), percentile(queue, 0.95)))
    say(String(format: "  recrepo wo list --mine as a command: %.2f s, peak memory %.0f MiB", queueCommand.seconds, queueCommand.peakMiB))

    let first = try RecordID.number(of: try requireID(run.generated.last?.order), kind: .workOrder) + 1
    let appending = try timed {
        let acts = try (first..<(first + count)).map { try plant.creation($0) }
        _ = try records.ledger.appendBatch(acts, basedOn: try records.ledger.head())
    }
    say(String(format: "pm run for today: %d jobs generated in %.2f s; batch append of %d work orders: %.2f s; ratio %.2fx (target 1.2x)",
               count, generating, count, appending, generating / appending))
    say(String(format: "  recrepo pm run as a command on a copy: %.2f s, peak memory %.0f MiB (exit %d)",
               command.seconds, command.peakMiB, command.status))
    try qualityBenchmark(writer: &writer, index: index, path: path, executable: executable)
}

/// The ID, or a benchmark failure when a run generated nothing.
private func requireID(_ id: String?) throws -> String {
    guard let id else { throw BenchFailure(message: "pm run generated nothing") }
    return id
}

struct BenchFailure: Error { let message: String }

/// Writes the maintenance plant's records with batch appends: equipment, approved plans whose
/// schedules have reached today, and each plan's past occurrences as jobs completed (on time,
/// late, or not at all).
struct HistoryWriter {
    let plant: BenchPlant
    private var pending: [SignedAct] = []
    private(set) var acts = 0
    private(set) var occurrences = 0
    private var nextOrder = 1
    private var nextPlan = 1

    init(plant: BenchPlant) { self.plant = plant }

    mutating func equipment(_ id: String) throws {
        let unit = Equipment(id: id, name: "Unit \(id)", location: "Building 3", department: id.hasSuffix("7") ? "Utilities" : "Sterile",
                             createdBy: "sam", createdAt: "2023-01-01T00:00:00Z")
        try add(id, .equipment, unit)
    }

    /// A plan every `every` months from three years ago today, and its occurrences before today.
    mutating func plan(equipment: String, every: Int, today: Day) throws {
        let id = try RecordID.generatedID(kind: .pm, number: nextPlan)
        let anchor = today.adding(months: -36)
        let trigger = PMPlan.Trigger(kind: .calendar, every: every, unit: .months, from: anchor.text, floating: false)
        // Twenty technicians share the plans; tess is one of them.
        let assignee = nextPlan % 20 == 0 ? "tess" : "tech\(nextPlan % 20)"
        var plan = PMPlan(id: id, definition: PMPlan.Definition(title: "PM every \(every) months", equipment: equipment, sop: plant.sop,
                                                                assignee: assignee, trigger: trigger, graceAfter: 3),
                          draftedBy: "sam", draftedAt: "2023-01-01T00:00:00Z")
        plan.status = .approved
        plan.approvedRevisions = 1
        plan.approvedBy = "quinn"
        plan.approvedAt = "2023-01-01T00:00:00Z"
        var schedule = PMPlan.Schedule()
        var number = 0
        while true {
            let due = anchor.adding(months: every * number)
            guard due < today else { break }
            number += 1
            let order = try RecordID.generatedID(kind: .workOrder, number: nextOrder)
            nextOrder += 1
            let next = anchor.adding(months: every * number)
            var job = WorkOrder(id: order, title: plan.definition.title, sop: plant.sop, equipment: equipment, assignee: assignee,
                                createdBy: "system", createdAt: due.text + "T05:00:00Z")
            job.type = .preventive
            job.due = due.text
            var occurrence = WorkOrder.Occurrence(plan: id, number: number, due: due.text, opens: due.text,
                                                  closes: due.adding(days: 3).text, nextDue: next.text)
            // Most on the due day, one in twenty late, one in fifty never done (cancelled).
            if number % 50 == 1 {
                job.status = .cancelled
                (job.cancelledBy, job.cancelledAt) = ("sam", due.adding(days: 5).text + "T09:00:00Z")
            } else {
                let done = number % 20 == 0 ? due.adding(days: 6) : due
                job.status = .closed
                (job.completedBy, job.completedAt) = (assignee, done.text + "T14:00:00Z")
                (job.closedBy, job.closedAt) = ("quinn", done.text + "T16:00:00Z")
                occurrence.completed = done.text
            }
            job.occurrence = occurrence
            if let done = occurrence.completed, Int(equipment.split(separator: "-").last ?? "") ?? 0 <= QualityData.instruments {
                // On the units with instruments, each job done records a reading.
                var step = WorkOrder.Step(number: 1, text: "Record the loop pressure", signedBy: assignee, signedAt: done + "T10:00:00Z")
                step.value = 2.0
                job.steps = [step]
            }
            try add(order, .workOrder, job)
            schedule.generated = number
            schedule.lastOrder = order
            schedule.lastDue = due.text
            occurrences += 1
        }
        plan.schedule = schedule
        try add(id, .pm, plan)
        nextPlan += 1
    }

    mutating func add<T: Encodable>(_ id: String, _ kind: RecordKind, _ record: T) throws {
        let act = Act(record: id, revision: 1, meaning: .authorship, reason: "Migrated from the previous maintenance system",
                      summary: "Migrate \(id)", changes: [(try RecordPath(try RecordID.path(kind: kind, id: id)), try CanonicalJSON.encode(record))])
        pending.append(SignedAct(act, by: plant.supervisor.signer))
        acts += 1
        if pending.count >= 20_000 { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        try plant.records.ledger.appendBatch(pending, basedOn: try plant.records.ledger.head())
        pending.removeAll(keepingCapacity: true)
    }
}

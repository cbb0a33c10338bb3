import Documents
import Foundation
import RecordIndex
import RecordRepo

/// The derived index on the large repository: rebuild beside a `git log --raw` scan, incremental
/// updates, a record's revisions beside `git log -- <path>` with a commit-graph and changed-path
/// Bloom filters, a 20-revision record's field history beside `git log -p`, and an audit query.
func indexBenchmark(plant: BenchPlant, repository: String, early: UpdateTimes) throws {
    let index = try RecordIndex.open(for: plant.records)
    let commits = (try? plant.records.ledger.commits().count) ?? 0
    // Rebuild and scan alternate, five times each: on a shared machine speed drifts from one
    // minute to the next, and a single pair measures the drift as much as the code (three pairs
    // of one run gave 1.69x to 2.41x).
    var rebuilds: [Double] = [], scans: [Double] = []
    for _ in 0..<5 {
        scans.append(spawn("/bin/sh", ["-c", "git -C \"$0\" log --raw --no-abbrev --format='%H %P%n%B' main > /dev/null", repository]).seconds)
        rebuilds.append(try timed { try index.rebuild() })
    }
    let ratios = zip(rebuilds, scans).map { $0 / $1 }
    func list(_ values: [Double], _ format: String) -> String { values.map { String(format: format, $0) }.joined(separator: ", ") }
    say(String(format: "index rebuild from scratch, %d acts: median %.2f s", commits, percentile(rebuilds, 0.5))
        + " (runs \(list(rebuilds, "%.2f")))")
    say(String(format: "  git log --raw of the same history, run before each: median %.2f s", percentile(scans, 0.5))
        + " (runs \(list(scans, "%.2f")))")
    say("  ratio of each pair \(list(ratios, "%.2fx")); " + String(format: "median %.2fx (target 2x)", percentile(ratios, 0.5)))

    let job = try jobWithManySteps(plant)
    let late = try incrementalUpdates(plant: plant, index: index, count: UpdateTimes.count)
    say(String(format: "incremental index update after one act, p50 of %d: %.3f ms at ~400 acts, %.3f ms at %d acts (target < 1 ms, flat)",
               UpdateTimes.count, percentile(early.wall, 0.5), percentile(late.wall, 0.5), commits))
    say(String(format: "  processor time of the updating thread, p50: %.3f ms at ~400 acts, %.3f ms at %d acts",
               percentile(early.processor, 0.5), percentile(late.processor, 0.5), commits))

    let path = try RecordID.path(kind: .workOrder, id: job)
    _ = spawn("/usr/bin/git", ["-C", repository, "commit-graph", "write", "--reachable", "--changed-paths"])
    var ours: [Double] = [], revisions = 0
    for _ in 0..<200 { ours.append(try timed { revisions = try index.revisions(of: job).count } * 1000) }
    var theirs: [Double] = []
    for _ in 0..<5 { theirs.append(spawn("/usr/bin/git", ["-C", repository, "log", "--format=%H", "main", "--", path]).seconds * 1000) }
    say(String(format: "a record's %d revisions from the index: p50 %.3f ms (target < 1 ms)", revisions, percentile(ours, 0.5)))
    say(String(format: "  git log --format=%%H -- <path>, commit-graph + Bloom filters: p50 %.1f ms; ratio %.0fx faster (target 40x)",
               percentile(theirs, 0.5), percentile(theirs, 0.5) / percentile(ours, 0.5)))

    var history: [Double] = [], rows = 0
    for _ in 0..<100 { history.append(try timed { rows = try index.history(of: job).count } * 1000) }
    let patch = spawn("/usr/bin/git", ["-C", repository, "log", "-p", "main", "--", path])
    say(String(format: "field-level history of a %d-revision record (%d rows): p50 %.2f ms (target < 10 ms); git log -p -- <path>: %.1f ms",
               revisions, rows, percentile(history, 0.5), patch.seconds * 1000))

    let since = Records.day(Date().addingTimeInterval(-30 * 86_400)), until = Records.day(Date())
    // Medians of several runs: a single run measures whether SQLite's pages were already in memory.
    var all = 0, found = 0, audit: [Double] = [], narrow: [Double] = []
    for _ in 0..<5 { audit.append(try timed { all = try index.audit(AuditFilter(since: since, until: until)).count }) }
    for _ in 0..<21 { narrow.append(try timed { found = try index.audit(AuditFilter(since: since, until: until, user: "tess")).count }) }
    say(String(format: "audit query over the last 30 days: %d acts, p50 %.0f ms; by one user in them (%d acts): p50 %.2f ms",
               all, percentile(audit, 0.5) * 1000, found, percentile(narrow, 0.5) * 1000))
}

/// Incremental index updates, each after one new act: wall-clock and processor time, in milliseconds.
struct UpdateTimes {
    /// Updates measured at each size.
    static let count = 60
    var wall: [Double] = []
    var processor: [Double] = []
    /// The work order the last update indexed.
    var lastWorkOrder = ""
}

/// `count` incremental updates of `index`, each after one new act.
func incrementalUpdates(plant: BenchPlant, index: RecordIndex, count: Int) throws -> UpdateTimes {
    _ = try index.update()
    var result = UpdateTimes()
    for number in 0..<count {
        result.lastWorkOrder = try plant.records.createWorkOrder(sop: plant.sop, equipment: BenchPlant.equipment(number),
                                                                 title: "Index bench", assignee: "tess", reason: "Benchmark",
                                                                 by: plant.supervisor).id
        var processor = 0.0
        result.wall.append(try timed { processor = try threadTime { _ = try index.update() } } * 1000)
        result.processor.append(processor * 1000)
    }
    return result
}

/// A job on a 15-step SOP taken to closed: about 20 revisions.
func jobWithManySteps(_ plant: BenchPlant) throws -> String {
    let steps = (1...15).map { "- [ ] Step \($0) of the long check\n" }.joined()
    let records = plant.records
    let sop = try records.createSOP(title: "Long check", body: Data("# Long check\n\n\(steps)".utf8), reason: "Bench", by: plant.author).id
    _ = try records.submitSOP(sop, reason: "Ready", by: plant.author)
    _ = try records.reviewSOP(sop, reason: "Checked", by: plant.reviewer)
    _ = try records.approveSOP(sop, effective: nil, reason: "Approved", by: plant.qa)
    let job = try records.createWorkOrder(sop: sop, equipment: BenchPlant.equipment(0), title: "Long check", assignee: "tess",
                                          reason: "Bench", by: plant.supervisor).id
    _ = try records.startWorkOrder(job, reason: nil, by: plant.technician)
    for step in 1...15 { _ = try records.signStep(job, number: step, note: nil, by: plant.technician) }
    _ = try records.completeWorkOrder(job, reason: "Done", by: plant.technician)
    _ = try records.reviewWorkOrder(job, reason: "OK", by: plant.supervisor)
    _ = try records.closeWorkOrder(job, reason: "Released", by: plant.qa)
    return job
}

import Documents
import Foundation
import RecordIndex
import RecordRepo


// recrepo-bench [ACTS] [--keep]: each figure is printed beside a stock baseline measured in the same run,
// on the same disk: ratios, not absolute times, are what to read.
//   1. durable signed acts (300, one commit each, fsync on) beside the stock git CLI path;
//   2. batch append growing the repository to ACTS (default 100,000) beside git fast-import;
//   3. fetching and rendering a job's SOP on that repository, and SOP rendering beside plain cmark-gfm;
//   4. recrepo verify of that repository beside git fsck --full, with peak memory;
//   5. backup and a recovery drill beside git clone --mirror (and git fsck --full);
//   6. the derived index: rebuild, incremental update, revisions, field history, audit query;
//   7. an import of ACTS rows of legacy maintenance history beside a batch append of as many acts
//      (--import-only runs this one alone);
//   8. a maintenance plant: pm run beside a batch append, pm compliance and wo list --mine, then its
//      quality records (instruments, calibrations, deviations, CAPAs): dashboard and cal impact; peak memory
//      (--maintenance-only runs this one alone);
//   9. the web application: the job page under wrk beside nginx, and 20 technicians signing at once,
//      with the server's peak memory (--web-only runs this one alone).

if CommandLine.arguments.contains("--help") || CommandLine.arguments.contains("-h") {
    print("""
        usage: recrepo-bench [ACTS] [--keep] [--batch-only | --import-only | --maintenance-only]
          ACTS           the size of the repository, and of the import (default 100000)
          --keep         leave the benchmark repositories behind
          --batch-only   stop after the durable acts and the batch append
          --import-only  run only the import of ACTS legacy rows beside a batch append of as many acts
          --maintenance-only  run only the maintenance plant: pm run, pm compliance, wo list --mine,
                              then its quality records: dashboard, cal impact
          --web-only     run only the web application: the job page beside nginx, 20 concurrent signers
        """)
    exit(0)
}
let target = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 100_000
let durableActs = 300
let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("recrepo").path
let work = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-bench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
// --keep leaves the benchmark repositories behind for a closer look (profiling, git log).
let keep = CommandLine.arguments.contains("--keep")
defer { if keep { print("kept: \(work.path)") } else { try? FileManager.default.removeItem(at: work) } }

if CommandLine.arguments.contains("--web-only") {
    try await webBenchmark(work: work, executable: executable)
    if !keep { try? FileManager.default.removeItem(at: work) }
    exit(0)
}
if CommandLine.arguments.contains("--maintenance-only") {
    try maintenanceBenchmark(work: work, executable: executable)
    if !keep { try? FileManager.default.removeItem(at: work) }
    exit(0)
}
if CommandLine.arguments.contains("--import-only") {
    try importBenchmark(count: target, work: work)
    if !keep { try? FileManager.default.removeItem(at: work) }
    exit(0)
}
say("recrepo-bench: \(durableActs) durable acts, then a repository grown to \(target) acts; fsync on")
let repository = work.appendingPathComponent("records").path
let plant = try BenchPlant(at: repository)
try durableBenchmark(plant: plant, acts: durableActs, work: work)
let earlyIndex = try RecordIndex.open(for: plant.records)
let earlyUpdates = try incrementalUpdates(plant: plant, index: earlyIndex, count: UpdateTimes.count)
if target > durableActs {
    // The batch's work orders take the numbers after the last one written so far.
    let next = try RecordID.number(of: earlyUpdates.lastWorkOrder, kind: .workOrder) + 1
    try batchBenchmark(plant: plant, from: next, to: target, work: work)
}
// --batch-only stops here (for looking at the write paths alone).
if CommandLine.arguments.contains("--batch-only") { exit(0) }
try jobSOPBenchmark(plant: plant)
try indexBenchmark(plant: plant, repository: repository, early: earlyUpdates)
runRenderBenchmark()
verifyBenchmark(repository: repository, executable: executable, records: plant.records)
verifyWithoutReplayBenchmark(records: plant.records)
backupBenchmark(repository: repository, executable: executable, work: work)
try importBenchmark(count: target, work: work)
try maintenanceBenchmark(work: work, executable: executable)
try await webBenchmark(work: work, executable: executable)

import Documents
import Foundation
import RecordRepo

/// Grows the repository to `target` acts with batch appends (one pack, one fsync, one
/// compare-and-swap per batch), beside `git fast-import` writing the same records unsigned.
func batchBenchmark(plant: BenchPlant, from first: Int, to target: Int, work: URL) throws {
    let batchSize = 20_000
    var index = first
    let total = try timed {
        while index <= target {
            let last = min(index + batchSize - 1, target)
            let acts = try (index...last).map { try plant.creation($0) }
            try plant.records.ledger.appendBatch(acts, basedOn: try plant.records.ledger.head())
            index = last + 1
        }
    }
    let count = target - first + 1
    let ours = Double(count) / total

    let stream = fastImportStream(from: first, to: target, sop: plant.sop)
    let baseline = work.appendingPathComponent("fast-import.git").path
    _ = spawn("/usr/bin/git", ["init", "-q", "--bare", baseline])
    let imported = spawn("/usr/bin/git", ["-C", baseline, "fast-import", "--quiet"], input: stream)
    let theirs = Double(count) / imported.seconds
    say(String(format: "batch append of %d signed acts (batches of %d): %.0f acts/s", count, batchSize, ours))
    say(String(format: "  git fast-import, same records unsigned (exit %d): %.0f commits/s; ratio %.2f (target 0.30, stretch 0.50)",
                 imported.status, theirs, ours / theirs))
}

/// The fast-import stream that writes the benchmark's records one commit each, as we do.
func fastImportStream(from first: Int, to last: Int, sop: String) -> Data {
    var stream = Data()
    for index in first...last {
        let message = Data(Workload.message(index).utf8)
        let record = Workload.record(index, sop: sop)
        stream.append(Data("commit refs/heads/main\nmark :\(index)\ncommitter Bench Admin <bench> \(1_767_225_600 + index) +0000\ndata \(message.count)\n".utf8))
        stream.append(message)
        if index > first { stream.append(Data("from :\(index - 1)\n".utf8)) }
        stream.append(Data("M 100644 inline \(Workload.path(index))\ndata \(record.count)\n".utf8))
        stream.append(record)
        stream.append(Data("\n".utf8))
    }
    return stream
}

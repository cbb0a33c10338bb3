import Documents
import Foundation
import RecordRepo

// recrepo-bench: durable signed acts beside the stock git CLI doing the same acts one by one, and
// recrepo verify beside git fsck --full on the same repository. Ratios, not absolute times, are
// what to read: each baseline runs in the same process, on the same disk, right beside.

func run(_ executable: String, _ arguments: [String], input: Data? = nil) -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = inPipe
    do { try process.run() } catch { return (-1, "") }
    if let input { inPipe.fileHandleForWriting.write(input) }
    try? inPipe.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

func record(_ index: Int) -> Data {
    Data("{\n  \"id\": \"WO-\(String(format: "%06d", index))\",\n  \"status\": \"open\",\n  \"title\": \"Preventive maintenance of autoclave \(index % 40)\"\n}\n".utf8)
}

func path(_ index: Int) -> String { "wo/\(index / 10_000)/\(String(format: "%02d", index / 100 % 100))/WO-\(String(format: "%06d", index)).json" }

let acts = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 300
let work = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-bench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

print("recrepo-bench: \(acts) acts, one commit each, fsync on")
let records = try Records.initialize(at: work.appendingPathComponent("records").path, admin: "bench",
                                     name: "Bench Admin", password: "timing pass 01", kdf: KDFParameters(logN: 10))
let session = try records.authenticate("bench", password: "timing pass 01")
var latencies: [Double] = []
let start = Date()
for index in 1...acts {
    let begin = DispatchTime.now().uptimeNanoseconds
    let act = Act(record: "WO-\(index)", revision: 1, meaning: .authorship, reason: "Benchmark", summary: "Create WO-\(index)",
                  changes: [(try RecordPath(path(index)), record(index))])
    try records.ledger.append(act, by: session.signer, basedOn: try records.ledger.head())
    latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
}
let ours = Double(acts) / Date().timeIntervalSince(start)

// Baseline: stock git, the same acts one by one: blob, trees, ssh-signed commit-tree, update-ref.
let baselineRepo = work.appendingPathComponent("baseline.git").path
_ = run("/usr/bin/git", ["init", "-q", "--bare", baselineRepo])
_ = run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", work.appendingPathComponent("key").path])
let gitBase = ["-C", baselineRepo, "-c", "gpg.format=ssh", "-c", "user.signingkey=\(work.appendingPathComponent("key").path)",
               "-c", "user.name=Bench", "-c", "user.email=bench"]
let baselineActs = min(acts, 150)
var parent: String?
let baseStart = Date()
for index in 1...baselineActs {
    let blob = run("/usr/bin/git", gitBase + ["hash-object", "-w", "--stdin"], input: record(index)).1
    let leaf = run("/usr/bin/git", gitBase + ["mktree"], input: Data("100644 blob \(blob)\tWO-\(index).json\n".utf8)).1
    let root = run("/usr/bin/git", gitBase + ["mktree"], input: Data("040000 tree \(leaf)\two\n".utf8)).1
    let commit = run("/usr/bin/git", gitBase + ["commit-tree", "-S", root, "-m", "Create WO-\(index)"] + (parent.map { ["-p", $0] } ?? [])).1
    _ = run("/usr/bin/git", gitBase + ["update-ref", "refs/heads/main", commit] + (parent.map { [$0] } ?? []))
    parent = commit
}
let theirs = Double(baselineActs) / Date().timeIntervalSince(baseStart)
print(String(format: "durable signed acts: %.0f/s, p50 %.2f ms, p99 %.2f ms", ours, percentile(latencies, 0.5), percentile(latencies, 0.99)))
print(String(format: "stock git (hash-object, mktree, commit-tree -S, update-ref): %.0f/s", theirs))
print(String(format: "ratio: %.1fx the stock git path (target 4x); p99 target 25 ms", ours / theirs))

// Verify beside git fsck --full on the same repository.
let verifyStart = Date()
let report = records.ledger.verify(replay: PolicyReplay())
let verifyTime = Date().timeIntervalSince(verifyStart)
let fsckStart = Date()
let fsck = run("/usr/bin/git", ["-C", records.ledger.path, "fsck", "--full"])
let fsckTime = Date().timeIntervalSince(fsckStart)
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print(String(format: "recrepo verify of %d acts: %.3f s (ok: %@); git fsck --full: %.3f s (exit %d); ratio %.2fx (target 2x)",
             report.commits, verifyTime, report.ok ? "yes" : "no", fsckTime, fsck.0, verifyTime / fsckTime))
print("peak memory of this process: \(usage.ru_maxrss / 1024) MiB")

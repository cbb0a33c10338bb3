import Documents
import Foundation

// Helpers of recrepo-bench: starting the stock git baselines and measuring them. Only the
// benchmark starts processes; the product never does.

struct Finished {
    let status: Int32
    let seconds: Double
    /// Peak resident memory of the process, in MiB (from wait4).
    let peakMiB: Double
    let output: String
}

/// Starts `executable` under GNU time, whose report gives the command's own peak memory (Linux
/// carries a forking parent's peak across exec, so wait4 would report this large process's).
func measured(_ executable: String, _ arguments: [String]) -> Finished {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-bench-time-\(getpid())").path
    let run = spawn("/usr/bin/time", ["-f", "%M", "-o", report, executable] + arguments)
    let kib = (try? String(contentsOfFile: report, encoding: .utf8)).flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    try? FileManager.default.removeItem(atPath: report)
    return Finished(status: run.status, seconds: run.seconds, peakMiB: (kib ?? 0) / 1024, output: run.output)
}

/// Starts `executable` with `arguments`, feeds `input` to its stdin, and waits for it.
func spawn(_ executable: String, _ arguments: [String], input: Data? = nil) -> Finished {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0]
    guard pipe(&inPipe) == 0, pipe(&outPipe) == 0 else { return Finished(status: -1, seconds: 0, peakMiB: 0, output: "") }
    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    for fd in inPipe + outPipe { posix_spawn_file_actions_addclose(&actions, fd) }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let begin = DispatchTime.now().uptimeNanoseconds
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    close(inPipe[0]); close(outPipe[1])
    guard spawned == 0 else {
        close(inPipe[1]); close(outPipe[0])
        return Finished(status: -1, seconds: 0, peakMiB: 0, output: "")
    }
    let inputFD = inPipe[1]
    let writer = Thread {
        if let input { FileHandle(fileDescriptor: inputFD, closeOnDealloc: false).write(input) }
        close(inputFD)
    }
    writer.start()
    let output = FileHandle(fileDescriptor: outPipe[0], closeOnDealloc: true).readDataToEndOfFile()
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Finished(status: exit, seconds: seconds, peakMiB: Double(usage.ru_maxrss) / 1024,
                    output: String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

/// Seconds of processor time the calling thread spent in `body` (its own work and the kernel's
/// on its behalf, not the time it waited): a measure that other load on the machine moves less.
func threadTime(_ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    let begin = now()
    try body()
    return now() - begin
}

/// Seconds taken by `body`.
func timed(_ body: () throws -> Void) rethrows -> Double {
    let begin = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
}

/// The work orders the benchmarks write (the same bytes for our acts and for the baselines).
enum Workload {
    static func id(_ index: Int) -> String { "WO-" + String(format: "%06d", index) }

    static func path(_ index: Int) -> String { (try? RecordID.path(kind: .workOrder, id: id(index))) ?? "" }

    static func record(_ index: Int, sop: String) -> Data {
        let order = WorkOrder(id: id(index), title: "Preventive maintenance of autoclave \(index % 40)", sop: sop,
                              equipment: BenchPlant.equipment(index), assignee: "tess", createdBy: "sam",
                              createdAt: "2026-01-01T00:00:00Z")
        return (try? CanonicalJSON.encode(order)) ?? Data()
    }

    static func message(_ index: Int) -> String {
        "Create \(id(index))\n\nRecord: \(id(index))\nRevision: 1\nMeaning: authorship\nSigner: sam\n"
            + "Signer-Name: Bench sam\nSigned-At: 2026-01-01T00:00:00Z\nReason: Migrated from the paper archive\n"
    }
}

/// Prints a line and flushes it at once, so that a long run shows each figure as it comes.
func say(_ line: String) {
    print(line)
    fflush(nil)
}

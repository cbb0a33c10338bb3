import Documents
import Foundation
import RecordRepo

/// `recrepo verify` of the whole repository, as the command a person runs (its own process, so
/// its peak memory is its own), beside `git fsck --full` on the same repository.
func verifyBenchmark(repository: String, executable: String, records: Records) {
    let verify = measured(executable, ["verify", "--repo", repository, "--format", "json"])
    let fsck = measured("/usr/bin/git", ["-C", repository, "fsck", "--full"])
    let commits = verify.output.split(separator: ",").first { $0.contains("\"commits\"") }
        .flatMap { Int($0.filter(\.isNumber)) } ?? 0
    say(String(format: "recrepo verify of %d acts: %.2f s (exit %d), peak memory %.0f MiB",
                 commits, verify.seconds, verify.status, verify.peakMiB))
    say(String(format: "  git fsck --full: %.2f s (exit %d), peak memory %.0f MiB; ratio %.2fx (target 2x, stretch 1.2x)",
                 fsck.seconds, fsck.status, fsck.peakMiB, verify.seconds / fsck.seconds))
}

/// Checks 1, 2 and 4 alone (objects, signatures, checkpoints: what fsck's work compares with),
/// in this process, to show what the replay of check 3 adds.
func verifyWithoutReplayBenchmark(records: Records) {
    var ok = false
    let seconds = timed { ok = records.ledger.verify(replay: nil).ok }
    say(String(format: "  checks 1, 2 and 4 only (objects, signatures, checkpoints; no replay), in-process: %.2f s (ok: %@)",
               seconds, ok ? "yes" : "no"))
}

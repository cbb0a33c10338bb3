import Foundation

/// `recrepo backup` to an empty destination beside `git clone --mirror --no-local`, and
/// `recrepo drill` beside that clone plus `git fsck --full`, each as the command a person runs.
func backupBenchmark(repository: String, executable: String, work: URL) {
    let ours = spawn(executable, ["backup", "--repo", repository, work.appendingPathComponent("backup.git").path])
    let clone = work.appendingPathComponent("mirror.git").path
    let theirs = spawn("/usr/bin/git", ["clone", "-q", "--mirror", "--no-local", repository, clone])
    say(String(format: "recrepo backup to an empty destination: %.2f s (exit %d)", ours.seconds, ours.status))
    say(String(format: "  git clone --mirror --no-local: %.2f s (exit %d); ratio %.2fx (target 1.25x)",
                 theirs.seconds, theirs.status, ours.seconds / theirs.seconds))
    setenv("RECREPO_USER", "bench", 1)
    setenv("RECREPO_PASSWORD", BenchPlant.password, 1)
    let drill = spawn(executable, ["drill", "--repo", repository, "--reason", "Benchmark drill"])
    let fsck = spawn("/usr/bin/git", ["-C", clone, "fsck", "--full"])
    say(String(format: "recrepo drill (restore a copy, verify all four checks, compare, sign): %.2f s (exit %d)",
                 drill.seconds, drill.status))
    say(String(format: "  git clone --mirror --no-local + git fsck --full: %.2f s; ratio %.2fx (target 1.1x)",
                 theirs.seconds + fsck.seconds, drill.seconds / (theirs.seconds + fsck.seconds)))
}

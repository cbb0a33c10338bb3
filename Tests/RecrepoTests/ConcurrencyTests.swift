import Foundation
import Testing

@Suite struct ConcurrencyTests {
    /// Starts `sh -c script recrepo` acting as the admin on the CLI's repository.
    static func adminScript(_ script: String, cli: CLI) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, CLI.binary]
        var env = ProcessInfo.processInfo.environment
        env["RECREPO_REPO"] = cli.repo
        env["RECREPO_USER"] = "alice"
        env["RECREPO_PASSWORD"] = "admin password 1"
        env["RECREPO_NEW_PASSWORD"] = "one-time pass 12"
        process.environment = env
        try process.run()
        return process
    }

    @Test("4 processes x 25 account changes at once lose nothing, and verify passes")
    func parallelWriters() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        var processes: [Process] = []
        for writer in 0..<4 {
            let script = (0..<25).map { index in
                "\"$0\" user add w\(writer)u\(index) --name 'Writer \(writer) User \(index)' --role technician --identity 'badge: B-\(writer)-\(index)' --reason 'Load test' >/dev/null || exit 1"
            }.joined(separator: "\n")
            let process = try Self.adminScript(script, cli: cli)
            processes.append(process)
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let count = try Git.run(["rev-list", "--count", "main"], in: cli.repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(count == "101")
        #expect(try cli.run(["verify"]).status == 0)
        #expect(try Git.fsck(cli.repo).status == 0)
    }

    @Test("SIGKILL in the middle of acts leaves main at an old or new commit, and the next command works")
    func killMidAct() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        for round in 0..<6 {
            let before = try Git.run(["rev-list", "main"], in: cli.repo).stdout.split(separator: "\n").map(String.init)
            let script = (0..<50).map { index in
                "\"$0\" user add k\(round)u\(index) --name 'Kill \(index)' --role qa --reason 'Kill test' >/dev/null"
            }.joined(separator: "\n")
            let process = try Self.adminScript("exec 2>/dev/null\n" + script, cli: cli)
            usleep(UInt32(150_000 + round * 70_000))
            // Kill the shell and the recrepo it is running, whatever it is doing.
            _ = try Command.run("/usr/bin/pkill", ["-KILL", "-P", String(process.processIdentifier)])
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let head = try cli.head()
            let after = try Git.run(["rev-list", "main"], in: cli.repo).stdout.split(separator: "\n").map(String.init)
            #expect(after.last == before.last && after.contains(before[0]), "main descends from where it was")
            #expect(try Git.run(["cat-file", "-t", head], in: cli.repo).stdout.hasPrefix("commit"))
        }
        // A lock left behind by a crashed writer: reported, removed under the write lock, and the next act works.
        _ = FileManager.default.createFile(atPath: cli.repo + "/refs/heads/main.lock", contents: Data())
        let next = try cli.admin(["user", "add", "after", "--name", "After", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
                                 newPassword: "one-time pass 12")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("main.lock"))
        #expect(try cli.run(["verify"]).status == 0)
        #expect(try Git.fsck(cli.repo).status == 0)
    }
}

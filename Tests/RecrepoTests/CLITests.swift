import Documents
import Foundation
import Testing

@Suite struct CLITests {
    @Test("accounts through the CLI: add, passwd, disable, list, log and verify as JSON")
    func happyPath() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let added = try cli.admin(["user", "add", "bob", "--name", "Bob Tech", "--role", "technician", "--identity", "badge: B-1", "--reason", "New hire"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.split(separator: "\n").last == "bob")
        let generated = try cli.run(["user", "add", "carol", "--name", "Carol QA", "--role", "qa", "--identity", "badge: B-1", "--reason", "New hire"],
                                    user: "alice", password: "admin password 1")
        #expect(generated.stdout.contains("One-time password, shown once: "))
        let oneTime = String(try #require(generated.stdout.components(separatedBy: "shown once: ").last?
            .split(separator: "\n").first))
        let acknowledged = try cli.run(["acknowledge"], user: "carol", password: oneTime)
        #expect(acknowledged.status == 0, "\(acknowledged.stderr)")
        let changed = try cli.run(["passwd"], user: "carol", password: oneTime, newPassword: "a new pass phrase")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try cli.admin(["user", "disable", "bob", "--reason", "Left"]).status == 0)
        let list = try cli.run(["user", "list", "--format", "json"])
        let accounts = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(accounts?.map { $0["id"] as? String } == ["alice", "bob", "carol", "system"])
        let log = try cli.run(["log", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 6)
        #expect(Set(entries[0].keys) == ["commit", "time", "signer", "name", "meaning", "record", "revision", "reason", "event",
                                         "terminal", "recrepoVersion", "schemaVersion"])
        #expect(entries[0]["event"] as? String == "accounts.disable" && (entries[0]["terminal"] as? String)?.contains("no tty") == true)
        #expect(entries[0]["recrepoVersion"] as? String == Version.software && (entries[0]["schemaVersion"] as? String)?.hasPrefix("schemas-") == true)
        #expect(entries[0]["meaning"] as? String == "administration" && entries[0]["record"] as? String == "bob")
        let verify = try cli.run(["verify", "--format", "json"])
        #expect(verify.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == true && report["commits"] as? Int == 6)
        let signers = directory.appendingPathComponent("allowed").path
        #expect(try cli.run(["allowed-signers", "--output", signers]).status == 0)
        let problems = try Git.stockVerification(of: cli.repo, allowedSigners: try String(contentsOfFile: signers, encoding: .utf8))
        #expect(problems.isEmpty, "\(problems)")
        #expect(try Git.fsck(cli.repo).status == 0)
    }

    @Test("bad input: a clear one-line error, exit 1 or 2, and main unchanged", arguments: [
        ["user", "add", "../x", "--name", "X", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "add", ".git", "--name", "X", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "add", "a/b", "--name", "X", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "add", "Bob", "--name", "X", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "add", "bob", "--name", "Bob\nEvil: yes", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "add", "bob", "--name", "", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "add", "bob", "--name", String(repeating: "x", count: 101), "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "add", "bob", "--name", "Bob", "--role", "wizard", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "add", "bob", "--name", "Bob", "--reason", "r"],
        ["user", "add", "bob", "--name", "Bob", "--role", "qa", "--identity", "badge: B-1", "--reason", "two\nlines"],
        ["user", "add", "bob", "--name", "Bob", "--role", "qa", "--identity", "badge: B-1", "--reason", ""],
        ["user", "add", "bob", "--name", "Bob", "--role", "qa"],
        ["user", "add", String(repeating: "a", count: 40), "--name", "Bob", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
        ["user", "disable", "nobody", "--reason", "r"],
        ["user", "disable", "alice", "--reason", "r"],
        ["user", "frobnicate"],
    ])
    func badInput(arguments: [String]) throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try cli.head()
        let result = try cli.admin(arguments)
        #expect([1, 2].contains(result.status), "exit \(result.status)")
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty || result.status == 2)
        #expect(try cli.head() == before)
    }

    @Test("wrong password, disabled user and missing password are refused; only the wrong password's alert is written")
    func refusedIdentity() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wrong = try cli.run(["user", "add", "bob", "--name", "B", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
                                user: "alice", password: "not the password")
        #expect(wrong.status == 1 && wrong.stderr.contains("wrong password for alice; 4 more"))
        // The failed attempt is in the audit trail as a system-signed alert; the account was not created.
        let log = try cli.run(["log", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 2 && entries[0]["event"] as? String == "alert.raise" && entries[0]["signer"] as? String == "system")
        let alerts = try cli.run(["alerts", "--format", "json"])
        let open = try #require(try JSONSerialization.jsonObject(with: Data(alerts.stdout.utf8)) as? [[String: Any]])
        #expect(open.count == 1 && open[0]["kind"] as? String == "failed-sign-in" && open[0]["user"] as? String == "alice")
        #expect(Set(open[0].keys).isSuperset(of: ["id", "time", "kind", "user", "message"]))
        let before = try cli.head()
        let noPassword = try cli.run(["user", "add", "bob", "--name", "B", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"], user: "alice")
        #expect(noPassword.status == 2 && noPassword.stderr.contains("RECREPO_PASSWORD"))
        let noUser = try cli.run(["user", "add", "bob", "--name", "B", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"], password: "x")
        #expect(noUser.status == 2)
        #expect(try cli.head() == before)
    }

    @Test("no git process is ever started by the product")
    func noGitProcess() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trap = directory.appendingPathComponent("trap")
        try FileManager.default.createDirectory(at: trap, withIntermediateDirectories: true)
        let marker = directory.appendingPathComponent("started").path
        for tool in ["git", "ssh-keygen", "ssh", "gpg"] {
            let file = trap.appendingPathComponent(tool).path
            try "#!/bin/sh\necho \(tool) >> \(marker)\nexit 1\n".write(toFile: file, atomically: true, encoding: .utf8)
            chmod(file, 0o755)
        }
        var trapped = cli
        trapped.environment = ["PATH": trap.path]
        #expect(try trapped.run(["user", "add", "bob", "--name", "B", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"],
                                user: "alice", password: "admin password 1", newPassword: "new one-time 12").status == 0)
        #expect(try trapped.run(["checkpoint"]).status == 0)
        #expect(try trapped.run(["verify"]).status == 0)
        #expect(try trapped.run(["log"]).status == 0)
        #expect(try trapped.run(["allowed-signers"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}

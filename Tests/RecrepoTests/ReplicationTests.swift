import Foundation
import Testing

/// Backup, restore, drills and rollback detection, through the real binary.
@Suite struct ReplicationTests {
    /// A repository with a few acts: alice (admin) adds bob (technician), who changes his password.
    static func primary() throws -> (CLI, URL) {
        let (cli, directory) = try CLI.initialised()
        try cli.person("bob", role: "technician")
        return (cli, directory)
    }

    /// One act: alice creates a qa account for `id` (carol, the first, needs no custodian; the
    /// others name carol, who has not issued anything yet).
    static func addUser(_ cli: CLI, _ id: String) throws {
        let custodian = id == "carol" ? [] : ["--custodian", "carol"]
        let added = try cli.admin(["user", "add", id, "--name", "User \(id)", "--role", "qa", "--identity", "badge: B-1",
                                   "--reason", "New hire"] + custodian, newPassword: "one-time secret 1")
        guard added.status == 0 else { throw CLIFailure(output: added) }
    }

    @Test("backup, restore onto a fresh directory, keep working there; recrepo and stock git agree")
    func backupRestoreContinue() throws {
        let (cli, directory) = try Self.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let backup = directory.appendingPathComponent("backup.git").path
        let first = try cli.run(["backup", backup, "--with-keystore"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Git.run(["config", "receive.denyNonFastForwards"], in: backup).stdout.contains("true"))
        #expect(try Git.run(["config", "receive.denyDeletes"], in: backup).stdout.contains("true"))
        try Self.addUser(cli, "carol")
        let second = try cli.run(["backup", "file://" + backup])
        #expect(second.status == 0 && second.stdout.contains("Backed up 1 new commit"), "\(second.stdout)\(second.stderr)")
        #expect(try Git.run(["rev-parse", "main"], in: backup).stdout == (try Git.run(["rev-parse", "main"], in: cli.repo).stdout))

        let restoredPath = directory.appendingPathComponent("restored").path
        let restored = try Command.run(CLI.binary, ["restore", backup, restoredPath])
        #expect(restored.status == 0 && restored.stdout.contains("can sign"), "\(restored.stdout)\(restored.stderr)")
        let there = CLI(repo: restoredPath)
        try Self.addUser(there, "dave")
        #expect(try there.run(["verify"]).status == 0)
        #expect(try Git.fsck(restoredPath).status == 0)
        let signers = directory.appendingPathComponent("allowed").path
        #expect(try there.run(["allowed-signers", "--output", signers]).status == 0)
        #expect(try Git.stockVerification(of: restoredPath, allowedSigners: try String(contentsOfFile: signers, encoding: .utf8)).isEmpty)
    }

    @Test("a restore without the keystore is read-only and says so")
    func readOnlyRestore() throws {
        let (cli, directory) = try Self.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let backup = directory.appendingPathComponent("backup.git").path
        #expect(try cli.run(["backup", backup]).status == 0)
        let restoredPath = directory.appendingPathComponent("restored").path
        let restored = try Command.run(CLI.binary, ["restore", backup, restoredPath])
        #expect(restored.status == 0 && restored.stdout.contains("read-only"))
        let refused = try CLI(repo: restoredPath).admin(["user", "add", "x1", "--name", "X", "--role", "qa", "--identity", "badge: B-1", "--reason", "r"])
        #expect(refused.status == 1 && refused.stderr.contains("read-only"))
        #expect(try CLI(repo: restoredPath).run(["verify"]).status == 0)
    }

    @Test("a repository of packs and loose objects is copied whole: the same objects, and stock git finds nothing wrong")
    func packsAndLooseObjects() throws {
        let (cli, directory) = try Self.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        // git's own repack makes a pack with offset deltas; the acts after it stay loose.
        #expect(try Git.run(["repack", "-a", "-d", "-q"], in: cli.repo).status == 0)
        try Self.addUser(cli, "carol")
        try Self.addUser(cli, "dave")
        let backup = directory.appendingPathComponent("backup.git").path
        let result = try cli.run(["backup", backup])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Git.run(["fsck", "--full", "--strict"], in: backup).status == 0)
        let objects = { (repo: String) throws -> [String] in
            try Git.run(["rev-list", "--objects", "--all"], in: repo).stdout.split(separator: "\n").map(String.init).sorted()
        }
        #expect(try objects(backup) == objects(cli.repo))
        #expect(try CLI(repo: backup).run(["verify"]).status == 0)
    }

    @Test("a damaged pack in the repository stops the backup before the replica's main is set")
    func damagedSourcePack() throws {
        let (cli, directory) = try Self.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Git.run(["repack", "-a", "-d", "-q"], in: cli.repo).status == 0)
        let folder = cli.repo + "/objects/pack"
        let pack = URL(fileURLWithPath: folder + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".pack") })))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pack.path)
        var bytes = try Data(contentsOf: pack)
        bytes[bytes.count / 2] ^= 0xff
        try bytes.write(to: pack)
        let backup = directory.appendingPathComponent("backup.git").path
        let result = try cli.run(["backup", backup])
        #expect(result.status == 1 && result.stderr.contains("cannot be read completely"), "\(result.stdout)\(result.stderr)")
        #expect(try Git.run(["rev-parse", "--verify", "-q", "main"], in: backup).stdout.isEmpty, "the replica's main is not set")
    }

    @Test("a backup altered on disk fails verify and restore, naming what is wrong", arguments: ["flip", "delete"])
    func alteredBackup(damage: String) throws {
        let (cli, directory) = try Self.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A copy of the repository as files: loose objects, as a backup by file copy would be.
        let backup = directory.appendingPathComponent("copy").path
        try FileManager.default.copyItem(atPath: cli.repo, toPath: backup)
        let blob = try Git.run(["rev-parse", "main:accounts/bob.json"], in: backup).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let loose = "\(backup)/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        if damage == "delete" {
            try FileManager.default.removeItem(atPath: loose)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: loose)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: loose))
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: loose))
        }
        let verify = try CLI(repo: backup).run(["verify"])
        #expect(verify.status == 1 && verify.stdout.contains(blob), "\(verify.stdout)")
        let target = directory.appendingPathComponent("restored").path
        let restore = try Command.run(CLI.binary, ["restore", backup, target])
        #expect(restore.status == 1 && !restore.stderr.isEmpty, "\(restore.stdout)")
        #expect(!FileManager.default.fileExists(atPath: target), "nothing is left where the restore was refused")
    }

    @Test("a byte flipped in a backup's pack fails verify and restore")
    func damagedPack() throws {
        let (cli, directory) = try Self.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let backup = directory.appendingPathComponent("backup.git").path
        #expect(try cli.run(["backup", backup]).status == 0)
        let packs = try FileManager.default.contentsOfDirectory(atPath: backup + "/objects/pack").filter { $0.hasSuffix(".pack") }
        let pack = URL(fileURLWithPath: backup + "/objects/pack/" + (try #require(packs.first)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pack.path)
        var bytes = try Data(contentsOf: pack)
        bytes[bytes.count / 2] ^= 0xff
        try bytes.write(to: pack)
        #expect(try CLI(repo: backup).run(["verify"]).status == 1)
        let restore = try Command.run(CLI.binary, ["restore", backup, directory.appendingPathComponent("r").path])
        #expect(restore.status == 1, "\(restore.stdout)")
    }

    @Test("rollback: verify --against names the missing commits; the shorter history cannot be pushed to the replica")
    func rollback() throws {
        let (cli, directory) = try Self.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let replica = directory.appendingPathComponent("replica.git").path
        let old = try cli.head()
        try Self.addUser(cli, "carol")
        try Self.addUser(cli, "dave")
        #expect(try cli.run(["backup", replica]).status == 0)
        let lagging = directory.appendingPathComponent("lagging.git").path
        _ = try Git.run(["clone", "-q", "--bare", "--no-local", replica, lagging], in: directory.path)
        try Self.addUser(cli, "erin")
        let lag = try cli.run(["verify", "--against", replica])
        #expect(lag.status == 0 && lag.stdout.contains("lags by 1"), "\(lag.stdout)")
        let dropped = try Git.run(["rev-list", "\(old)..main"], in: cli.repo).stdout.split(separator: "\n").map(String.init)
        _ = try Git.run(["update-ref", "refs/heads/main", old], in: cli.repo)
        let against = try cli.run(["verify", "--against", replica, "--format", "json"])
        #expect(against.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(against.stdout.utf8)) as? [String: Any])
        let missing = try #require(json["missingHere"] as? [String])
        #expect(missing.count == 2 && missing.allSatisfy { dropped.contains($0) }, "\(missing)")
        let refused = try cli.run(["backup", replica])
        #expect(refused.status == 1 && refused.stderr.contains("does not contain"), "\(refused.stderr)")
        let forced = try Git.run(["push", "--force", replica, "main:main"], in: cli.repo)
        #expect(forced.status != 0 && forced.stderr.contains("non-fast-forward"), "\(forced.stderr)")
        #expect(try Git.run(["push", replica, ":refs/heads/main"], in: cli.repo).status != 0, "deletion refused")
        _ = lagging
    }

    @Test("drill signs its result with the figures; a drill from a damaged backup records a failed drill")
    func drills() throws {
        let (cli, directory) = try Self.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let drill = try cli.admin(["drill", "--reason", "Quarterly recovery drill"])
        #expect(drill.status == 0, "\(drill.stderr)")
        #expect(drill.stdout.contains("Recovery drill passed") && drill.stdout.split(separator: "\n").last == "DRILL-000001")
        let log = try cli.run(["log"]).stdout
        #expect(log.contains("backup-drill  DRILL-000001") && log.contains("Recovery drill passed: 4 commits"), "\(log)")

        let backup = directory.appendingPathComponent("copy").path
        try FileManager.default.copyItem(atPath: cli.repo, toPath: backup)
        let blob = try Git.run(["rev-parse", "main:accounts/bob.json"], in: backup).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: "\(backup)/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        let failed = try cli.admin(["drill", "--from", backup, "--reason", "Drill from the off-site copy"])
        #expect(failed.status == 1 && failed.stdout.contains("Recovery drill FAILED"), "\(failed.stdout)\(failed.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["log", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["meaning"] as? String == "backup-drill" && json.first?["record"] as? String == "DRILL-000002")
        #expect(try cli.run(["verify"]).status == 0, "drill acts replay")
    }
}

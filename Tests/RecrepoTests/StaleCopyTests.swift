import Documents
import Foundation
@testable import RecordRepo
import Testing

/// A copy that verifies may still be old: restore and drill say how far it lags the newest
/// checkpoint or `main` they know of, a drill from a stale copy is signed as stale, and a drill
/// record that says otherwise fails verify even when signed with a real key.
@Suite struct StaleCopyTests {
    /// The drill record `id` as the last commit of `repository` holds it, read with stock git.
    static func drillRecord(_ id: String, in repository: String) throws -> [String: Any] {
        let path = try RecordID.path(kind: .drill, id: id)
        let shown = try Git.run(["show", "main:\(path)"], in: repository)
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "\(shown.stderr)")
    }

    @Test("restoring an older backup says where the copy ends and how far it lags the newest checkpoint and main known")
    func staleRestore() throws {
        let (cli, directory) = try ReplicationTests.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let backup = directory.appendingPathComponent("backup.git").path
        #expect(try cli.run(["backup", backup]).status == 0)
        let old = try cli.head()
        try ReplicationTests.addUser(cli, "carol")
        #expect(try cli.run(["checkpoint"]).status == 0)
        try ReplicationTests.addUser(cli, "dave")

        // RECREPO_REPO names the repository the backup was made from.
        let restored = try cli.run(["restore", backup, directory.appendingPathComponent("restored").path])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("The copy ends at commit \(old.prefix(12))") && restored.stdout.contains("act 4)"), "\(restored.stdout)")
        #expect(restored.stdout.contains("the newest known is main of \(cli.repo) at commit \(try cli.head().prefix(12))")
            && restored.stdout.contains("2 acts later") && restored.stdout.contains("lacks checkpoint 000000005"), "\(restored.stdout)")

        let alone = try Command.run(CLI.binary, ["restore", backup, directory.appendingPathComponent("alone").path])
        #expect(alone.status == 0 && alone.stdout.contains("nothing newer is known") && alone.stdout.contains("--repo"), "\(alone.stdout)")
    }

    @Test("a drill from a stale copy is signed as stale with its lag and exits 1; from a fresh copy it passes; both replay")
    func staleDrill() throws {
        let (cli, directory) = try ReplicationTests.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let backup = directory.appendingPathComponent("backup.git").path
        #expect(try cli.run(["backup", backup]).status == 0)
        try ReplicationTests.addUser(cli, "carol")
        #expect(try cli.run(["checkpoint"]).status == 0)
        let newest = try cli.head()

        let stale = try cli.admin(["drill", "--from", backup, "--reason", "Drill from the nightly copy"])
        #expect(stale.status == 1 && stale.stdout.contains("Recovery drill STALE, 1 act behind"), "\(stale.stdout)\(stale.stderr)")
        #expect(stale.stdout.contains("1 act later, which the copy lacks") && stale.stdout.split(separator: "\n").last == "DRILL-000001")
        let record = try Self.drillRecord("DRILL-000001", in: cli.repo)
        let lag = try #require(record["lag"] as? [String: Any])
        #expect(record["result"] as? String == "stale" && lag["acts"] as? Int == 1 && lag["newestCommit"] as? String == newest, "\(record)")
        #expect(try cli.run(["log"]).stdout.contains("Recovery drill STALE, 1 act behind"))

        #expect(try cli.run(["backup", backup]).status == 0)
        let fresh = try cli.admin(["drill", "--from", backup, "--reason", "Drill right after the backup"])
        #expect(fresh.status == 0 && fresh.stdout.contains("Recovery drill passed"), "\(fresh.stdout)\(fresh.stderr)")
        #expect((try Self.drillRecord("DRILL-000002", in: cli.repo)["lag"] as? [String: Any])?["acts"] as? Int == 0)
        let verify = try cli.run(["verify"])
        #expect(verify.status == 0, "the drill acts replay: \(verify.stdout)")
    }

    /// Ways a drill record signed with a real key can misstate a stale copy.
    static let lies = ["passed while lagging", "lag understated", "copy not on this history", "no lag, as before it was measured"]

    @Test("a drill record signed with a real key that misstates its copy's lag fails verify; one without lag reads as before",
          arguments: lies)
    func forgedDrill(lie: String) throws {
        let repo = try TestRepository()
        let backup = repo.directory.appendingPathComponent("backup.git").path
        _ = try repo.records.ledger.backup(to: backup)
        _ = try repo.addUser("bob", roles: [.technician])
        repo.clock.advance(60)
        let honest = try repo.records.drill(from: backup, reason: "Drill from the nightly copy", by: try repo.admin())
        #expect(honest.result == .stale && honest.lag?.acts == 3, "\(honest)")
        let replay = RecordsReplay(checklist: TestRepository.checklist)
        #expect(try Ledger.open(at: repo.path).verify(replay: replay).failures.isEmpty)

        var forged = honest
        forged.id = "DRILL-000002"
        switch lie {
        case "passed while lagging": forged.result = .pass
        case "lag understated": forged.lag?.acts = 1
        case "copy not on this history": forged.head = String(repeating: "ab", count: 20)
        default: (forged.lag, forged.result) = (nil, .pass)
        }
        repo.clock.advance(60)
        forged.performedAt = Timestamp.iso(repo.clock.now)
        let act = Act(record: forged.id, revision: 1, meaning: .backupDrill, event: "drill.record", reason: "Drill from the nightly copy",
                      summary: forged.summary, changes: [(try RecordPath(RecordID.path(kind: .drill, id: forged.id)), try CanonicalJSON.encode(forged))])
        let admin = try repo.admin()
        let appended = try repo.records.ledger.append(act, by: admin.signer, basedOn: try repo.head())
        let failures = try Ledger.open(at: repo.path).verify(replay: replay).failures
        if lie.hasPrefix("no lag") {
            #expect(failures.isEmpty, "a drill record of the earlier form still verifies: \(failures)")
        } else {
            #expect(failures.contains { $0.commit == appended.commit.hex && $0.record == forged.id }, "\(failures)")
        }
    }
}

import Documents
import Foundation
@testable import RecordRepo
import Testing

@Suite struct BatchTests {
    static func act(_ number: Int, text: String = "{}\n") throws -> Act {
        let id = String(format: "WO-%06d", number)
        return Act(record: id, revision: 1, meaning: .execution, reason: "Migrated from paper", summary: "Migrate \(id)",
                   changes: [(try RecordPath(String(format: "wo/%04d/%@.json", number / 100, id)), Data(text.utf8))])
    }

    static func packs(_ repository: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repository + "/objects/pack")) ?? []
        return names.filter { $0.hasSuffix(".pack") }
    }

    @Test("a batch lands as one pack of consecutive signed commits that stock git verifies")
    func batch() throws {
        let repo = try TestRepository()
        let bob = try repo.addUser("bob", roles: [.technician])
        let ledger = repo.records.ledger
        let before = try #require(try ledger.head())
        let loose = try Git.run(["count-objects"], in: repo.path).stdout
        let acts = try (1...250).map { SignedAct(try Self.act($0, text: "{\"n\": \($0)}\n"), by: bob.signer) }
        let appended = try ledger.appendBatch(acts, basedOn: before)
        #expect(appended.count == 250)
        #expect(try ledger.head() == appended.last?.commit)
        #expect(Self.packs(repo.path).count == 1)
        #expect(try Git.run(["count-objects"], in: repo.path).stdout == loose, "no loose objects were added")
        let chain = try Git.run(["rev-list", "--first-parent", "\(before.hex)..main"], in: repo.path).stdout
        #expect(chain.split(separator: "\n").count == 250)
        #expect(try ledger.read(try RecordPath("wo/0001/WO-000123.json")) == Data("{\"n\": 123}\n".utf8))
        #expect(try Git.fsck(repo.path).status == 0)
        let problems = try Git.stockVerification(of: repo.path, allowedSigners: try ledger.allowedSigners())
        #expect(problems.isEmpty, "\(problems)")
        #expect(ledger.verify(replay: PolicyReplay()).ok)
        // The ledger goes on working after a batch.
        repo.clock.advance(1)
        try ledger.append(try Self.act(251), by: bob.signer, basedOn: try ledger.head())
        #expect(ledger.verify(replay: PolicyReplay()).ok)
    }

    @Test("a batch with one bad act writes nothing: main, packs and loose objects unchanged")
    func allOrNothing() throws {
        let repo = try TestRepository()
        let bob = try repo.addUser("bob", roles: [.technician])
        let ledger = repo.records.ledger
        let before = try ledger.head()
        let loose = try Git.run(["count-objects"], in: repo.path).stdout
        let bad = Act(record: "WO-000003", revision: 1, meaning: .execution, reason: "", summary: "Migrate",
                      changes: [(try RecordPath("wo/0000/WO-000003.json"), Data("{}\n".utf8))])
        let acts = [SignedAct(try Self.act(1), by: bob.signer), SignedAct(try Self.act(2), by: bob.signer),
                    SignedAct(bad, by: bob.signer)]
        #expect(throws: LedgerError.self) { try ledger.appendBatch(acts, basedOn: before) }
        #expect(try ledger.head() == before)
        #expect(Self.packs(repo.path).isEmpty)
        #expect(try Git.run(["count-objects"], in: repo.path).stdout == loose)
    }

    @Test("a batch built on a stale head conflicts when one of its records moved")
    func conflict() throws {
        let repo = try TestRepository()
        let bob = try repo.addUser("bob", roles: [.technician])
        let ledger = repo.records.ledger
        let stale = try ledger.head()
        repo.clock.advance(1)
        try ledger.append(try Self.act(2, text: "{\"x\": 1}\n"), by: bob.signer, basedOn: stale)
        let moved = try ledger.head()
        let acts = [SignedAct(try Self.act(1), by: bob.signer), SignedAct(try Self.act(2), by: bob.signer)]
        #expect(throws: LedgerError.self) { try ledger.appendBatch(acts, basedOn: stale) }
        #expect(try ledger.head() == moved)
    }
}

import Documents
import Foundation
@testable import RecordRepo
import Testing

@Suite struct LedgerTests {
    @Test("every act is one commit that git fsck and stock verify-commit accept, principal = author")
    func stockGitAgrees() throws {
        let repo = try TestRepository()
        try repo.addUser("bob", roles: [.technician])
        try repo.addUser("carol", roles: [.qa])
        repo.clock.advance(5)
        _ = try repo.records.disableUser("carol", reason: "Left the company", by: try repo.admin())
        _ = try repo.records.ledger.checkpoint(by: try repo.records.keystore.systemSigner())
        #expect(try Git.fsck(repo.path).status == 0)
        let problems = try Git.stockVerification(of: repo.path, allowedSigners: try repo.records.ledger.allowedSigners())
        #expect(problems.isEmpty, "\(problems)")
        #expect(try repo.records.ledger.log().count == 8)
        #expect(repo.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist)).ok)
    }

    @Test("trailers carry the signature manifestation, and author = committer = signer")
    func trailers() throws {
        let repo = try TestRepository()
        let head = try #require(try repo.head())
        let raw = try Git.run(["cat-file", "commit", head.hex], in: repo.path).stdout
        #expect(raw.contains("author Alice Admin <alice> 1764057600 +0000"))
        #expect(raw.contains("committer Alice Admin <alice> 1764057600 +0000"))
        for line in ["Record: alice", "Revision: 1", "Meaning: administration", "Signer: alice",
                     "Signer-Name: Alice Admin", "Signed-At: 2025-11-25T08:00:00Z"] {
            #expect(raw.contains("\n\(line)\n"), "missing \(line)")
        }
        #expect(!raw.contains("-----END SSH SIGNATURE-----\n \n"), "no stray line after the signature")
    }

    @Test("an act rebuilds on a head that moved elsewhere, and conflicts when its record moved")
    func compareAndSwap() throws {
        let repo = try TestRepository()
        let bob = try repo.addUser("bob", roles: [.technician])
        let ledger = repo.records.ledger
        let stale = try ledger.head()
        repo.clock.advance(1)
        let act = { (path: String, text: String) in
            Act(record: "T-1", revision: 1, meaning: .execution, reason: "Test", summary: "Test",
                changes: [(try RecordPath(path), Data(text.utf8))])
        }
        try ledger.append(try act("wo/0/00/WO-000001.json", "{}\n"), by: bob.signer, basedOn: stale)
        // Built on the stale head, touching another file: rebuilt on the new head.
        let rebuilt = try ledger.append(try act("wo/0/00/WO-000002.json", "{}\n"), by: bob.signer, basedOn: stale)
        #expect(try ledger.head() == rebuilt.commit)
        #expect(try ledger.read(try RecordPath("wo/0/00/WO-000001.json")) != nil)
        // Built on the stale head, touching the file that moved: conflict, main unchanged.
        let before = try ledger.head()
        #expect(throws: LedgerError.self) {
            try ledger.append(try act("wo/0/00/WO-000001.json", "{\"x\":1}\n"), by: bob.signer, basedOn: stale)
        }
        #expect(try ledger.head() == before)
    }

    @Test("the clock never goes backwards along main")
    func clockBehind() throws {
        let repo = try TestRepository()
        repo.clock.advance(-3600)
        let before = try repo.head()
        #expect(throws: DocumentsError.self) {
            _ = try repo.records.addUser("bob", name: "Bob", roles: [.technician], department: nil, identity: .init(method: "badge", reference: "B-1"), custodian: nil,
                                         password: nil, reason: "x", by: try repo.admin())
        }
        #expect(try repo.head() == before)
    }

    @Test("hostile paths never become tree entries", arguments: ["../x", ".git", "a/../b", "a//b", "/abs", "a\nb", "a\0b", ".GIT/x", "x/.Git", "a..b/x", "a/b..", ""])
    func hostilePaths(path: String) {
        #expect(throws: LedgerError.self) { try RecordPath(path) }
    }

    @Test("SSHSIG armor parses back and verifies; a changed message does not")
    func sshsig() throws {
        let key = Curve25519SigningKeyFactory.make()
        let armored = try SSHSignature.sign(Data("hello".utf8), with: key)
        #expect(!armored.hasSuffix("\n"))
        let parsed = try #require(SSHSignature.parse(Data(armored.utf8)))
        #expect(SSHSignature.isValid(parsed, for: Data("hello".utf8)))
        #expect(!SSHSignature.isValid(parsed, for: Data("hellO".utf8)))
        #expect(armored.split(separator: "\n").dropFirst().dropLast().allSatisfy { $0.count <= 70 })
    }

    @Test("ISO timestamps round-trip and reject near misses")
    func timestamps() {
        #expect(Timestamp.iso(Date(timeIntervalSince1970: 1_764_057_600)) == "2025-11-25T08:00:00Z")
        #expect(Timestamp.parse("2025-11-25T08:00:00Z") == Date(timeIntervalSince1970: 1_764_057_600))
        for bad in ["2025-11-25 08:00:00Z", "2025-13-25T08:00:00Z", "2025-11-25T08:00:00+01:00", "2025-02-30T08:00:00Z"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}

import Documents
import Foundation
import RecordRepo
import Testing

@Suite struct AccountTests {
    @Test("wrong passwords are counted; the fifth locks the account with a system-signed event")
    func lockout() throws {
        let repo = try TestRepository()
        try repo.addUser("bob", roles: [.technician], password: "the right password")
        for remaining in stride(from: 4, through: 1, by: -1) {
            #expect {
                _ = try repo.records.authenticate("bob", password: "wrong password \(remaining)")
            } throws: { error in
                guard case DocumentsError.wrongPassword(_, let left) = error else { return false }
                return left == remaining
            }
        }
        let before = try repo.head()
        #expect {
            _ = try repo.records.authenticate("bob", password: "wrong again")
        } throws: { error in
            if case DocumentsError.lockedOut = error { return true } else { return false }
        }
        // The failed attempt's alert, the lock, then the lockout's alert: all signed by the system.
        let acts = try repo.records.ledger.log().prefix(3).reversed().map { $0 }
        #expect(acts.first?.parent == before)
        #expect(acts.map(\.event) == ["alert.raise", "accounts.lock", "alert.raise"])
        #expect(acts.allSatisfy { $0.signer == "system" && $0.meaning == .securityEvent } && acts[1].record == "bob")
        #expect(try repo.records.account("bob")?.status == .locked)
        #expect {
            _ = try repo.records.authenticate("bob", password: "the right password")
        } throws: { error in
            if case DocumentsError.accountLocked = error { return true } else { return false }
        }
        // An admin resets: new key, new one-time password, which must be changed before signing.
        repo.clock.advance(5)
        _ = try repo.records.resetUser("bob", custodian: nil, password: "fresh one-time 1", reason: "Locked out", by: try repo.admin())
        let session = try repo.records.authenticate("bob", password: "fresh one-time 1")
        #expect(throws: DocumentsError.self) { try session.requireSigningAllowed() }
        #expect(repo.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist)).ok)
    }

    @Test("a successful password resets the failure count")
    func successResetsCount() throws {
        let repo = try TestRepository()
        try repo.addUser("bob", roles: [.technician], password: "the right password")
        for _ in 0..<4 { _ = try? repo.records.authenticate("bob", password: "nope nope nope") }
        _ = try repo.records.authenticate("bob", password: "the right password")
        for _ in 0..<4 { _ = try? repo.records.authenticate("bob", password: "nope nope nope") }
        #expect(try repo.records.account("bob")?.status == .active)
    }

    @Test("a one-time password must be changed first; the change closes the key the admin could know")
    func oneTimePassword() throws {
        let repo = try TestRepository()
        _ = try repo.records.addUser("bob", name: "Bob", roles: [.admin], department: nil, identity: .init(method: "badge", reference: "B-1"), custodian: nil,
                                     password: "one-time secret 1", reason: "x", by: try repo.admin())
        let first = try repo.records.authenticate("bob", password: "one-time secret 1")
        #expect(throws: DocumentsError.self) {
            _ = try repo.records.addUser("eve", name: "Eve", roles: [.qa], department: nil, identity: .init(method: "badge", reference: "B-1"), custodian: nil, password: nil,
                                         reason: "x", by: first)
        }
        let oldKey = try #require(try repo.records.account("bob")?.currentKey)
        repo.clock.advance(1)
        try repo.records.acknowledge(by: first)
        let acknowledged = try repo.records.authenticate("bob", password: "one-time secret 1")
        try repo.records.changePassword(acknowledged, to: "my new pass phrase", oldPassword: "one-time secret 1")
        let account = try #require(try repo.records.account("bob"))
        #expect(account.keys.count == 2 && account.keys[0].id == oldKey.id && account.keys[0].validBefore != nil)
        #expect(!account.mustChangePassword)
        #expect(throws: DocumentsError.self) { _ = try repo.records.authenticate("bob", password: "one-time secret 1") }
        let second = try repo.records.authenticate("bob", password: "my new pass phrase")
        try second.requireSigningAllowed()
        #expect(repo.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist)).ok)
    }

    @Test("an expired password must be changed before signing")
    func expiry() throws {
        let repo = try TestRepository()
        try repo.addUser("bob", roles: [.technician], password: "the right password")
        repo.clock.advance(91 * 86_400)
        let session = try repo.records.authenticate("bob", password: "the right password")
        #expect(session.passwordChangeReason?.contains("90 days") == true)
    }

    @Test("only admins manage accounts, never their own, IDs are never reused, disabled accounts do nothing")
    func administration() throws {
        let repo = try TestRepository()
        let bob = try repo.addUser("bob", roles: [.technician])
        let head = try repo.head()
        #expect(throws: DocumentsError.self) {
            _ = try repo.records.addUser("eve", name: "Eve", roles: [.qa], department: nil, identity: .init(method: "badge", reference: "B-1"), custodian: nil, password: nil, reason: "x", by: bob)
        }
        #expect(throws: DocumentsError.self) { _ = try repo.records.disableUser("alice", reason: "x", by: try repo.admin()) }
        #expect(throws: DocumentsError.self) {
            _ = try repo.records.resetUser("alice", custodian: nil, password: nil, reason: "x", by: try repo.admin())
        }
        #expect(try repo.head() == head)
        repo.clock.advance(1)
        _ = try repo.records.disableUser("bob", reason: "Left", by: try repo.admin())
        #expect(throws: DocumentsError.self) { _ = try repo.records.authenticate("bob", password: "user password 1") }
        #expect(throws: DocumentsError.self) {
            _ = try repo.records.addUser("bob", name: "Bob Again", roles: [.qa], department: nil, identity: .init(method: "badge", reference: "B-1"), custodian: nil, password: nil,
                                         reason: "x", by: try repo.admin())
        }
        #expect(throws: DocumentsError.self) {
            _ = try repo.records.resetUser("bob", custodian: nil, password: nil, reason: "x", by: try repo.admin())
        }
    }

    @Test("a sealed key copied into another user's slot does not open")
    func sealedKeyBinding() throws {
        let repo = try TestRepository()
        try repo.addUser("bob", roles: [.technician], password: "the right password")
        try repo.addUser("carol", roles: [.technician], password: "the right password")
        let bobKey = try #require(try repo.records.account("bob")?.currentKey)
        let sealed = try repo.records.keystore.load(user: "bob", keyID: bobKey.id)
        #expect(throws: KeystoreError.self) { _ = try sealed.open(password: "the right password", expectedUser: "carol") }
        _ = try sealed.open(password: "the right password", expectedUser: "bob")
        // Nothing secret is in history.
        let all = try Git.run(["log", "-p", "--all"], in: repo.path).stdout
        #expect(!all.contains(sealed.sealed.base64EncodedString()))
        #expect(!all.contains("the right password"))
    }

    @Test("canonical JSON: sorted keys, two-space indent, NFC, final newline")
    func canonical() throws {
        struct Sample: Encodable { let b: String; let a: [Int]; let c: [String: Bool]; let d: [Int] }
        let text = String(decoding: try CanonicalJSON.encode(Sample(b: "e\u{301}/\"x\"", a: [1, 2], c: ["z": true], d: [])), as: UTF8.self)
        #expect(text == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": \"\u{e9}/\\\"x\\\"\",\n  \"c\": {\n    \"z\": true\n  },\n  \"d\": []\n}\n")
    }
}

@Suite struct KeyValidityTests {
    @Test("key validity in the records is the signing time of the act, even when the clock moves while keys are sealed")
    func validityMatchesSigningTime() throws {
        let ticks = TestClock()
        let ticking = LedgerClock { ticks.advance(1); return ticks.now }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-tick-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let records = try Records.initialize(at: directory.path, admin: "alice", name: "Alice", password: "admin password 1",
                                             kdf: TestRepository.cheap, clock: ticking,
                                             checklist: TestRepository.checklist)
        let admin = try records.authenticate("alice", password: "admin password 1")
        _ = try records.addUser("bob", name: "Bob", roles: [.qa], department: nil, identity: .init(method: "badge", reference: "B-1"), custodian: nil, password: "one-time secret 1",
                                reason: "x", by: admin)
        try records.acknowledge(by: try records.authenticate("bob", password: "one-time secret 1"))
        let bob = try records.authenticate("bob", password: "one-time secret 1")
        try records.changePassword(bob, to: "a fresh phrase 22", oldPassword: "one-time secret 1")
        _ = try records.disableUser("bob", reason: "Left", by: admin)
        let problems = try Git.stockVerification(of: directory.path, allowedSigners: try records.ledger.allowedSigners())
        #expect(problems.isEmpty, "\(problems)")
        #expect(records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist)).ok)
    }
}

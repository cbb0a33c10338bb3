import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Dual control of credentials, the acknowledgement as each account's first act, and forged
/// account changes that verify refuses by the rule about them.
@Suite struct CredentialTests {
    static func expectRefused(_ error: any Error, field: String) -> Bool {
        guard case DocumentsError.invalidField(_, let named, _) = error else { return false }
        return named == field
    }

    @Test("a new account needs both halves: the administrator's and the custodian's; the held half is destroyed at issue")
    func splitOneTimePassword() throws {
        let plant = try Plant()
        plant.tick()
        let first = try plant.records.addUser("vic", name: "Vic Tech", roles: [.technician], department: nil,
                                              identity: Account.Identity(method: "passport", reference: "P99"), custodian: "quinn",
                                              password: "alice-half", reason: "New starter", by: try plant.repo.admin())
        #expect(!first.isWhole && first.account.currentKey == nil && first.account.custodian == "quinn")
        #expect(throws: DocumentsError.self) { _ = try plant.records.authenticate("vic", password: "alice-half") }
        #expect {
            _ = try plant.records.issueCredential("vic", password: "quinn-half", reason: "Issued", by: plant.quentin)
        } throws: { error in
            guard case DocumentsError.notPermitted(let user, _, let reason) = error else { return false }
            return user == "quentin" && reason.contains("quinn is its custodian")
        }
        plant.tick()
        let second = try plant.records.issueCredential("vic", password: "quinn-half", reason: "Issued", by: plant.quinn)
        #expect(!second.isWhole && second.account.currentKey != nil)
        #expect(try plant.records.keystore.heldHalf(user: "vic") == nil)
        #expect(throws: DocumentsError.self) { _ = try plant.records.authenticate("vic", password: "quinn-half") }
        let vic = try plant.records.authenticate("vic", password: "alice-halfquinn-half")
        #expect(throws: DocumentsError.self) { try vic.requireSigningAllowed() }
        let act = try #require(try plant.records.ledger.log().first { $0.record == "vic" && $0.event == "accounts.issue" })
        #expect(act.signer == "quinn")
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("the custodian must be another active admin or qa; none may be left out once one exists; main stays put")
    func custodianRules() throws {
        let plant = try Plant()
        let head = try plant.repo.head()
        for custodian in [nil, "alice", "tess", "vic", "nobody"] as [String?] {
            #expect {
                _ = try plant.records.addUser("vic", name: "Vic", roles: [.technician], department: nil,
                                              identity: Account.Identity(method: "badge", reference: "1"), custodian: custodian,
                                              password: "a-first-half", reason: "x", by: try plant.repo.admin())
            } throws: { Self.expectRefused($0, field: "custodian") }
        }
        #expect(try plant.repo.head() == head)
        #expect(try plant.records.keystore.heldHalf(user: "vic") == nil)
    }

    @Test("until an account acknowledges its signature it may sign nothing else, not even a password change")
    func acknowledgementFirst() throws {
        let repo = try TestRepository()
        _ = try repo.records.addUser("bob", name: "Bob", roles: [.technician], department: nil,
                                     identity: Account.Identity(method: "badge", reference: "7"), custodian: nil,
                                     password: "one-time secret 1", reason: "x", by: try repo.admin())
        let bob = try repo.records.authenticate("bob", password: "one-time secret 1")
        #expect {
            try repo.records.changePassword(bob, to: "my own phrase 12", oldPassword: "one-time secret 1")
        } throws: { error in
            guard case DocumentsError.notPermitted(_, _, let reason) = error else { return false }
            return reason.contains("recrepo acknowledge")
        }
        repo.clock.advance(1)
        let acknowledged = try repo.records.acknowledge(by: bob)
        #expect(acknowledged.acknowledgedAt != nil)
        let act = try repo.records.ledger.act(try #require(try repo.head()))
        #expect(act.meaning == .acknowledgement && act.signer == "bob" && act.reason == Account.acknowledgement)
        #expect(throws: DocumentsError.self) { try repo.records.acknowledge(by: try repo.records.authenticate("bob", password: "one-time secret 1")) }
    }

    @Test("every broken password rule is named at once, and an earlier password may not come back")
    func passwordRules() throws {
        let repo = try TestRepository()
        let bob = try repo.addUser("bob", roles: [.technician], password: "first phrase 111")
        #expect {
            try repo.records.changePassword(bob, to: "bob", oldPassword: "first phrase 111")
        } throws: { error in
            guard case DocumentsError.weakPassword(let reason) = error else { return false }
            return reason.contains("at least 12 characters") && reason.contains("user ID") && reason.contains("5 different")
        }
        repo.clock.advance(1)
        try repo.records.changePassword(bob, to: "second phrase 22", oldPassword: "first phrase 111")
        let again = try repo.records.authenticate("bob", password: "second phrase 22")
        #expect {
            try repo.records.changePassword(again, to: "first phrase 111", oldPassword: "second phrase 22")
        } throws: { error in
            guard case DocumentsError.weakPassword(let reason) = error else { return false }
            return reason.contains("last 5 passwords")
        }
    }

    /// Signs `account` as the next version of its record straight through the ledger.
    static func forge(_ plant: Plant, _ account: Account, event: String?, meaning: Meaning, by session: Session) throws -> ObjectID {
        try ReplayTests.forge(plant, record: account.id, meaning: meaning, event: event, revision: account.revision,
                              path: try Account.path(account.id).value, content: try CanonicalJSON.encode(account), by: session)
    }

    @Test("an administrator who swaps another person's key is refused: as a password change by the check rule, unnamed by the event rule")
    func keySwap() throws {
        for event in ["accounts.password", nil] as [String?] {
            let plant = try Plant()
            var tess = try #require(try plant.records.account("tess"))
            let stolen = try #require(try plant.records.account("alice")?.currentKey)
            tess.keys[tess.keys.count - 1].validBefore = Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))
            tess.keys.append(KeyGrant(id: stolen.id, publicKey: stolen.publicKey, validAfter: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
            tess.passwordSetAt = Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))
            tess.revision += 1
            let commit = try Self.forge(plant, tess, event: event, meaning: event == nil ? .administration : .securityEvent,
                                        by: try plant.repo.admin())
            if event != nil {
                EventReplayTests.expectRefused(plant, commit, by: .check)
            } else {
                let failures = ReplayTests.verify(plant).failures
                #expect(failures.first?.commit == commit.hex && failures.first?.message.contains("names no event") == true, "\(failures)")
            }
        }
    }

    @Test("an act by an account that has not acknowledged its signature is refused by the signer rule")
    func unacknowledgedSigner() throws {
        let (plant, commit) = try EventReplayTests.unacknowledgedSigner()
        EventReplayTests.expectRefused(plant, commit, by: .signer)
    }
}

@Suite struct ClosedKeyTests {
    @Test("an old sealed key renamed to the current key's ID is refused before anything is signed")
    func renamedOldKey() throws {
        let repo = try TestRepository()
        try repo.addUser("bob", roles: [.technician], password: "first phrase 111")
        let old = try #require(try repo.records.account("bob")?.currentKey)
        repo.clock.advance(1)
        try repo.records.changePassword(try repo.records.authenticate("bob", password: "first phrase 111"), to: "second phrase 22",
                                        oldPassword: "first phrase 111")
        let current = try #require(try repo.records.account("bob")?.currentKey)
        let keys = repo.records.keystore.directory.appendingPathComponent("keys/bob")
        try FileManager.default.removeItem(at: keys.appendingPathComponent("\(current.id).json"))
        try FileManager.default.copyItem(at: keys.appendingPathComponent("\(old.id).json"),
                                         to: keys.appendingPathComponent("\(current.id).json"))
        let head = try repo.head()
        #expect {
            _ = try repo.records.authenticate("bob", password: "first phrase 111")
        } throws: { error in
            guard case DocumentsError.keystore(.corrupt(let user, let detail)) = error else { return false }
            return user == "bob" && detail.contains("not the key the account holds")
        }
        #expect(try repo.head() == head)
    }
}

@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// The cross-record check of each event, one forged act each: written exactly as the event's own
/// `apply` gives it, signed by someone the policy allows, so that only the check refuses it; with
/// the check switched off, verify accepts it.
@Suite struct EventCheckTests {
    /// Signs what `event` applied to the record `id` gives, as `session`, a minute from now,
    /// straight through the ledger: every rule but the event's check is met.
    static func forge<Record: Codable & Sendable & Equatable, Input>(
        _ plant: Plant, _ event: RecordEvent<Record, Input>, of declaration: KindDeclaration<Record>, id: String,
        input: Input, by session: Session) throws -> ObjectID {
        let before = try plant.records.record(Record.self, kind: declaration.kind, id: id)
        let at = plant.repo.clock.now.addingTimeInterval(60)
        let record = try event.apply(before, input, Signing(user: session.account.id, at: at, in: try plant.records.policy().zone))
        plant.tick()
        let act = Act(record: id, revision: declaration.revision(record), meaning: event.meaning, event: declaration.trailer(of: event),
                      reason: "Forged", summary: "Forged \(event.name) of \(id)",
                      changes: [(try RecordPath(try RecordID.path(kind: declaration.kind, id: id)), try CanonicalJSON.encode(record))])
        return try plant.records.ledger.append(act, by: session.signer, basedOn: try plant.repo.head()).commit
    }

    static func refusedOnlyByTheCheck(_ plant: Plant, _ commit: ObjectID, sourceLocation: SourceLocation = #_sourceLocation) {
        EventReplayTests.expectRefused(plant, commit, by: .check, sourceLocation: sourceLocation)
        let without = plant.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist, skipping: [.check]))
        #expect(without.ok, "\(without.failures)", sourceLocation: sourceLocation)
    }

    @Test("a job planned on a retired SOP, on equipment that does not exist, or for someone who may not execute jobs",
          arguments: ["retired SOP", "unknown equipment", "assignee without wo.execute"])
    func workOrderCreation(fault: String) throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        if fault == "retired SOP" { plant.tick(); _ = try plant.records.retireSOP(sop.id, reason: "Withdrawn", by: plant.quinn) }
        let request = WorkOrderKind.Request(id: "WO-000001", title: "Job", sop: sop.id,
                                            equipment: fault == "unknown equipment" ? "AC-999" : "AC-101",
                                            assignee: fault == "assignee without wo.execute" ? "quinn" : "tess")
        let commit = try Self.forge(plant, WorkOrderKind.create, of: WorkOrderKind.declaration, id: "WO-000001", input: request,
                                    by: plant.sam)
        Self.refusedOnlyByTheCheck(plant, commit)
    }

    @Test("an account made without a custodian while one could be named")
    func accountWithoutCustodian() throws {
        let plant = try Plant()
        let key = PublicKeyInfo(id: "0123456789abcdef", publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID9Ye6/vVfAX3VgrN+QkDYwzG9ol9IFhbRfgZywuANHE")
        let request = AccountKind.Request(id: "vic", name: "Vic", roles: [.technician], department: nil,
                                          identity: Account.Identity(method: "badge", reference: "1"), custodian: nil, key: key)
        let commit = try Self.forge(plant, AccountKind.create, of: AccountKind.declaration, id: "vic", input: request, by: try plant.repo.admin())
        Self.refusedOnlyByTheCheck(plant, commit)
    }

    @Test("a credential issued by someone who is not its custodian: a lone administrator cannot finish one")
    func issueByAnotherThanTheCustodian() throws {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.addUser("vic", name: "Vic", roles: [.technician], department: nil,
                                      identity: Account.Identity(method: "badge", reference: "1"), custodian: "quinn",
                                      password: "alice-half", reason: "x", by: try plant.repo.admin())
        // The administrator makes a key of their own choosing and grants it as if they were the custodian.
        let key = try plant.records.keystore.generateKey(user: "vic", password: "alice-half-and-more", kdf: TestRepository.cheap)
        let commit = try Self.forge(plant, AccountKind.issue, of: AccountKind.declaration, id: "vic", input: key, by: try plant.repo.admin())
        Self.refusedOnlyByTheCheck(plant, commit)
    }

    @Test("an account locked by a person rather than by the system")
    func lockByAPerson() throws {
        let plant = try Plant()
        let commit = try Self.forge(plant, AccountKind.lock, of: AccountKind.declaration, id: "tess", input: (), by: try plant.repo.admin())
        Self.refusedOnlyByTheCheck(plant, commit)
    }

    @Test("a policy change approved by its own proposer")
    func ownPolicyApproval() throws {
        let plant = try Plant()
        let both = try plant.repo.addUser("ada", roles: [.admin, .qa])
        plant.tick()
        _ = try plant.records.proposePolicyChange(PolicyChangeTests.grantCancel, reason: "x", by: both)
        let commit = try Self.forge(plant, PolicyKind.approve, of: PolicyKind.declaration, id: "policy", input: (), by: both)
        Self.refusedOnlyByTheCheck(plant, commit)
    }

    @Test("an SOP approved effective on a day before its approval")
    func backdatedApproval() throws {
        let plant = try Plant()
        plant.tick()
        let sop = try plant.records.createSOP(title: "Check", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora)
        plant.tick(); _ = try plant.records.submitSOP(sop.id, reason: "Ready", by: plant.dora)
        plant.tick(); _ = try plant.records.reviewSOP(sop.id, reason: "Fine", by: plant.dan)
        let commit = try Self.forge(plant, SOPKind.approve, of: SOPKind.declaration, id: sop.id, input: "2020-01-01", by: plant.quinn)
        Self.refusedOnlyByTheCheck(plant, commit)
    }
}

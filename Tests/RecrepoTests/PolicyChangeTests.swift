import Documents
import Foundation
@testable import RecordRepo
import Testing

/// The policy under change control: an administrator proposes, someone else with
/// policy.approve (qa) approves, and only then does the change take effect.
@Suite struct PolicyChangeTests {
    static let grantCancel = PolicyKind.Proposal(grant: [.init(permission: .woCancel, role: .qa)], revoke: [],
                                                 set: [.init(key: .lockoutThreshold, value: 3)])

    @Test("a proposal changes nothing until qa approves it; then it is in force and both acts verify")
    func proposeAndApprove() throws {
        let plant = try Plant()
        plant.tick()
        let proposed = try plant.records.proposePolicyChange(Self.grantCancel, reason: "QA may cancel jobs", by: try plant.repo.admin())
        #expect(proposed.pending?.proposedBy == "alice" && !proposed.roles(for: .woCancel).contains(.qa) && proposed.lockoutThreshold == 5)
        plant.tick()
        let approved = try plant.records.approvePolicyChange(reason: "Agreed at the change board", by: plant.quinn)
        #expect(approved.pending == nil && approved.roles(for: .woCancel) == [.qa, .supervisor] && approved.lockoutThreshold == 3)
        #expect(approved.revision == proposed.revision + 1)
        let job = try plant.job(try plant.effectiveSOP(Plant.checklist).id)
        plant.tick()
        #expect(try plant.records.cancelWorkOrder(job.id, reason: "Duplicate", by: plant.quinn).status == .cancelled)
        #expect(ReplayTests.verify(plant).ok, "\(ReplayTests.verify(plant).failures)")
    }

    @Test("no one approves their own proposal, an admin cannot approve, qa cannot propose; main stays put")
    func segregation() throws {
        let plant = try Plant()
        let both = try plant.repo.addUser("ada", roles: [.admin, .qa])
        plant.tick()
        _ = try plant.records.proposePolicyChange(Self.grantCancel, reason: "x", by: both)
        let head = try plant.repo.head()
        #expect {
            try plant.records.approvePolicyChange(reason: "mine", by: both)
        } throws: { error in
            guard case DocumentsError.notPermitted(_, let action, _) = error else { return false }
            return action == "approve their own policy change"
        }
        #expect {
            try plant.records.approvePolicyChange(reason: "admin", by: try plant.repo.admin())
        } throws: { error in
            guard case DocumentsError.notPermitted(let user, let action, _) = error else { return false }
            return user == "alice" && action == "approve policy changes"
        }
        #expect(throws: DocumentsError.self) { try plant.records.proposePolicyChange(Self.grantCancel, reason: "x", by: plant.quinn) }
        #expect(try plant.repo.head() == head)
    }

    @Test("a policy change written straight into policy.json is refused: by the permission rule, or by the result rule")
    func forgedChange() throws {
        for event in ["policy.approve", "policy.propose"] {
            let plant = try Plant()
            var policy = try plant.records.policy()
            policy.permissions[.sopApprove] = [.qa, .admin]
            policy.revision += 1
            let commit = try ReplayTests.forge(plant, record: "policy", meaning: event == "policy.approve" ? .approval : .authorship,
                                               event: event, revision: policy.revision, path: Policy.path.value,
                                               content: try CanonicalJSON.encode(policy), by: try plant.repo.admin())
            EventReplayTests.expectRefused(plant, commit, by: event == "policy.approve" ? .permission : .result)
        }
    }

    @Test("bad grants and settings name the valid values")
    func parsing() throws {
        #expect(throws: DocumentsError.self) { _ = try PolicyChange.Grant(parsing: "wo.cancel:wizard") }
        #expect(throws: DocumentsError.self) { _ = try PolicyChange.Grant(parsing: "wo.fly:qa") }
        #expect(throws: DocumentsError.self) { _ = try PolicyChange.Setting(parsing: "lockoutThreshold=0") }
        #expect(throws: DocumentsError.self) { _ = try PolicyChange.Setting(parsing: "clock=now") }
        do {
            _ = try PolicyChange.Grant(parsing: "wo.cancel:wizard")
        } catch {
            #expect(error.description.contains("admin, qa, document-control, supervisor, technician, auditor"))
        }
    }

    @Test("recrepo policy show, change, approve and reject through the binary")
    func commandLine() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        try cli.person("quinn", role: "qa")
        let shown = try cli.run(["policy", "show", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(json["lockoutThreshold"] as? Int == 5 && json["pending"] == nil)
        let bad = try cli.admin(["policy", "change", "--grant", "wo.cancel:wizard", "--reason", "x"])
        #expect(bad.status != 0 && bad.stderr.contains("is not a role"), "\(bad.stderr)")
        let nothing = try cli.run(["policy", "approve", "--reason", "x"], user: "quinn", password: "own pass phrase 1")
        #expect(nothing.status == 1 && nothing.stderr.contains("no policy change is waiting"), "\(nothing.stderr)")
        let proposed = try cli.admin(["policy", "change", "--grant", "wo.cancel:qa", "--set", "lockoutThreshold=3", "--reason", "Change board 12"])
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(try cli.run(["policy", "show"]).stdout.contains("Waiting for approval: grant wo.cancel:qa, set lockoutThreshold=3"))
        let approved = try cli.run(["policy", "approve", "--reason", "Agreed"], user: "quinn", password: "own pass phrase 1")
        #expect(approved.status == 0, "\(approved.stderr)")
        let text = try cli.run(["policy", "show"]).stdout
        #expect(text.contains("wo.cancel: qa, supervisor") && text.contains("lockoutThreshold: 3") && !text.contains("Waiting"))
        #expect(try cli.admin(["policy", "change", "--set", "passwordHistory=8", "--reason", "x"]).status == 0)
        #expect(try cli.run(["policy", "reject", "--reason", "No"], user: "quinn", password: "own pass phrase 1").status == 0)
        #expect(try cli.run(["verify"]).status == 0)
    }
}

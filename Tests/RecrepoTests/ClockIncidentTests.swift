import Documents
import Foundation
@testable import RecordRepo
import Testing

/// One act signed under a clock set 80 days ahead used to stop every later act for 80 days. A
/// clock incident, proposed by an administrator and decided by qa, is the honest way out.
@Suite struct ClockIncidentTests {
    static let ahead: TimeInterval = 80 * 86_400

    /// A plant where sam signed AC-102 with the clock 80 days ahead, then the clock was put right.
    static func plantWithClockAhead(_ prepare: (Plant) throws -> Void = { _ in }) throws -> (Plant, ObjectID) {
        let plant = try Plant()
        try prepare(plant)
        plant.tick(ahead)
        _ = try plant.records.addEquipment("AC-102", name: "Autoclave 2", location: nil, department: nil,
                                           reason: "Commissioned", by: plant.sam)
        let ahead = try #require(try plant.repo.head())
        plant.tick(-Self.ahead + 60)
        return (plant, ahead)
    }

    static func addEquipment(_ plant: Plant, _ id: String) throws {
        plant.tick()
        _ = try plant.records.addEquipment(id, name: "Autoclave", location: nil, department: nil, reason: "Commissioned", by: plant.sam)
    }

    static func refusal(_ body: () throws -> Void) -> LedgerError? {
        do { try body() } catch { if case .ledger(let failure) = error as? DocumentsError { return failure } }
        return nil
    }

    @Test("an approved clock incident lets acts go on from the true time, and verify reports the disputed act instead of failing")
    func approvedIncident() throws {
        let (plant, ahead) = try Self.plantWithClockAhead()
        guard case .clockBehind = Self.refusal({ try Self.addEquipment(plant, "AC-103") }) else {
            Issue.record("an act after the clock was put right should be refused as behind the last act"); return
        }
        plant.tick()
        let incident = try plant.records.proposeClockIncident(reason: "Clock was set 80 days ahead on the server", by: try plant.repo.admin())
        #expect(incident.disputed.map(\.commit) == [ahead.hex])
        #expect(incident.disputed.map(\.record) == ["AC-102"])
        // Until qa decides, nothing else is signed.
        guard case .incidentPending = Self.refusal({ try Self.addEquipment(plant, "AC-103") }) else {
            Issue.record("an act while the incident awaits qa should be refused"); return
        }
        plant.tick()
        _ = try plant.records.decideClockIncident(incident.id, approve: true, reason: "Checked against the NTP log", by: plant.quinn)
        try Self.addEquipment(plant, "AC-103")
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
        #expect(report.disputed == [DisputedAct(commit: ahead.hex, incident: incident.id)])
        #expect(try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners()).isEmpty)
        #expect(try Git.fsck(plant.repo.path).status == 0)
    }

    @Test("a rejected clock incident leaves the disputed times standing: acts wait for the clock to pass them")
    func rejectedIncident() throws {
        let (plant, _) = try Self.plantWithClockAhead()
        plant.tick()
        let incident = try plant.records.proposeClockIncident(reason: "Clock looks ahead", by: try plant.repo.admin())
        plant.tick()
        _ = try plant.records.decideClockIncident(incident.id, approve: false, reason: "The act's time is right", by: plant.quinn)
        guard case .clockBehind = Self.refusal({ try Self.addEquipment(plant, "AC-103") }) else {
            Issue.record("after a rejection, an act earlier than the disputed times should be refused"); return
        }
        plant.tick(Self.ahead)
        try Self.addEquipment(plant, "AC-103")
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
        #expect(report.disputed.isEmpty)
    }

    @Test("the proposer cannot decide their own incident, and an incident with nothing later than now is refused")
    func segregationAndNothingToDispute() throws {
        var made: Session?
        let (plant, _) = try Self.plantWithClockAhead { made = try $0.repo.addUser("ada", roles: [.admin, .qa]) }
        let ada = try #require(made)
        plant.tick()
        let incident = try plant.records.proposeClockIncident(reason: "Clock ahead", by: ada)
        plant.tick()
        #expect(throws: DocumentsError.self) {
            do { _ = try plant.records.decideClockIncident(incident.id, approve: true, reason: "Mine", by: ada) } catch {
                #expect("\(error)".contains("segregation of duties"), "\(error)"); throw error
            }
        }
        let calm = try Plant()
        calm.tick()
        #expect(throws: DocumentsError.self) {
            do { _ = try calm.records.proposeClockIncident(reason: "No reason", by: try calm.repo.admin()) } catch {
                #expect("\(error)".contains("no time to dispute"), "\(error)"); throw error
            }
        }
    }

    @Test("a commit signed earlier than the act before it, with no incident, fails verify naming the rule")
    func backwardsWithoutIncident() throws {
        let (plant, ahead) = try Self.plantWithClockAhead()
        plant.tick(Self.ahead)
        try Self.addEquipment(plant, "AC-103")
        // The last act signed again by sam as if a minute before the act it follows.
        let ledger = plant.records.ledger
        let head = try #require(try ledger.head())
        let original = try ledger.repo.commit(head)
        let earlier = try ledger.act(ahead).time.addingTimeInterval(-60)
        let signedAt = try ledger.act(head).time
        let message = original.message.replacingOccurrences(of: "Signed-At: \(Timestamp.iso(signedAt))", with: "Signed-At: \(Timestamp.iso(earlier))")
        let buffer = try ledger.repo.commitBuffer(tree: original.tree, parent: ahead, name: "User sam", email: "sam",
                                                  time: Timestamp.seconds(earlier), message: message)
        let forged = try ledger.repo.createSignedCommit(buffer, signature: try SSHSignature.sign(buffer, with: plant.sam.signer.key))
        try ledger.repo.compareAndSwap(Ledger.mainRef, to: forged, expected: head, log: "test")
        let failures = ReplayTests.verify(plant).failures
        #expect(failures.count == 1 && failures.contains { $0.commit == forged.hex && $0.message.contains("goes backwards along main") },
                "\(failures)")
    }

    @Test("a forged incident that names acts other than those later than its time is refused by the check rule")
    func forgedProposal() throws {
        let (plant, _) = try Self.plantWithClockAhead()
        let root = try #require(try plant.records.ledger.commits().first)
        let incident = ClockIncident(id: "CLK-000001", status: .proposed,
                                     disputed: [.init(commit: root.hex, signedAt: "2025-11-25T08:00:00Z", signer: "alice", record: "policy")],
                                     proposedBy: "alice", proposedAt: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)), revision: 1)
        let commit = try ReplayTests.forge(plant, record: "CLK-000001", meaning: .authorship, event: ClockOrder.propose,
                                           path: try RecordID.path(kind: .clock, id: "CLK-000001"),
                                           content: try CanonicalJSON.encode(incident), by: try plant.repo.admin())
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }

    @Test("the time rule along main: nothing but the decision while an incident waits, and an incident must dispute something")
    func orderRule() {
        var order = ClockOrder()
        #expect(order.admit(time: 100, event: nil, record: "a") == nil)
        #expect(order.admit(time: 900, event: nil, record: "b") == nil)
        #expect(order.admit(time: 200, event: ClockOrder.propose, record: "CLK-000001") == nil)
        #expect(order.admit(time: 210, event: "equipment.add", record: "c")?.contains("awaited qa's decision") == true)
        var second = ClockOrder()
        #expect(second.admit(time: 100, event: nil, record: "a") == nil)
        #expect(second.admit(time: 200, event: ClockOrder.propose, record: "CLK-000001")?.contains("no time to dispute") == true)
        var third = ClockOrder()
        for (time, event) in [(100, nil), (900, nil), (200, ClockOrder.propose), (210, ClockOrder.approve), (220, nil)] as [(Int64, String?)] {
            #expect(third.admit(time: time, event: event, record: event == nil ? "x" : "CLK-000001") == nil)
        }
        #expect(third.disputed == [ClockOrder.Disputed(index: 1, incident: "CLK-000001")])
        #expect(third.admit(time: 150, event: nil, record: "y")?.contains("goes backwards") == true)
    }

    @Test("the ledger's event names are the clock kind's declared trailers")
    func namesAgree() {
        #expect(ClockKind.declaration.trailer(of: ClockKind.propose) == ClockOrder.propose)
        #expect(ClockKind.declaration.trailer(of: ClockKind.approve) == ClockOrder.approve)
        #expect(ClockKind.declaration.trailer(of: ClockKind.reject) == ClockOrder.reject)
    }
}

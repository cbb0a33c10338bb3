import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Failed sign-ins are in the audit trail as system-signed alerts that qa or an admin acknowledges.
@Suite struct AlertTests {
    @Test("a wrong password and an unknown user raise alerts; a technician may not acknowledge them, qa does, with a reason")
    func raiseAndAcknowledge() throws {
        let plant = try Plant()
        #expect(throws: DocumentsError.self) { _ = try plant.records.authenticate("tess", password: "not hers at all") }
        #expect(throws: DocumentsError.self) { _ = try plant.records.authenticate("mallory", password: "anything at all") }
        let open = try plant.records.alerts(open: true)
        #expect(open.map(\.kind) == [.failedSignIn, .unknownUser] && open.map(\.user) == ["tess", "mallory"])
        let head = try plant.repo.head()
        #expect {
            _ = try plant.records.acknowledgeAlert(open[0].id, reason: "Was me", by: plant.tom)
        } throws: { error in
            guard case DocumentsError.notPermitted(let user, let action, _) = error else { return false }
            return user == "tom" && action == "acknowledge security alerts"
        }
        #expect(try plant.repo.head() == head)
        plant.tick()
        let acknowledged = try plant.records.acknowledgeAlert(open[0].id, reason: "Tess mistyped; confirmed with her", by: plant.quinn)
        #expect(acknowledged.acknowledgedBy == "quinn")
        #expect(throws: DocumentsError.self) { _ = try plant.records.acknowledgeAlert(open[0].id, reason: "again", by: plant.quentin) }
        #expect(try plant.records.alerts(open: true).map(\.id) == [open[1].id])
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("an alert raised by a person rather than the system is refused by the check rule")
    func forgedAlert() throws {
        let plant = try Plant()
        let alert = Alert(id: "ALERT-000001", kind: .lockout, user: "tess", message: "fake",
                          raisedAt: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)), revision: 1)
        let commit = try ReplayTests.forge(plant, record: alert.id, meaning: .securityEvent, event: "alert.raise",
                                           path: try RecordID.path(kind: .alert, id: alert.id), content: try CanonicalJSON.encode(alert),
                                           by: plant.quinn)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }
}

@Suite struct LockoutAlertTests {
    @Test("five wrong passwords: five recorded attempts, a lockout and its alert; each acknowledged by a signed act; then none open")
    func fiveWrongPasswords() throws {
        let plant = try Plant()
        for attempt in 1...5 {
            #expect(throws: DocumentsError.self) { _ = try plant.records.authenticate("tom", password: "guess number \(attempt)") }
        }
        let open = try plant.records.alerts(open: true)
        #expect(open.map(\.kind) == [.failedSignIn, .failedSignIn, .failedSignIn, .failedSignIn, .failedSignIn, .lockout])
        #expect(try plant.records.account("tom")?.status == .locked)
        // Resetting the counter beside the repository hides nothing: the attempts are in the history.
        try? FileManager.default.removeItem(at: plant.records.keystore.directory.appendingPathComponent("attempts"))
        #expect(try plant.records.alerts(open: true).count == 6)
        for alert in open {
            plant.tick()
            _ = try plant.records.acknowledgeAlert(alert.id, reason: "Tom forgot his password; reset in person", by: plant.quinn)
            let act = try plant.records.ledger.act(try #require(try plant.repo.head()))
            #expect(act.signer == "quinn" && act.event == "alert.acknowledge" && act.record == alert.id)
        }
        #expect(try plant.records.alerts(open: true).isEmpty)
        #expect(ReplayTests.verify(plant).ok)
    }
}

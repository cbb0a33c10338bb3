import Foundation
import RecordRepo

/// The security alert's events: raised by the system, acknowledged by a person.
public enum AlertKind {
    /// What the system raises.
    public struct Raise: Sendable, Equatable {
        public var id: String
        public var kind: Alert.Kind
        public var user: String
        public var message: String
    }

    public static let raise = RecordEvent<Alert, Raise>(
        "raise", meaning: .securityEvent, permission: nil, action: "raise alerts", creates: true,
        summary: { id, raise, _ in "Alert \(id): \(raise.kind.rawValue) for \(raise.user)" },
        input: { _, written, _ in Raise(id: written.id, kind: written.kind, user: written.user, message: written.message) },
        check: { _, _, _, signing throws(DocumentsError) in
            guard signing.user == Signer.systemPrincipal else {
                throw .notPermitted(user: signing.user, action: "raise alerts", reason: "only the system raises security alerts")
            }
        },
        apply: { _, raise, signing in
            Alert(id: raise.id, kind: raise.kind, user: raise.user, message: raise.message, raisedAt: signing.time, revision: 1)
        })

    public static let acknowledge = RecordEvent<Alert, Void>(
        "acknowledge", meaning: .review, permission: .alertAcknowledge, action: "acknowledge security alerts",
        summary: { id, _, _ in "Acknowledge alert \(id)" },
        input: { _, _, _ in () },
        apply: { before, _, signing throws(DocumentsError) in
            guard var alert = before else { throw .notFound(record: "the alert") }
            if let by = alert.acknowledgedBy {
                throw .invalidTransition(record: alert.id, from: "acknowledged", event: "acknowledge",
                                         reason: "\(by) acknowledged it at \(alert.acknowledgedAt ?? "?")")
            }
            alert.acknowledgedBy = signing.user
            alert.acknowledgedAt = signing.time
            alert.revision += 1
            return alert
        })

    public static let declaration = KindDeclaration<Alert>(
        kind: .alert, events: [raise.replayable, acknowledge.replayable], revision: \.revision)
}

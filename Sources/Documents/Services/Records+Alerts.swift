import Foundation
import RecordRepo

extension Records {
    /// Raises a security alert, signed by the system key. Best effort: an alert that cannot be
    /// written (the system key missing, a full disk) never hides the refusal that raised it.
    func raiseAlert(_ kind: Alert.Kind, user: String, message: String) {
        guard let system = try? systemSession() else { return }
        _ = try? withNewID(.alert) { (id, basedOn) throws(DocumentsError) in
            try perform(AlertKind.raise, of: AlertKind.declaration, id: id,
                        input: AlertKind.Raise(id: id, kind: kind, user: user, message: message),
                        reason: "Raised automatically: \(message)", by: system, basedOn: basedOn)
        }
    }

    /// Acknowledges an alert after looking into it; the reason says what was found.
    public func acknowledgeAlert(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> Alert {
        try perform(AlertKind.acknowledge, of: AlertKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// Every alert, oldest first; only those not yet acknowledged when `open` is true.
    public func alerts(open: Bool) throws(DocumentsError) -> [Alert] {
        try all(Alert.self, of: .alert).filter { !open || $0.acknowledgedBy == nil }
    }

    /// The system, as the signer of automatic acts (locks, alerts).
    func systemSession() throws(DocumentsError) -> Session {
        guard let system = try account(Signer.systemPrincipal) else { throw .notFound(record: "the system account") }
        return Session(signer: try systemSigner(), account: system, passwordChangeReason: nil, acknowledged: true)
    }
}

import Foundation
import RecordRepo

/// The maintenance request's events: raised by anyone signed in, declined by a supervisor with a
/// reason. Acceptance is the work order's event (`wo.accept`): the job is created and the request
/// names it in one act.
public enum RequestKind {
    /// What someone asks for.
    public struct Raise: Sendable, Equatable {
        public var id: String
        public var equipment: String
        public var title: String
        public var description: String

        public init(id: String, equipment: String, title: String, description: String) {
            self.id = id
            self.equipment = equipment
            self.title = title
            self.description = description
        }
    }

    public static let raise = RecordEvent<MaintenanceRequest, Raise>(
        "raise", meaning: .authorship, permission: nil, action: "raise maintenance requests", creates: true,
        summary: { id, raise, _ in "Request \(id) on \(raise.equipment): \(raise.title)" },
        input: { _, written, _ in Raise(id: written.id, equipment: written.equipment, title: written.title, description: written.description) },
        rests: { [(.equipment, $0.equipment)] },
        check: { _, raise, context, signing throws(DocumentsError) in
            // Anyone with an account may ask for work; the system asks for nothing.
            guard signing.user != Signer.systemPrincipal, context.account(signing.user)?.status == .active else {
                throw .notPermitted(user: signing.user, action: "raise a maintenance request", reason: "only a person with an active account may")
            }
            for (field, value, limit) in [("title", raise.title, 200), ("description", raise.description, 1000)] {
                if let problem = TextRules.problem(with: value, maxLength: limit) { throw .invalidField(record: raise.id, field: field, reason: problem) }
            }
            guard let unit = context.record(Equipment.self, kind: .equipment, id: raise.equipment) else {
                throw .invalidField(record: raise.id, field: "equipment", reason: "\(raise.equipment) is no equipment here")
            }
            guard unit.status != .retired else { throw .invalidField(record: raise.id, field: "equipment", reason: "\(raise.equipment) is retired") }
        },
        apply: { _, raise, signing in
            MaintenanceRequest(id: raise.id, equipment: raise.equipment, title: raise.title, description: raise.description,
                               raisedBy: signing.user, raisedAt: signing.time)
        })

    /// Declined with the reason, which the record keeps.
    public static let decline = RecordEvent<MaintenanceRequest, String>(
        "decline", meaning: .rejection, permission: .woCreate, action: "decline maintenance requests",
        summary: { id, _, _ in "Decline \(id)" },
        input: { _, written, _ in written.declined },
        check: { before, why, _, _ throws(DocumentsError) in
            let request = try open(before)
            if let problem = TextRules.problem(with: why, maxLength: 1000) { throw .invalidField(record: request.id, field: "reason", reason: problem) }
        },
        apply: { before, why, signing throws(DocumentsError) in
            var request = try open(before)
            request.status = .declined
            request.declined = why
            request.decidedBy = signing.user
            request.decidedAt = signing.time
            request.revision += 1
            return request
        })

    public static let declaration = KindDeclaration<MaintenanceRequest>(
        kind: .request, events: [raise.replayable, decline.replayable], revision: \.revision,
        labels: ["raisedBy": "raised by", "decidedBy": "decided by", "workOrder": "accepted into", "declined": "declined because"])

    /// The request, still open.
    static func open(_ request: MaintenanceRequest?) throws(DocumentsError) -> MaintenanceRequest {
        guard let request else { throw .notFound(record: "the maintenance request") }
        guard request.status == .open else {
            throw .invalidTransition(record: request.id, from: request.status.rawValue, event: "decide",
                                     reason: "it was \(request.status.rawValue) by \(request.decidedBy ?? "?") at \(request.decidedAt ?? "?")")
        }
        return request
    }
}

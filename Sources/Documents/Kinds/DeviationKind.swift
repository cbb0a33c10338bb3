import Foundation
import RecordRepo

/// The deviation's events. Its lifecycle is the table `Deviation.Status.after(_:)`; these
/// declarations add who may sign each event, segregation of duties (the opener never approves
/// or closes) and the links to other records. A deviation is opened by `dev.open`, or in the act
/// of another record's event as a companion (`DeviationKind.companion`): a job step signed with a
/// deviation opens one.
public enum DeviationKind {
    /// What the opener says: the new deviation's ID, title, what happened, its class and the
    /// records it names.
    public struct Opening: Sendable, Equatable {
        public var id: String
        public var title: String
        public var description: String
        public var classification: Deviation.Classification
        public var links: Deviation.Links

        public init(id: String, title: String, description: String, classification: Deviation.Classification, links: Deviation.Links) {
            self.id = id
            self.title = title
            self.description = description
            self.classification = classification
            self.links = links
        }

        /// The new record at `signing`, to be closed within `days`.
        func deviation(days: Int, at signing: Signing) -> Deviation {
            Deviation(id: id, title: title, description: description, classification: classification, links: links,
                      openedBy: signing.user, openedAt: signing.time, openedOn: signing.day, closeWithinDays: days)
        }
    }

    /// `dev.open`'s input: the opening and its days to close, which must be the policy's for its class.
    public struct Open: Sendable, Equatable {
        public var opening: Opening
        public var closeWithinDays: Int

        public init(opening: Opening, closeWithinDays: Int) {
            self.opening = opening
            self.closeWithinDays = closeWithinDays
        }
    }

    public static let open = RecordEvent<Deviation, Open>(
        "open", meaning: .authorship, permission: .devOpen, action: "open deviations", creates: true,
        summary: { id, open, _ in "Open \(id) (\(open.opening.classification.rawValue)): \(open.opening.title)" },
        input: { _, written, _ in
            Open(opening: Opening(id: written.id, title: written.title, description: written.description,
                                  classification: written.classification, links: written.links),
                 closeWithinDays: written.closeWithinDays)
        },
        rests: { rests($0.opening) },
        check: { _, open, context, _ throws(DocumentsError) in
            try checkOpening(open.opening, context)
            let days = context.policy.deviationDays(open.opening.classification)
            guard open.closeWithinDays == days else {
                throw .invalidField(record: open.opening.id, field: "closeWithinDays",
                                    reason: "the policy gives a \(open.opening.classification.rawValue) deviation \(days) days to close, not \(open.closeWithinDays)")
            }
        },
        apply: { _, open, signing in open.opening.deviation(days: open.closeWithinDays, at: signing) })

    public static let investigate = finding("investigate", to: .investigated, field: "root cause", \.investigation)
    /// The product impact assessment.
    public static let assess = finding("assess", to: .assessed, field: "impact", \.assessment)

    /// QA approves the investigation and assessment; never the person who opened it.
    public static let approve = decision("approve", to: .approved) { deviation, signing in
        deviation.approvedBy = signing.user
        deviation.approvedAt = signing.time
    }

    /// QA closes it once approved; never the person who opened it.
    public static let close = decision("close", to: .closed) { deviation, signing in
        deviation.closedBy = signing.user
        deviation.closedAt = signing.time
    }

    public static let declaration = KindDeclaration<Deviation>(
        kind: .deviation, events: [open.replayable, investigate.replayable, assess.replayable, approve.replayable, close.replayable],
        revision: \.revision,
        labels: ["openedBy": "opened by", "openedAt": "opened at", "openedOn": "opened on", "closeWithinDays": "days to close",
                 "investigation.text": "root cause", "investigation.by": "investigated by", "investigation.at": "investigated at",
                 "assessment.text": "product impact", "assessment.by": "assessed by", "assessment.at": "assessed at",
                 "approvedBy": "approved by", "approvedAt": "approved at", "closedBy": "closed by", "closedAt": "closed at",
                 "workOrder": "work order", "capas": "CAPAs"])

    /// An investigation or assessment: signed while the lifecycle allows it, replacing an earlier one.
    private static func finding(_ name: String, to status: Deviation.Status, field: String,
                                _ keyPath: any WritableKeyPath<Deviation, Deviation.Finding?> & Sendable) -> RecordEvent<Deviation, String> {
        RecordEvent<Deviation, String>(
            name, meaning: .authorship, permission: .devInvestigate, action: "\(name) deviations",
            summary: { id, _, _ in "\(name.prefix(1).uppercased())\(name.dropFirst()) \(id)" },
            input: { _, written, _ in written.status == status ? written[keyPath: keyPath]?.text : nil },
            check: { before, text, _, _ throws(DocumentsError) in
                let deviation = try transition(before, name)
                if let problem = TextRules.problem(with: text, maxLength: 2000) {
                    throw .invalidField(record: deviation.id, field: field, reason: problem)
                }
            },
            apply: { before, text, signing throws(DocumentsError) in
                var deviation = try existing(before)
                deviation[keyPath: keyPath] = Deviation.Finding(text: text, by: signing.user, at: signing.time)
                // A new root cause calls for a new assessment of its impact.
                if status == .investigated { deviation.assessment = nil }
                deviation.status = status
                deviation.revision += 1
                return deviation
            })
    }

    /// QA's approval or closure: qa's permission, and never the opener (segregation of duties).
    private static func decision(_ name: String, to status: Deviation.Status,
                                 _ sign: @escaping @Sendable (inout Deviation, Signing) -> Void) -> RecordEvent<Deviation, Void> {
        RecordEvent<Deviation, Void>(
            name, meaning: .approval, permission: .devApprove, action: "\(name) deviations",
            summary: { id, _, _ in "\(name.prefix(1).uppercased())\(name.dropFirst()) \(id)" },
            input: { _, written, _ in written.status == status ? () : nil },
            check: { before, _, _, signing throws(DocumentsError) in
                let deviation = try transition(before, name)
                guard deviation.openedBy != signing.user else {
                    throw .notPermitted(user: signing.user, action: "\(name) \(deviation.id)",
                                        reason: "\(signing.user) opened it; another person from qa must \(name) it")
                }
            },
            apply: { before, _, signing throws(DocumentsError) in
                var deviation = try existing(before)
                sign(&deviation, signing)
                deviation.status = status
                deviation.revision += 1
                return deviation
            })
    }

    /// The deviation, when its lifecycle lets `event` happen in its state.
    static func transition(_ before: Deviation?, _ event: String) throws(DocumentsError) -> Deviation {
        let deviation = try existing(before)
        guard let lifecycleEvent = Deviation.Event(rawValue: event), deviation.status.after(lifecycleEvent) != nil else {
            throw .invalidTransition(record: deviation.id, from: deviation.status.rawValue, event: event,
                                     reason: "a deviation that is \(deviation.status.rawValue) takes \(deviation.status.events)")
        }
        return deviation
    }

    static func existing(_ deviation: Deviation?) throws(DocumentsError) -> Deviation {
        guard let deviation else { throw .notFound(record: "the deviation") }
        return deviation
    }
}

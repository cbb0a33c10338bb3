import Foundation
import RecordRepo

/// The SOP's events. The revision state machine is `SOP+Lifecycle.swift`; every event first
/// writes the transitions that dates alone make (`settle`) on the signing day.
public enum SOPKind {
    /// A new SOP: its title and the markdown of revision 1.
    public struct Draft: Sendable, Equatable {
        public var id: String
        public var title: String
        public var body: Data
    }

    public static let create = RecordEvent<SOP, Draft>(
        "create", meaning: .authorship, permission: .sopAuthor, action: "author SOPs", creates: true,
        summary: { id, _, _ in "Create \(id) revision 1" },
        input: { _, written, body in body.map { Draft(id: written.id, title: written.title, body: $0) } },
        body: { $0.body },
        check: { _, draft, _, _ throws(DocumentsError) in try Records.checkBody(draft.body, record: draft.id) },
        admit: { _, draft throws(DocumentsError) in try Records.checkMarkdownBounds(draft.body, record: draft.id) },
        apply: { _, draft, signing throws(DocumentsError) in
            try SOP.draft(id: draft.id, title: draft.title, author: signing.user, at: signing.time)
        })

    /// Edits the open draft, or opens the next revision as a draft, with the markdown given; the
    /// markdown may equal the current text (a revision that only restates it is still a revision).
    public static let revise = RecordEvent<SOP, Data>(
        "revise", meaning: .authorship, permission: .sopAuthor, action: "revise SOPs",
        summary: { id, _, sop in "Revise \(id) revision \(sop.latest?.number ?? 1)" },
        input: { _, _, body in body },
        body: { $0 },
        check: { before, body, _, _ throws(DocumentsError) in try Records.checkBody(body, record: before?.id ?? "the SOP") },
        admit: { before, body throws(DocumentsError) in try Records.checkMarkdownBounds(body, record: before?.id ?? "the SOP") },
        apply: { before, _, signing throws(DocumentsError) in
            try settled(before, signing) { (sop: inout SOP) throws(DocumentsError) in try sop.revise(by: signing.user) }
        })

    public static let submit = simple("submit", .authorship, .sopAuthor, "submit SOPs for review", "Submit", " for review") {
        (sop: inout SOP, signing) throws(DocumentsError) in try sop.submit(by: signing.user)
    }
    public static let review = simple("review", .review, .sopReview, "review SOPs", "Review") {
        (sop: inout SOP, signing) throws(DocumentsError) in try sop.review(by: signing.user)
    }
    public static let reject = simple("reject", .rejection, .sopReview, "reject SOP revisions", "Reject") {
        (sop: inout SOP, signing) throws(DocumentsError) in try sop.reject(by: signing.user)
    }
    public static let retire = simple("retire", .retirement, .sopRetire, "retire SOPs", "Retire") {
        (sop: inout SOP, signing) throws(DocumentsError) in _ = try sop.retire(by: signing.user)
    }

    /// Approves the reviewed revision, effective on the date given (the signing day or later):
    /// until then the revision before stays effective.
    public static let approve = RecordEvent<SOP, String>(
        "approve", meaning: .approval, permission: .sopApprove, action: "approve SOPs",
        summary: { id, _, sop in "Approve \(id) revision \(sop.latest?.number ?? 1)" },
        input: { _, written, _ in written.latest?.effectiveDate },
        check: { before, effective, _, signing throws(DocumentsError) in
            let record = before?.id ?? "the SOP"
            guard SOPRevision.isDate(effective) else {
                throw .invalidField(record: record, field: "effective date", reason: "'\(effective)' is not a date of the form YYYY-MM-DD")
            }
            guard effective >= signing.day else {
                throw .invalidField(record: record, field: "effective date",
                                    reason: "\(effective) is in the past; an approval cannot be backdated")
            }
        },
        apply: { before, effective, signing throws(DocumentsError) in
            try settled(before, signing) { (sop: inout SOP) throws(DocumentsError) in
                _ = try sop.approve(by: signing.user, effectiveDate: effective, today: signing.day)
            }
        })

    public static let declaration = KindDeclaration<SOP>(
        kind: .sop,
        events: [create.replayable, revise.replayable, submit.replayable, review.replayable, reject.replayable,
                 approve.replayable, retire.replayable, periodicReview.replayable],
        revision: { $0.latest?.number ?? 1 })

    /// An event without input of its own on the latest revision.
    private static func simple(_ name: String, _ meaning: Meaning, _ permission: Permission, _ action: String, _ verb: String,
                               _ tail: String = "",
                               _ change: @escaping @Sendable (inout SOP, Signing) throws(DocumentsError) -> Void) -> RecordEvent<SOP, Void> {
        RecordEvent<SOP, Void>(
            name, meaning: meaning, permission: permission, action: action,
            summary: { id, _, sop in "\(verb) \(id) revision \(sop.latest?.number ?? 1)\(tail)" },
            input: { _, _, _ in () },
            apply: { before, _, signing throws(DocumentsError) in
                try settled(before, signing) { (sop: inout SOP) throws(DocumentsError) in try change(&sop, signing) }
            })
    }

    /// The SOP before the act with the date transitions of the signing day written, then `change`.
    static func settled(_ before: SOP?, _ signing: Signing,
                                _ change: (inout SOP) throws(DocumentsError) -> Void) throws(DocumentsError) -> SOP {
        guard var sop = before else { throw .notFound(record: "the SOP") }
        sop.settle(today: signing.day)
        try change(&sop)
        return sop
    }
}

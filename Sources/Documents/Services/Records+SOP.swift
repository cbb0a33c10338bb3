import Foundation
import MarkdownLimits
import RecordRepo

extension Records {
    /// Creates an SOP whose revision 1 is a draft with `body` (markdown, stored byte for byte).
    /// Needs the policy's `sop.author` role (document control).
    public func createSOP(title: String, body: Data, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try withNewID(.sop) { (id, basedOn) throws(DocumentsError) in
            try perform(SOPKind.create, of: SOPKind.declaration, id: id, input: SOPKind.Draft(id: id, title: title, body: body),
                        reason: reason, by: session, basedOn: basedOn)
        }
    }

    /// Replaces the body of the open draft, or opens the next revision as a draft with `body`.
    public func reviseSOP(_ id: String, body: Data, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try perform(SOPKind.revise, of: SOPKind.declaration, id: id, input: body, reason: reason, by: session)
    }

    /// Submits the draft for review (draft -> in review).
    public func submitSOP(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try perform(SOPKind.submit, of: SOPKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// Signs the review of the revision in review; the reviewer is never one of its authors.
    public func reviewSOP(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try perform(SOPKind.review, of: SOPKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// Sends the revision in review back to draft.
    public func rejectSOP(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try perform(SOPKind.reject, of: SOPKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// Approves the reviewed revision, effective today or on `effective` (`YYYY-MM-DD`, not in the
    /// past). Until that date the previous revision stays effective; from it, it is superseded.
    public func approveSOP(_ id: String, effective: String?, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        let today = try policy().day(of: now)
        return try perform(SOPKind.approve, of: SOPKind.declaration, id: id, input: effective ?? today, reason: reason, by: session)
    }

    /// Retires the SOP: every revision still open or in force is retired; jobs can no longer start on it.
    public func retireSOP(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try perform(SOPKind.retire, of: SOPKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// The SOP as stored at head (or at `commit`), refusing when it does not exist.
    public func sopRecord(_ id: String, at commit: ObjectID? = nil) throws(DocumentsError) -> SOP {
        try RecordID.validate(id, kind: .sop, field: "SOP ID")
        guard let sop = try record(SOP.self, kind: .sop, id: id, at: commit) else { throw .notFound(record: id) }
        return sop
    }

    /// A body must be UTF-8 markdown without NUL, at most 1 MiB; it is stored byte for byte.
    static func checkBody(_ body: Data, record: String) throws(DocumentsError) {
        guard !body.isEmpty else { throw .invalidField(record: record, field: "body", reason: "the markdown file is empty") }
        guard body.count <= 1 << 20 else {
            throw .invalidField(record: record, field: "body", reason: "the markdown file is larger than 1 MiB")
        }
        guard String(validating: body, as: UTF8.self) != nil, !body.contains(0) else {
            throw .invalidField(record: record, field: "body", reason: "the markdown file is not UTF-8 text (or contains NUL)")
        }
    }

    /// A new body must keep `MarkdownBounds.standard` (nesting, line length, the openers that make
    /// cmark-gfm quadratic), so that every page renders in time linear in its size. Checked when
    /// a body is written, never in verify: bodies stored before the bounds existed stay valid
    /// and are shown as plain text.
    static func checkMarkdownBounds(_ body: Data, record: String) throws(DocumentsError) {
        if let excess = MarkdownBounds.standard.excess(inBytes: body) {
            throw .invalidField(record: record, field: "body", reason: excess.description)
        }
    }
}

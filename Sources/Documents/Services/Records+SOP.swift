import Foundation
import RecordRepo

extension Records {
    /// Creates an SOP whose revision 1 is a draft with `body` (markdown, stored byte for byte).
    /// Needs the policy's `sop.author` role (document control).
    public func createSOP(title: String, body: Data, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try session.requireSigningAllowed()
        try policy().require(.sopAuthor, of: session.account, to: "author SOPs")
        return try withNewID(.sop) { (id, basedOn) throws(DocumentsError) in
            try Self.checkBody(body, record: id)
            let draft = try SOP.draft(id: id, title: title, author: session.account.id, at: "")
            let act = Act(record: id, revision: 1, meaning: .authorship, reason: reason,
                          summary: "Create \(id) revision 1", paths: [try Self.path(kind: .sop, id: id), try Self.bodyPath(sop: id)],
                          guards: try Self.guards(for: session)) { at in
                var sop = draft
                sop.createdAt = Timestamp.iso(at)
                return [try Self.encode(sop, kind: .sop, record: id), body]
            }
            try sign(act, by: session.signer, basedOn: basedOn)
            return try sopRecord(id)
        }
    }

    /// Replaces the body of the open draft, or opens the next revision as a draft with `body`.
    public func reviseSOP(_ id: String, body: Data, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try Self.checkBody(body, record: id)
        return try sopAct(id, .sopAuthor, "revise SOPs", meaning: .authorship, reason: reason, body: body, by: session,
                          summary: { "Revise \(id) revision \($0)" }) { (sop, _) throws(DocumentsError) in
            try sop.revise(by: session.account.id)
        }
    }

    /// Submits the draft for review (draft -> in review).
    public func submitSOP(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try sopAct(id, .sopAuthor, "submit SOPs for review", meaning: .authorship, reason: reason, by: session,
                   summary: { "Submit \(id) revision \($0) for review" }) { (sop, _) throws(DocumentsError) in
            try sop.submit(by: session.account.id)
        }
    }

    /// Signs the review of the revision in review; the reviewer is never one of its authors.
    public func reviewSOP(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try sopAct(id, .sopReview, "review SOPs", meaning: .review, reason: reason, by: session,
                   summary: { "Review \(id) revision \($0)" }) { (sop, _) throws(DocumentsError) in
            try sop.review(by: session.account.id)
        }
    }

    /// Sends the revision in review back to draft.
    public func rejectSOP(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try sopAct(id, .sopReview, "reject SOP revisions", meaning: .rejection, reason: reason, by: session,
                   summary: { "Reject \(id) revision \($0)" }) { (sop, _) throws(DocumentsError) in
            try sop.reject(by: session.account.id)
        }
    }

    /// Approves the reviewed revision, effective today or on `effective` (`YYYY-MM-DD`, not in the
    /// past). Until that date the previous revision stays effective; from it, it is superseded.
    public func approveSOP(_ id: String, effective: String?, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        if let effective {
            guard SOPRevision.isDate(effective) else {
                throw .invalidField(record: id, field: "effective date", reason: "'\(effective)' is not a date of the form YYYY-MM-DD")
            }
            guard effective >= Self.day(now) else {
                throw .invalidField(record: id, field: "effective date",
                                    reason: "\(effective) is in the past; an approval cannot be backdated")
            }
        }
        return try sopAct(id, .sopApprove, "approve SOPs", meaning: .approval, reason: reason, by: session,
                          summary: { "Approve \(id) revision \($0)" }) { (sop, today) throws(DocumentsError) in
            _ = try sop.approve(by: session.account.id, effectiveDate: effective ?? today, today: today)
        }
    }

    /// Retires the SOP: every revision still open or in force is retired; jobs can no longer start on it.
    public func retireSOP(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> SOP {
        try sopAct(id, .sopRetire, "retire SOPs", meaning: .retirement, reason: reason, by: session,
                   summary: { "Retire \(id) revision \($0)" }) { (sop, _) throws(DocumentsError) in
            _ = try sop.retire(by: session.account.id)
        }
    }

    /// The SOP as stored at head (or at `commit`), refusing when it does not exist.
    public func sopRecord(_ id: String, at commit: ObjectID? = nil) throws(DocumentsError) -> SOP {
        try RecordID.validate(id, kind: .sop, field: "SOP ID")
        guard let sop = try record(SOP.self, kind: .sop, id: id, at: commit) else { throw .notFound(record: id) }
        return sop
    }

    /// One SOP act: checks the role, applies `change` to the SOP as read (after the transitions
    /// that dates alone make) to refuse early with a clear reason, then signs the same change
    /// made again at the signing time, so the stored state is exactly what the lifecycle gives.
    private func sopAct(_ id: String, _ permission: Permission, _ action: String, meaning: Meaning, reason: String,
                        body: Data? = nil, by session: Session, summary: @escaping (Int) -> String,
                        change: @escaping @Sendable (inout SOP, String) throws(DocumentsError) -> Void) throws(DocumentsError) -> SOP {
        try session.requireSigningAllowed()
        try policy().require(permission, of: session.account, to: action)
        let basedOn = try head()
        let stored = try sopRecord(id, at: basedOn)
        func changed(on today: String) throws(DocumentsError) -> SOP {
            var sop = stored
            sop.settle(today: today)
            try change(&sop, today)
            return sop
        }
        let preview = try changed(on: Self.day(now))
        let revision = preview.latest?.number ?? 1
        var paths = [try Self.path(kind: .sop, id: id)]
        if body != nil { paths.append(try Self.bodyPath(sop: id)) }
        let act = Act(record: id, revision: revision, meaning: meaning, reason: reason, summary: summary(revision),
                      paths: paths, guards: try Self.guards(for: session)) { at in
            var stored = stored
            stored.settle(today: Self.day(at))
            try change(&stored, Self.day(at))
            return [try Self.encode(stored, kind: .sop, record: id)] + (body.map { [$0] } ?? [])
        }
        try sign(act, by: session.signer, basedOn: basedOn)
        return try sopRecord(id)
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
}

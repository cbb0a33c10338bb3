import Foundation
import RecordRepo

extension Records {
    /// Creates an open work order to do `sop` on `equipment`, optionally assigned to a technician.
    public func createWorkOrder(sop: String, equipment: String, title: String, assignee: String?,
                                reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try session.requireSigningAllowed()
        let policy = try policy()
        try policy.require(.woCreate, of: session.account, to: "create work orders")
        let procedure = try sopRecord(sop)
        guard !procedure.isRetired else {
            throw .notPermitted(user: session.account.id, action: "plan work on \(sop)", reason: "\(sop) is retired")
        }
        try RecordID.validate(equipment, kind: .equipment, field: "equipment")
        guard let unit = try record(Equipment.self, kind: .equipment, id: equipment), unit.status == .active else {
            throw .notFound(record: "equipment \(equipment) (add it first with 'recrepo equipment add')")
        }
        if let assignee {
            guard let account = try account(assignee), account.status == .active else {
                throw .notFound(record: "user \(assignee), or the account is not active")
            }
            try policy.require(.woExecute, of: account, to: "be assigned work orders")
        }
        return try withNewID(.workOrder) { (id, basedOn) throws(DocumentsError) in
            let draft = WorkOrder(id: id, title: title, sop: sop, equipment: equipment, assignee: assignee,
                                  createdBy: session.account.id, createdAt: Timestamp.iso(now))
            _ = try Self.encode(draft, kind: .workOrder, record: id)
            let act = Act(record: id, revision: 1, meaning: .authorship, reason: reason, summary: "Create \(id)",
                          paths: [try Self.path(kind: .workOrder, id: id)],
                          guards: try Self.guards(for: session) + [try Self.path(kind: .sop, id: sop)]) { at in
                var order = draft
                order.createdAt = Timestamp.iso(at)
                return [try Self.encode(order, kind: .workOrder, record: id)]
            }
            try sign(act, by: session.signer, basedOn: basedOn)
            return try workOrder(id)
        }
    }

    /// Starts the job: binds the SOP revision effective now (its number and the commit of its
    /// approval) and takes its checklist as the job's steps. From then on the job is served
    /// exactly that revision, even after a newer one becomes effective.
    public func startWorkOrder(_ id: String, reason: String?, by session: Session) throws(DocumentsError) -> WorkOrder {
        let order = try workOrder(id)
        let sop = try sopRecord(order.sop)
        guard !sop.isRetired, sop.effectiveRevision(today: Self.day(now)) != nil else {
            throw .notPermitted(user: session.account.id, action: "start \(id)",
                                reason: "\(order.sop) has no effective revision\(sop.isRetired ? " (it is retired)" : ""); a job may only follow an approved, effective SOP")
        }
        let view = try sopRevision(order.sop)
        guard let approval = view.approvalCommit else { throw .notFound(record: "the approval of \(order.sop) revision \(view.revision.number)") }
        guard let checklist else { preconditionFailure("Records.checklist must be set before jobs are started") }
        let steps = checklist(String(decoding: view.body, as: UTF8.self))
        let bound = WorkOrder.BoundSOP(id: order.sop, revision: view.revision.number, commit: approval.hex)
        return try woAct(id, .woExecute, "start jobs", meaning: .execution, reason: reason ?? "Started the job",
                         summary: "Start \(id) on \(order.sop) revision \(bound.revision)", by: session,
                         extraGuards: [try Self.path(kind: .sop, id: order.sop)]) { at in
            .start(by: session.account.id, bound: bound, steps: steps, at: at)
        }
    }

    /// Signs checklist step `number` (execution), in order, by the assigned technician.
    public func signStep(_ id: String, number: Int, note: String?, by session: Session) throws(DocumentsError) -> WorkOrder {
        try woAct(id, .woExecute, "sign job steps", meaning: .execution, reason: note ?? "Step \(number) done as written",
                  summary: "Sign step \(number) of \(id)", by: session) { at in
            .signStep(number: number, by: session.account.id, note: note, at: at)
        }
    }

    /// Completes the job: every step must be signed.
    public func completeWorkOrder(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try woAct(id, .woExecute, "complete jobs", meaning: .completion, reason: reason, summary: "Complete \(id)", by: session) { at in
            .complete(by: session.account.id, at: at)
        }
    }

    /// The supervisor's review of a completed job (never by the technician who did it).
    public func reviewWorkOrder(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try woAct(id, .woReview, "review jobs", meaning: .review, reason: reason, summary: "Review \(id)", by: session) { at in
            .review(by: session.account.id, at: at)
        }
    }

    /// QA closes a reviewed job (never the technician who did it).
    public func closeWorkOrder(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try woAct(id, .woClose, "close jobs", meaning: .approval, reason: reason, summary: "Close \(id)", by: session) { at in
            .close(by: session.account.id, at: at)
        }
    }

    /// The work order at head (or at `commit`), refusing when it does not exist.
    public func workOrder(_ id: String, at commit: ObjectID? = nil) throws(DocumentsError) -> WorkOrder {
        try RecordID.validate(id, kind: .workOrder, field: "work order ID")
        guard let order = try record(WorkOrder.self, kind: .workOrder, id: id, at: commit) else { throw .notFound(record: id) }
        return order
    }

    /// The SOP revision bound to a started job, byte for byte as its approval signed it.
    public func workOrderSOP(_ id: String) throws(DocumentsError) -> SOPRevisionView {
        let order = try workOrder(id)
        guard let bound = order.boundSOP, let commit = ObjectID(hex: bound.commit) else {
            throw .notPermitted(user: "-", action: "serve the SOP of \(id)",
                                reason: "the job has not started; 'recrepo wo start \(id)' binds the effective revision")
        }
        return try sopRevision(bound.id, number: bound.revision, from: commit)
    }

    /// One work-order act: role from the policy, the lifecycle checked on the record as read,
    /// then the same event applied again at the signing time.
    private func woAct(_ id: String, _ permission: Permission, _ action: String, meaning: Meaning, reason: String,
                       summary: String, by session: Session, extraGuards: [RecordPath] = [],
                       event: @escaping @Sendable (String) -> WorkOrder.Event) throws(DocumentsError) -> WorkOrder {
        try session.requireSigningAllowed()
        try policy().require(permission, of: session.account, to: action)
        let basedOn = try head()
        let stored = try workOrder(id, at: basedOn)
        let preview = try stored.applying(event(Timestamp.iso(now)))
        _ = try Self.encode(preview, kind: .workOrder, record: id)
        let act = Act(record: id, revision: preview.revision, meaning: meaning, reason: reason, summary: summary,
                      paths: [try Self.path(kind: .workOrder, id: id)],
                      guards: try Self.guards(for: session) + extraGuards) { at in
            [try Self.encode(try stored.applying(event(Timestamp.iso(at))), kind: .workOrder, record: id)]
        }
        try sign(act, by: session.signer, basedOn: basedOn)
        return try workOrder(id)
    }
}

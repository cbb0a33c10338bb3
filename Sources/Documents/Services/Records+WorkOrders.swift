import Foundation
import RecordRepo

extension Records {
    /// Creates an open work order to do `sop` on `equipment`, optionally assigned to a technician.
    public func createWorkOrder(sop: String, equipment: String, title: String, assignee: String?, repair: Bool = false,
                                type: WorkOrder.Kind? = nil, priority: WorkOrder.Priority? = nil, due: String? = nil,
                                reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try RecordID.validate(sop, kind: .sop, field: "SOP ID")
        try RecordID.validate(equipment, kind: .equipment, field: "equipment")
        if let assignee { try RecordID.validateUser(assignee, field: "assignee") }
        return try withNewID(.workOrder) { (id, basedOn) throws(DocumentsError) in
            let request = WorkOrderKind.Request(id: id, title: title, sop: sop, equipment: equipment, assignee: assignee, repair: repair,
                                                type: type, priority: priority, due: due)
            return try perform(WorkOrderKind.create, of: WorkOrderKind.declaration, id: id, input: request, reason: reason,
                               by: session, basedOn: basedOn)
        }
    }

    /// Starts the job: binds the SOP revision effective now (its number and the commit of its
    /// approval) and takes its checklist as the job's steps. From then on the job is served
    /// exactly that revision, even after a newer one becomes effective.
    public func startWorkOrder(_ id: String, reason: String?, by session: Session) throws(DocumentsError) -> WorkOrder {
        let basedOn = try head()
        let order = try workOrder(id, at: basedOn)
        let sop = try sopRecord(order.sop)
        guard !sop.isRetired, sop.effectiveRevision(today: try policy().day(of: now)) != nil else {
            throw .notPermitted(user: session.account.id, action: "start \(id)",
                                reason: "\(order.sop) has no effective revision\(sop.isRetired ? " (it is retired)" : ""); a job may only follow an approved, effective SOP")
        }
        let view = try sopRevision(order.sop)
        guard let approval = view.approvalCommit else { throw .notFound(record: "the approval of \(order.sop) revision \(view.revision.number)") }
        let start = WorkOrderKind.Start(bound: WorkOrder.BoundSOP(id: order.sop, revision: view.revision.number, commit: approval.hex),
                                        steps: checklist(String(decoding: view.body, as: UTF8.self)))
        return try perform(WorkOrderKind.start, of: WorkOrderKind.declaration, id: id, input: start,
                           reason: reason ?? "Started the job", by: session, basedOn: basedOn)
    }

    /// Signs checklist step `number` (execution), in order, by the assigned technician.
    public func signStep(_ id: String, number: Int, note: String?, by session: Session) throws(DocumentsError) -> WorkOrder {
        try perform(WorkOrderKind.step, of: WorkOrderKind.declaration, id: id, input: WorkOrderKind.Step(number: number, note: note),
                    reason: note ?? "Step \(number) done as written", by: session)
    }

    /// Completes the job: every step must be signed.
    public func completeWorkOrder(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try perform(WorkOrderKind.complete, of: WorkOrderKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// The supervisor's review of a completed job (never by the technician who did it).
    public func reviewWorkOrder(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try perform(WorkOrderKind.review, of: WorkOrderKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// QA closes a reviewed job (never the technician who did it).
    public func closeWorkOrder(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try perform(WorkOrderKind.close, of: WorkOrderKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// Cancels a job that is open or in progress; it never changes again.
    public func cancelWorkOrder(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try perform(WorkOrderKind.cancel, of: WorkOrderKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// The work order at head (or at `commit`), refusing when it does not exist.
    public func workOrder(_ id: String, at commit: ObjectID? = nil) throws(DocumentsError) -> WorkOrder {
        try RecordID.validate(id, kind: .workOrder, field: "work order ID")
        guard let order = try record(WorkOrder.self, kind: .workOrder, id: id, at: commit) else { throw .notFound(record: id) }
        return order
    }

    /// When the revision a job is bound to is no longer the one in force, which is and since when:
    /// "SOP-0001 revision 2 is in force since 2026-01-01; this job follows revision 1, bound when it
    /// started". Nil while the bound revision is still the effective one (or the job has not started).
    public func boundRevisionNotice(_ order: WorkOrder) throws(DocumentsError) -> String? {
        guard let bound = order.boundSOP else { return nil }
        let sop = try sopRecord(bound.id)
        let today = try policy().day(of: now)
        guard let status = sop.status(ofRevision: bound.revision, today: today), status != .effective else { return nil }
        let current = sop.effectiveRevision(today: today)
        let inForce = current.map { "revision \($0.number) is in force since \($0.effectiveDate ?? "?")" } ?? "no revision is in force"
        return "\(bound.id) revision \(bound.revision) is \(status.rawValue): \(inForce); this job follows revision \(bound.revision), bound when it started"
    }

    /// The SOP revision bound to a started job, byte for byte as its approval signed it.
    public func workOrderSOP(_ id: String) throws(DocumentsError) -> SOPRevisionView {
        let order = try workOrder(id)
        guard let bound = order.boundSOP, let commit = ObjectID(hex: bound.commit) else {
            throw .notPermitted(user: "-", action: "serve the SOP of \(id)",
                                reason: "the job has not started; 'recrepo wo start \(id)' binds the effective revision")
        }
        let view = try sopRevision(bound.id, number: bound.revision, from: commit)
        // Its status today comes from the SOP as it stands now: a newer revision may have superseded it.
        let today = try policy().day(of: now)
        let status = try sopRecord(bound.id).status(ofRevision: bound.revision, today: today) ?? view.status
        return SOPRevisionView(sop: view.sop, revision: view.revision, status: status, body: view.body, signatures: view.signatures,
                               approvalCommit: view.approvalCommit)
    }
}

extension Records {
    /// Records time worked on a job: one's own as its technician, or anyone's as a reviewer.
    public func recordLabour(_ id: String, user: String, hours: Double, reason: String,
                             by session: Session) throws(DocumentsError) -> WorkOrder {
        try RecordID.validateUser(user, field: "user")
        return try perform(WorkOrderKind.labour, of: WorkOrderKind.declaration, id: id,
                           input: WorkOrderKind.LabourEntry(user: user, hours: hours), reason: reason, by: session)
    }

    /// Records a part used on a job.
    public func recordPart(_ id: String, _ part: WorkOrderKind.PartEntry, reason: String,
                           by session: Session) throws(DocumentsError) -> WorkOrder {
        try perform(WorkOrderKind.part, of: WorkOrderKind.declaration, id: id, input: part, reason: reason, by: session)
    }
}

import Foundation
import RecordRepo

extension Records {
    /// Raises a request for corrective work on `equipment`; anyone signed in may. `description`
    /// says what is wrong (it is also the act's reason).
    public func raiseRequest(equipment: String, title: String, description: String,
                             by session: Session) throws(DocumentsError) -> MaintenanceRequest {
        try RecordID.validate(equipment, kind: .equipment, field: "equipment")
        return try withNewID(.request) { (id, basedOn) throws(DocumentsError) in
            try perform(RequestKind.raise, of: RequestKind.declaration, id: id,
                        input: RequestKind.Raise(id: id, equipment: equipment, title: title, description: description),
                        reason: description, by: session, basedOn: basedOn)
        }
    }

    /// Accepts request `id` into a new corrective job on its equipment, following `sop`; the job
    /// and the request naming it are written in one act.
    public func acceptRequest(_ id: String, sop: String, assignee: String?, priority: WorkOrder.Priority? = nil, due: String? = nil,
                              reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try RecordID.validate(id, kind: .request, field: "request ID")
        try RecordID.validate(sop, kind: .sop, field: "SOP ID")
        if let assignee { try RecordID.validateUser(assignee, field: "assignee") }
        guard let request = try record(MaintenanceRequest.self, kind: .request, id: id) else { throw .notFound(record: id) }
        return try withNewID(.workOrder) { (order, basedOn) throws(DocumentsError) in
            let job = WorkOrderKind.Request(id: order, title: request.title, sop: sop, equipment: request.equipment, assignee: assignee,
                                            type: .corrective, priority: priority, due: due)
            return try perform(WorkOrderKind.accept, of: WorkOrderKind.declaration, id: order,
                               input: WorkOrderKind.Acceptance(request: id, job: job), reason: reason, by: session, basedOn: basedOn)
        }
    }

    /// Declines request `id`; the reason is kept on the request.
    public func declineRequest(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> MaintenanceRequest {
        try RecordID.validate(id, kind: .request, field: "request ID")
        return try perform(RequestKind.decline, of: RequestKind.declaration, id: id, input: reason, reason: reason, by: session)
    }

    /// Every request, oldest first; only the open ones when `open` is true.
    public func requests(open: Bool) throws(DocumentsError) -> [MaintenanceRequest] {
        try all(MaintenanceRequest.self, of: .request).filter { !open || $0.status == .open }
    }
}

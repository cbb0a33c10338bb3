import Foundation
import RecordRepo

extension WorkOrderKind {
    /// A photo, PDF or printout attached to a job by whoever works on it, while it is not closed or cancelled.
    public static let attach = AttachmentEvent.declare(
        .workOrder, meaning: .execution, permission: .woExecute, action: "attach files to jobs") { (order: WorkOrder) throws(DocumentsError) in
        guard ![.closed, .cancelled].contains(order.status) else {
            throw .invalidTransition(record: order.id, from: order.status.rawValue, event: "attach", reason: "the job is \(order.status.rawValue)")
        }
    }
}

extension EquipmentKind {
    /// A manual, drawing or certificate attached to a piece of equipment, while it is not retired.
    public static let attach = AttachmentEvent.declare(
        .equipment, meaning: .authorship, permission: .equipmentAdd, action: "attach documents to equipment") { (unit: Equipment) throws(DocumentsError) in
        try EquipmentRules.requireNotRetired(unit, to: "attach documents to")
    }
}

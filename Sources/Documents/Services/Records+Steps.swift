import Foundation
import RecordRepo

extension Records {
    /// Signs a checklist step with what it holds: the value read where the step asks for one, a
    /// deviation, or not applicable with a justification (execution, by the assigned technician).
    public func signStep(_ id: String, _ step: WorkOrderKind.Step, by session: Session) throws(DocumentsError) -> WorkOrder {
        let reason: String
        if step.notApplicable {
            reason = "Step \(step.number) not applicable: \(step.justification ?? "")"
        } else if let deviation = step.deviation {
            reason = "Step \(step.number) not done as written: \(deviation)"
        } else if let value = step.value {
            reason = "Step \(step.number) read \(CanonicalJSON.number(value))" + (step.note.map { ": \($0)" } ?? "")
        } else {
            reason = step.note ?? "Step \(step.number) done as written"
        }
        guard let deviation = step.deviation, !step.notApplicable else {
            return try perform(WorkOrderKind.step, of: WorkOrderKind.declaration, id: id, input: step,
                               reason: Self.line(reason), by: session)
        }
        // A deviation is a record of its own, opened in the same act and named by the step.
        try RecordID.validate(id, kind: .workOrder, field: "work order ID")
        return try withNewID(.deviation) { (number, basedOn) throws(DocumentsError) in
            guard let order = try record(WorkOrder.self, kind: .workOrder, id: id, at: basedOn) else { throw .notFound(record: id) }
            var opening = step
            opening.opening = WorkOrderKind.opening(number, of: order, step: step.number, deviation: deviation,
                                                    classification: step.deviationClass ?? .minor)
            return try perform(WorkOrderKind.step, of: WorkOrderKind.declaration, id: id, input: opening,
                               reason: Self.line(reason), by: session, basedOn: basedOn)
        }
    }

    /// A supervisor's disposition of a step's out-of-limits value (review): accept it, or have it
    /// read again.
    public func disposeStep(_ id: String, _ entry: WorkOrderKind.DispositionEntry, by session: Session) throws(DocumentsError) -> WorkOrder {
        try perform(WorkOrderKind.disposition, of: WorkOrderKind.declaration, id: id, input: entry, reason: entry.reason, by: session)
    }

    /// Corrects a signed step's value or note (correction): its signer while the job is in
    /// progress, a supervisor once it is completed. What the step said before stays on it.
    public func correctStep(_ id: String, _ entry: WorkOrderKind.CorrectionEntry, by session: Session) throws(DocumentsError) -> WorkOrder {
        try perform(WorkOrderKind.correct, of: WorkOrderKind.declaration, id: id, input: entry, reason: entry.reason, by: session)
    }

    /// `text` as one line for an act's reason: the event's own rules refuse bad input by field
    /// name first, so a reason made from it only needs to stay a line.
    static func line(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 500 ? String(flat.prefix(497)) + "..." : flat
    }
}

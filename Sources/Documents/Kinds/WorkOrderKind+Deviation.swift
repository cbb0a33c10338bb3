import Foundation
import RecordRepo

// A step signed with a deviation opens a deviation record in the same act: the step names it
// (`deviationID`), and it names the job and the step.
extension WorkOrderKind {
    /// The deviation a step of `order` signed with `deviation` opens as `id`.
    public static func opening(_ id: String, of order: WorkOrder, step number: Int, deviation: String,
                               classification: Deviation.Classification) -> DeviationKind.Opening {
        DeviationKind.Opening(id: id, title: "Step \(number) of \(order.id) not done as written", description: deviation,
                              classification: classification,
                              links: Deviation.Links(equipment: order.equipment, workOrder: order.id, step: number, sop: order.sop))
    }

    /// The step's opening, recovered from the written step: none when it names no deviation
    /// record (every step signed before deviations were records).
    static func recoveredOpening(_ written: WorkOrder, _ step: WorkOrder.Step) -> DeviationKind.Opening? {
        guard let id = step.deviationID, let deviation = step.deviation else { return nil }
        return opening(id, of: written, step: step.number, deviation: deviation, classification: step.deviationClass ?? .minor)
    }

    /// An opening goes with a deviation, and is exactly the one the job and the step give; only
    /// someone who may open deviations signs it.
    static func checkOpening(_ order: WorkOrder, _ step: Step, _ context: any RecordContext, _ signing: Signing) throws(DocumentsError) {
        guard let opening = step.opening else {
            if step.deviationClass != nil {
                throw .invalidField(record: order.id, field: "deviation class", reason: "a class goes with a deviation (--deviation TEXT)")
            }
            return
        }
        guard let deviation = step.deviation,
              opening == Self.opening(opening.id, of: order, step: step.number, deviation: deviation, classification: step.deviationClass ?? .minor)
        else {
            throw .invalidField(record: order.id, field: "deviation", reason: "the deviation record opened must be the step's own deviation on this job")
        }
        try DeviationKind.checkOpener(signing.user, in: context)
    }
}

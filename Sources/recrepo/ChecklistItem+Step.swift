import Documents
import SOPRender

extension ChecklistStep {
    /// The step as a job takes it: its text and the reading it asks for.
    var item: ChecklistItem {
        ChecklistItem(text: text, reading: reading.map { WorkOrder.Reading(quantity: $0.quantity, unit: $0.unit, low: $0.low, high: $0.high) })
    }
}

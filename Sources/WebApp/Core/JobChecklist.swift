import Documents
import SOPRender

/// How recrepo reads an SOP's checklist for jobs and for verification alike, whether the CLI or
/// the server opened the records: the task-list items cmark-gfm finds, with the reading each asks for.
public enum JobChecklist {
    public static let reader: @Sendable (String) -> [ChecklistItem] = { Checklist.steps(in: $0).map(\.item) }
}

extension ChecklistStep {
    /// The step as a job takes it: its text and the reading it asks for.
    public var item: ChecklistItem {
        ChecklistItem(text: text, reading: reading.map { WorkOrder.Reading(quantity: $0.quantity, unit: $0.unit, low: $0.low, high: $0.high) })
    }
}

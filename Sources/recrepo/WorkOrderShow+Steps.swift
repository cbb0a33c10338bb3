import Documents
import RecordRepo

extension RecRepo.WorkOrderCommand.Show {
    /// A signed step's rows, numbered as `wo step` numbers them: its signature, then what it
    /// holds (value against limits, out-of-limits mark, deviation, not applicable) and what
    /// happened to it after (dispositions, corrections with what each replaced), oldest first.
    static func stepRows(_ step: WorkOrder.Step) -> [(String, String)] {
        let label = "Step \(step.number)"
        let signed = step.signedBy.map { "signed by \($0) at \(step.signedAt ?? "?")" } ?? "not signed"
        var rows = [(label, "\(step.text): \(signed)\(step.note.map { " (note: \($0))" } ?? "")")]
        if let reading = step.reading {
            let asked = "\(reading.quantity)\(reading.unit.map { " in \($0)" } ?? ""), \(reading.limits)"
            if let value = step.value {
                let mark = step.outOfLimits == true ? " OUT OF LIMITS" : " within limits"
                rows.append(("\(label) value", "\(number(value, reading)) (\(asked))\(mark)"))
            } else {
                rows.append(("\(label) reading", asked + (step.notApplicable == true ? ", not read" : "")))
            }
        }
        if let deviation = step.deviation {
            rows.append(("\(label) deviation", deviation + (step.deviationID.map { " (\($0), \(step.deviationClass?.rawValue ?? "minor"))" } ?? "")))
        }
        if step.notApplicable == true { rows.append(("\(label) not applicable", step.justification ?? "")) }
        for disposition in step.dispositions ?? [] {
            let about = disposition.value.map { " of \(number($0, step.reading))" } ?? ""
            rows.append(("\(label) disposition", "\(disposition.decision.rawValue)\(about) by \(disposition.by) at \(disposition.at): \(disposition.reason)"))
        }
        for correction in step.corrections ?? [] {
            var changes: [String] = []
            if let value = correction.value {
                changes.append("value was \(correction.previousValue.map { number($0, step.reading) } ?? "none"), now \(number(value, step.reading))")
            }
            if let note = correction.note { changes.append("note was \(correction.previousNote.map { "\"\($0)\"" } ?? "none"), now \"\(note)\"") }
            rows.append(("\(label) corrected", "by \(correction.by) at \(correction.at) (\(correction.reason)); \(changes.joined(separator: "; "))"))
        }
        if step.needsDisposition { rows.append(("\(label) awaiting", "a supervisor's disposition of the out-of-limits value")) }
        return rows
    }

    private static func number(_ value: Double, _ reading: WorkOrder.Reading?) -> String {
        CanonicalJSON.number(value) + (reading?.unit.map { " \($0)" } ?? "")
    }
}

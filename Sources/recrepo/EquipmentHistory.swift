import Documents
import Foundation
import RecordIndex

/// The "Maintenance history (imported)" section of `equipment show`: the records brought in from
/// a legacy system for one piece of equipment, by the date of the work, found through the index.
enum ImportedHistory {
    static func records(of equipment: String, in records: Records) throws -> [MaintenanceHistory] {
        let index = try updatedIndex(records)
        let found = try index.currentRecords(kind: RecordKind.history.rawValue, equipment: equipment).compactMap { indexed in
            try records.record(MaintenanceHistory.self, kind: .history, id: indexed.id)
        }
        return found.sorted { ($0.date, $0.time ?? "", $0.id) < ($1.date, $1.time ?? "", $1.id) }
    }

    /// One line per record: date, ID, what was done (line breaks shown as " / "), and the rest.
    static func lines(_ history: [MaintenanceHistory]) -> [String] {
        guard !history.isEmpty else { return [] }
        return ["", "Maintenance history (imported)"] + history.map { record in
            let text = record.description.split(whereSeparator: \.isNewline).joined(separator: " / ")
            let details = [record.type.map { "type \($0)" }, record.technician.map { "by \($0)" }, record.part.map { "parts \($0)" }]
                .compactMap { $0 }.joined(separator: "; ")
            return "  \(record.date)  \(record.id)  \(Terminal.printable(text))\(details.isEmpty ? "" : " (\(Terminal.printable(details)))")"
        }
    }
}

import Foundation
import RecordRepo

extension Records {
    /// The fields of an imported record, re-read from the ledger, that differ from what its
    /// source row gives when read again from the file's own bytes: every value, the date read
    /// again in the plant's time zone, the equipment mapped again, and the row's SHA-256 computed
    /// again. Empty when the record is exactly its row.
    /// `stored` is the record's bytes as the ledger gives them back, read as plain JSON (not
    /// through the Swift type, so a field the type would drop or default is still seen).
    static func differences(_ stored: Data?, id: String, row: CSVTable.Row, in table: CSVTable,
                            columns: ImportReconciliation.Columns, mapping: EquipmentMapping, file: String, user: String,
                            zone: TimeZone) -> [String] {
        guard let stored, case .object(let record)? = try? JSONParser.parse(stored), case .object(let source)? = record["source"] else {
            return ["record (not found or not readable on re-reading)"]
        }
        func text(_ fields: [String: JSONValue], _ key: String) -> String? {
            switch fields[key] {
            case .string(let value)?: value
            case .integer(let value)?: String(value)
            case nil: nil
            default: "(not text)"
            }
        }
        func field(_ title: String?) -> String? {
            guard let title, let index = table.header.firstIndex(of: title) else { return nil }
            let text = row.fields[index]
            return text.isEmpty ? nil : text
        }
        let date = try? HistoryDate(parsing: field(columns.date) ?? "", in: zone)
        let equipment = field(columns.equipment).flatMap { try? mapping.id(for: $0).get() }
        let pairs: [(field: String, source: String?, record: String?)] = [
            ("id", id, text(record, "id")), ("equipment", equipment, text(record, "equipment")),
            ("date", date?.day, text(record, "date")), ("time", date?.time, text(record, "time")),
            ("date as written", field(columns.date), text(record, "dateAsWritten")),
            ("description", field(columns.description), text(record, "description")),
            ("type", field(columns.type), text(record, "type")), ("technician", field(columns.technician), text(record, "technician")),
            ("part", field(columns.part), text(record, "part")),
            ("source file SHA-256", file, text(source, "file")), ("source row", String(row.number), text(source, "row")),
            ("source row SHA-256", SourceDigest.sha256(table.bytes(of: row)), text(source, "checksum")),
            ("equipment as written", field(columns.equipment), text(source, "equipment")),
            ("imported by", user, text(record, "importedBy")), ("revision", "1", text(record, "revision")),
        ]
        let known: Set<String> = ["id", "equipment", "date", "time", "dateAsWritten", "description", "type", "technician", "part",
                                  "source", "importedBy", "importedAt", "revision"]
        let unknown = record.keys.filter { !known.contains($0) }.sorted().map { "unexpected field \($0)" }
        return pairs.filter { $0.source != $0.record }.map(\.field) + unknown
    }
}

import Foundation
import RecordRepo

extension Records {
    /// The fields of an imported record, re-read from the ledger, that differ from what its
    /// source row gives when read again from the file's own bytes: every value, the date read
    /// again in the plant's time zone, the equipment mapped again, and the row's SHA-256 computed
    /// again. Empty when the record is exactly its row.
    static func differences(_ stored: MaintenanceHistory?, id: String, row: CSVTable.Row, in table: CSVTable,
                            columns: ImportReconciliation.Columns, mapping: EquipmentMapping, file: String, user: String,
                            zone: TimeZone) -> [String] {
        guard let stored else { return ["record (not found on re-reading)"] }
        func field(_ title: String?) -> String? {
            guard let title, let index = table.header.firstIndex(of: title) else { return nil }
            let text = row.fields[index]
            return text.isEmpty ? nil : text
        }
        let date = try? HistoryDate(parsing: field(columns.date) ?? "", in: zone)
        let equipment = field(columns.equipment).flatMap { try? mapping.id(for: $0).get() }
        let pairs: [(field: String, source: String?, record: String?)] = [
            ("id", id, stored.id), ("equipment", equipment, stored.equipment),
            ("date", date?.day, stored.date), ("time", date?.time, stored.time),
            ("date as written", field(columns.date), stored.dateAsWritten),
            ("description", field(columns.description), stored.description),
            ("type", field(columns.type), stored.type), ("technician", field(columns.technician), stored.technician),
            ("part", field(columns.part), stored.part),
            ("source file SHA-256", file, stored.source.file), ("source row", String(row.number), String(stored.source.row)),
            ("source row SHA-256", SourceDigest.sha256(table.bytes(of: row)), stored.source.checksum),
            ("equipment as written", field(columns.equipment), stored.source.equipment),
            ("imported by", user, stored.importedBy), ("revision", "1", String(stored.revision)),
        ]
        return pairs.filter { $0.source != $0.record }.map(\.field)
    }
}

import Foundation
import RecordRepo

/// Imported maintenance history: one event, `import`, which creates the record; none changes it,
/// so it is read-only. The service and verify's replay run the same checks on every row.
public enum HistoryKind {
    /// One source row as the import reads it: the values as written, the equipment mapped to an
    /// ID, and where the row came from.
    public struct Row: Sendable, Equatable {
        public var id: String
        public var equipment: String
        /// The day and time the import read from `dateAsWritten` in the plant's time zone.
        public var date: HistoryDate
        public var dateAsWritten: String
        public var description: String
        public var type: String?
        public var technician: String?
        public var part: String?
        public var source: MaintenanceHistory.Source

        public init(id: String, equipment: String, date: HistoryDate, dateAsWritten: String, description: String, type: String?,
                    technician: String?, part: String?, source: MaintenanceHistory.Source) {
            self.id = id
            self.equipment = equipment
            self.date = date
            self.dateAsWritten = dateAsWritten
            self.description = description
            self.type = type
            self.technician = technician
            self.part = part
            self.source = source
        }

        init(of record: MaintenanceHistory) {
            self.init(id: record.id, equipment: record.equipment, date: HistoryDate(day: record.date, time: record.time),
                      dateAsWritten: record.dateAsWritten, description: record.description,
                      type: record.type, technician: record.technician, part: record.part, source: record.source)
        }

        /// The fields of the row by the name the record gives them, for refusals and comparisons.
        var lines: [(field: String, value: String?, multiline: Bool)] {
            [("date", dateAsWritten, false), ("description", description, true), ("type", type, false),
             ("technician", technician, false), ("part", part, true), ("equipment as written", source.equipment, false)]
        }
    }

    /// Why `value` cannot be kept as a field of an imported record, or nil. Line breaks and tabs
    /// are kept in the multi-line fields (a description may span lines, as the source wrote it);
    /// NUL and the other control characters, and invisible or direction-changing ones, never.
    public static func problem(with value: String, multiline: Bool) -> String? {
        let maxLength = multiline ? 4000 : 200
        // Printable ASCII (with line breaks and tabs where kept), as most legacy rows are: no
        // control, invisible or direction-changing character can be in it.
        if value.utf8.count <= maxLength,
           value.utf8.allSatisfy({ (0x20...0x7E).contains($0) || (multiline && ($0 == 0x0A || $0 == 0x0D || $0 == 0x09)) }),
           value.utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
            return nil
        }
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "it is empty" }
        if value.unicodeScalars.count > maxLength { return "it is longer than \(maxLength) characters" }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if value.unicodeScalars.contains(where: { !allowed.contains($0) && ($0.properties.generalCategory == .control
            || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator) }) {
            return multiline ? "it contains NUL or a control character other than a line break or a tab"
                : "it contains a line break, NUL or another control character"
        }
        return TextRules.hiddenProblem(in: value)
    }

    public static let `import` = RecordEvent<MaintenanceHistory, Row>(
        "import", meaning: .migration, permission: .historyImport, action: "import maintenance history", creates: true,
        summary: { id, row, _ in "Import \(id): \(row.equipment) on \(row.dateAsWritten.prefix(10)), source row \(row.source.row)" },
        input: { _, written, _ in Row(of: written) },
        rests: { row in [(.equipment, row.equipment)] },
        check: { _, row, context, signing throws(DocumentsError) in
            let record = "source row \(row.source.row)"
            for (field, value, multiline) in row.lines {
                if let value, let problem = problem(with: value, multiline: multiline) {
                    throw .invalidField(record: record, field: field, reason: problem)
                }
            }
            guard context.record(Equipment.self, kind: .equipment, id: row.equipment) != nil else {
                throw .invalidField(record: record, field: "equipment", reason:
                    "\(row.equipment) is not registered here; register it first, or import with --create-equipment")
            }
            let date = try HistoryDate(parsing: row.dateAsWritten, in: context.policy.zone)
            guard date == row.date else {
                throw .invalidField(record: record, field: "date", reason:
                    "\(RecordID.quoted(row.dateAsWritten)) in the plant's time zone is \(date.time ?? date.day), not \(row.date.time ?? row.date.day)")
            }
            guard date.day <= signing.day else {
                throw .invalidField(record: record, field: "date", reason: "\(date.day) is after the day of the import (\(signing.day))")
            }
        },
        apply: { _, row, signing in
            MaintenanceHistory(id: row.id, equipment: row.equipment, date: row.date.day, time: row.date.time,
                               dateAsWritten: row.dateAsWritten, description: row.description, type: row.type,
                               technician: row.technician, part: row.part, source: row.source, importedBy: signing.user,
                               importedAt: signing.time, revision: 1)
        })

    public static let declaration = KindDeclaration<MaintenanceHistory>(
        kind: .history, events: [`import`.replayable], revision: { _ in 1 },
        labels: ["dateAsWritten": "date as written", "source.file": "source file SHA-256", "source.row": "source row",
                 "source.checksum": "source row SHA-256", "source.equipment": "equipment as written"])
}

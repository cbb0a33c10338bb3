import Foundation
import RecordRepo

/// An import of legacy maintenance history from a CSV file: which columns hold what, and how the
/// source's equipment becomes equipment IDs.
public struct HistoryImport: Sendable {
    /// The file's name (last path component) and bytes.
    public let name: String
    public let data: Data
    public let columns: ImportReconciliation.Columns
    /// Put before a bare number to make an equipment ID: `EQ-` (or `EQ`) turns `17` into `EQ-17`.
    public let prefix: String?
    /// A two-column CSV (with a header row): the source's equipment, then its equipment ID.
    public let map: (name: String, data: Data)?
    /// Register equipment the rows name that is not registered yet, instead of refusing the rows.
    public let createEquipment: Bool

    public init(name: String, data: Data, columns: ImportReconciliation.Columns, prefix: String? = nil,
                map: (name: String, data: Data)? = nil, createEquipment: Bool = false) {
        self.name = name
        self.data = data
        self.columns = columns
        self.prefix = prefix
        self.map = map
        self.createEquipment = createEquipment
    }

    /// A row of the file, read and checked: every value is one a record may keep.
    struct SourceRow {
        let number: Int
        let equipment: String
        let date: HistoryDate
        let dateAsWritten: String
        let description: String
        let type: String?
        let technician: String?
        let part: String?
        let checksum: String
    }

    /// Reads every row, refusing the file (naming the row and the column) when a column is
    /// missing, a date cannot be read, or a value cannot be kept.
    func rows(in zone: TimeZone) throws(DocumentsError) -> (table: CSVTable, rows: [SourceRow]) {
        if let problem = TextRules.problem(with: name, maxLength: 200) {
            throw .invalidField(record: RecordID.quoted(name), field: "file name", reason: problem)
        }
        let table = try CSVTable(parsing: data, name: name)
        func column(_ title: String?, _ option: String) throws(DocumentsError) -> Int? {
            guard let title else { return nil }
            let found = table.header.indices.filter { table.header[$0] == title }
            guard found.count == 1 else {
                throw .invalidField(record: "\(name) row 1", field: "column \(RecordID.quoted(title)) (\(option))", reason: found.isEmpty
                    ? "the header has no such column; it has \(table.header.map { RecordID.quoted($0) }.joined(separator: ", "))"
                    : "the header names it \(found.count) times")
            }
            return found[0]
        }
        let date = try column(columns.date, "--date-column"), equipment = try column(columns.equipment, "--equipment-column")
        let description = try column(columns.description, "--description-column")
        let type = try column(columns.type, "--type-column"), technician = try column(columns.technician, "--technician-column")
        let part = try column(columns.part, "--part-column")
        var rows: [SourceRow] = []
        rows.reserveCapacity(table.rows.count)
        for row in table.rows {
            func value(_ index: Int?, multiline: Bool, required: Bool) throws(DocumentsError) -> String? {
                guard let index else { return nil }
                let text = row.fields[index]
                if !required, text.isEmpty { return nil }
                if let problem = HistoryKind.problem(with: text, multiline: multiline) {
                    throw .invalidField(record: "\(name) row \(row.number)", field: "column \(RecordID.quoted(table.header[index]))", reason: problem)
                }
                return text
            }
            let written = try value(date, multiline: false, required: true) ?? ""
            let day: HistoryDate
            do { day = try HistoryDate(parsing: written, in: zone) } catch {
                throw .invalidField(record: "\(name) row \(row.number)", field: "column \(RecordID.quoted(columns.date))",
                                    reason: "\(RecordID.quoted(written)) is not a date: \(HistoryDate.forms)")
            }
            rows.append(SourceRow(number: row.number, equipment: try value(equipment, multiline: false, required: true) ?? "",
                                  date: day, dateAsWritten: written,
                                  description: try value(description, multiline: true, required: true) ?? "",
                                  type: try value(type, multiline: false, required: false),
                                  technician: try value(technician, multiline: false, required: false),
                                  part: try value(part, multiline: true, required: false),
                                  checksum: SourceDigest.sha256(table.bytes(of: row))))
        }
        return (table, rows)
    }
}

/// How the source's equipment becomes equipment IDs: the mapping file first, then the prefix
/// before a bare number, else the value itself when it is an equipment ID.
struct EquipmentMapping {
    let prefix: String?
    let map: [String: String]
    /// What the reconciliation says about it.
    let summary: String

    init(prefix given: String?, map file: (name: String, data: Data)?) throws(DocumentsError) {
        var prefix = given
        if let text = given {
            prefix = text.hasSuffix("-") ? text : text + "-"
            do { try RecordID.validate((prefix ?? "") + "1", kind: .equipment, field: "equipment prefix") } catch {
                throw .invalidField(record: RecordID.quoted(text), field: "--equipment-prefix",
                                    reason: "with a number after it, it must make an equipment ID: \(RecordKind.equipment.idRule)")
            }
        }
        var map: [String: String] = [:]
        var parts: [String] = []
        if let file {
            let table = try CSVTable(parsing: file.data, name: file.name)
            guard table.header.count == 2 else {
                throw .invalidField(record: "\(file.name) row 1", field: "header",
                                    reason: "a mapping file has two columns: the source's equipment, then its equipment ID")
            }
            for row in table.rows {
                let (value, id) = (row.fields[0].trimmingCharacters(in: .whitespaces), row.fields[1])
                try RecordID.validate(id, kind: .equipment, field: "column \(RecordID.quoted(table.header[1])) of \(file.name) row \(row.number)")
                guard !value.isEmpty, map.updateValue(id, forKey: value) == nil else {
                    throw .invalidField(record: "\(file.name) row \(row.number)", field: "column \(RecordID.quoted(table.header[0]))",
                                        reason: value.isEmpty ? "it is empty" : "\(RecordID.quoted(value)) is mapped twice")
                }
            }
            parts.append("map \(SourceDigest.sha256(file.data))")
        }
        if let prefix { parts.append("prefix \(prefix)") }
        self.prefix = prefix
        self.map = map
        summary = parts.isEmpty ? "as written" : parts.joined(separator: ", then ")
    }

    /// The equipment ID for `value`, or why there is none.
    func id(for value: String) -> Result<String, DocumentsError> {
        let key = value.trimmingCharacters(in: .whitespaces)
        if let mapped = map[key] { return .success(mapped) }
        if let prefix, !key.isEmpty, key.utf8.count <= 9, key.utf8.allSatisfy({ (48...57).contains($0) }) {
            return .success(prefix + key)
        }
        do { try RecordID.validate(key, kind: .equipment, field: "equipment") } catch {
            let how = map.isEmpty && prefix == nil ? "" : " and neither the mapping file nor the prefix names it"
            return .failure(.invalidField(record: RecordID.quoted(value), field: "equipment",
                                          reason: "it is not an equipment ID\(how); \(RecordKind.equipment.idRule)"))
        }
        return .success(key)
    }
}

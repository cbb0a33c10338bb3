import Foundation

/// A CSV file read as RFC 4180 has it: fields separated by commas, records by CRLF or LF; a field
/// in double quotes may hold commas, line breaks and quotes written twice (`""`). Every record must
/// have as many fields as the header, and every field must be UTF-8. A UTF-8 byte-order mark at the
/// start is skipped, and so are empty lines at the very end.
///
/// Rows are numbered as a spreadsheet shows them: the header is row 1. Each row keeps the exact
/// bytes it was read from (without its line break), whose SHA-256 identifies it.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// 2 for the first row after the header.
        public let number: Int
        /// The line of the file the row starts on (a quoted field may span lines).
        public let line: Int
        public let fields: [String]
        /// Where the row's bytes lie in the file.
        public let bytes: Range<Int>
    }

    /// The file's name, for messages.
    public let name: String
    public let header: [String]
    public let rows: [Row]
    /// The file's bytes, as read.
    public let data: [UInt8]

    /// The bytes of `row` as they are in the file.
    public func bytes(of row: Row) -> ArraySlice<UInt8> { data[row.bytes] }

    /// Reads `data`, refusing an empty file, a header only, a quote out of place, a ragged row or
    /// a field that is not UTF-8, naming the row and the column.
    public init(parsing data: Data, name: String) throws(DocumentsError) {
        self.name = name
        self.data = Array(data)
        var records = try Self.split(self.data, name: name)
        while let last = records.last, last.fields.count == 1, last.fields[0].isEmpty { records.removeLast() }
        guard let first = records.first else { throw .invalidField(record: name, field: "content", reason: "the file is empty") }
        let header = try Self.decode(first.fields, row: 1, header: nil, name: name)
        guard records.count > 1 else {
            throw .invalidField(record: name, field: "content", reason: "the file has a header but no rows after it")
        }
        var rows: [Row] = []
        rows.reserveCapacity(records.count - 1)
        for (offset, record) in records.enumerated().dropFirst() {
            let number = offset + 1
            guard record.fields.count == header.count else {
                throw .invalidField(record: "\(name) row \(number) (line \(record.line))", field: "number of fields",
                                    reason: "it has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(header.count)")
            }
            rows.append(Row(number: number, line: record.line, fields: try Self.decode(record.fields, row: number, header: header, name: name),
                            bytes: record.bytes))
        }
        self.header = header
        self.rows = rows
    }

    private struct RawRecord {
        var fields: [ArraySlice<UInt8>]
        var line: Int
        var bytes: Range<Int>
    }

    private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    /// Splits the bytes into records of fields (quotes undone, still bytes).
    private static func split(_ bytes: [UInt8], name: String) throws(DocumentsError) -> [RawRecord] {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var records: [RawRecord] = []
        var line = 1
        while index < bytes.count {
            let start = index, startLine = line
            var fields: [ArraySlice<UInt8>] = []
            var ended = false
            while !ended {
                let column = fields.count + 1
                func refuse(_ reason: String) -> DocumentsError {
                    .invalidField(record: "\(name) row \(records.count + 1) (line \(line))", field: "field \(column)", reason: reason)
                }
                var field: ArraySlice<UInt8>
                if index < bytes.count, bytes[index] == quote {
                    var unquoted: [UInt8] = []
                    index += 1
                    while true {
                        guard index < bytes.count else { throw refuse("a quoted field is not closed before the end of the file") }
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                unquoted.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if byte == lf { line += 1 }
                        unquoted.append(byte)
                        index += 1
                    }
                    field = unquoted[...]
                    if index < bytes.count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
                        throw refuse("text follows the closing quote of a quoted field (a quote inside a field is written twice)")
                    }
                } else {
                    let begin = index
                    while index < bytes.count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
                        if bytes[index] == quote { throw refuse("a quote inside an unquoted field (quote the field and write the quote twice)") }
                        index += 1
                    }
                    field = bytes[begin..<index]
                }
                fields.append(field)
                var end = index
                if index >= bytes.count {
                    ended = true
                } else if bytes[index] == comma {
                    index += 1
                    // A comma at the very end of the file ends the record with one more empty field.
                    if index >= bytes.count { fields.append([]); end = index; ended = true }
                } else if bytes[index] == lf {
                    index += 1
                    line += 1
                    ended = true
                } else if index + 1 < bytes.count, bytes[index + 1] == lf {
                    index += 2
                    line += 1
                    ended = true
                } else {
                    throw refuse("a carriage return not followed by a line feed ends no line")
                }
                if ended { records.append(RawRecord(fields: fields, line: startLine, bytes: start..<end)) }
            }
        }
        return records
    }

    private static func decode(_ fields: [ArraySlice<UInt8>], row: Int, header: [String]?, name: String) throws(DocumentsError) -> [String] {
        var decoded: [String] = []
        decoded.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            guard let text = String(validating: field, as: UTF8.self) else {
                let column = header.map { "column \(RecordID.quoted($0[index]))" } ?? "field \(index + 1) of the header"
                throw .invalidField(record: "\(name) row \(row)", field: column, reason: "it is not UTF-8 text (save the file as UTF-8)")
            }
            decoded.append(text)
        }
        return decoded
    }
}

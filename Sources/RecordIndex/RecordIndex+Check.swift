import Crypto
import Foundation
import GRDB
import RecordRepo

extension RecordIndex {
    /// Rebuilds the index from git into a temporary file and lists every difference from the
    /// stored one, one sentence each (at most `limit`, then a count of the rest); empty when they
    /// are identical. An index that is merely behind `main` differs by the acts it lacks.
    public func check(limit: Int = 200) throws(IndexError) -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-index-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw .database(path: directory.path, operation: "be created for a check", message: "\(error)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let freshPath = directory.appendingPathComponent("index.sqlite").path
        do {
            let fresh = try RecordIndex(ledger: ledger, path: freshPath)
            try fresh.rebuild()
        }
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS fresh", arguments: [freshPath])
                defer { try? db.execute(sql: "DETACH DATABASE fresh") }
                var differences: [String] = []
                var more = 0
                for table in IndexSchema.tables {
                    for difference in try Self.differences(in: table.name, key: table.key, db) {
                        if differences.count < limit { differences.append(difference) } else { more += 1 }
                    }
                }
                if more > 0 { differences.append("… and \(more) more differences") }
                return differences
            }
        } catch { throw Self.wrap(error, path: path, operation: "be checked") }
    }

    /// The rows of `table` that differ between the stored index (`main`) and the rebuild (`fresh`),
    /// paired by key when both sides have a row with that key.
    private static func differences(in table: String, key: [String], _ db: Database) throws -> [String] {
        let order = key.joined(separator: ", ")
        let stored = try Row.fetchAll(db, sql: "SELECT * FROM main.\(table) EXCEPT SELECT * FROM fresh.\(table) ORDER BY \(order)")
        let rebuilt = try Row.fetchAll(db, sql: "SELECT * FROM fresh.\(table) EXCEPT SELECT * FROM main.\(table) ORDER BY \(order)")
        func keyText(_ row: Row) -> String {
            key.map { "\($0) \(row[$0] as DatabaseValue)" }.joined(separator: ", ")
        }
        var rebuiltByKey: [String: Row] = [:]
        for row in rebuilt { rebuiltByKey[keyText(row)] = row }
        var result: [String] = []
        for row in stored {
            let id = keyText(row)
            if let other = rebuiltByKey.removeValue(forKey: id) {
                let columns = row.columnNames.filter { (row[$0] as DatabaseValue) != (other[$0] as DatabaseValue) }
                let detail = columns.map { "\($0) is \(row[$0] as DatabaseValue) in the index, \(other[$0] as DatabaseValue) in git" }
                result.append("\(table) (\(id)): " + detail.joined(separator: "; "))
            } else {
                result.append("\(table) (\(id)): in the index but not in a rebuild from git: \(row)")
            }
        }
        for row in rebuilt where rebuiltByKey[keyText(row)] != nil {
            result.append("\(table) (\(keyText(row))): missing from the index: \(row)")
        }
        return result
    }

    /// A SHA-256 (hex) over every row of every table, tables in a fixed order and rows ordered by
    /// their keys, each value typed and length-prefixed: equal digests mean equal indexes, so an
    /// index kept up to date act by act can be compared with one rebuilt at once.
    public func contentDigest() throws(IndexError) -> String {
        try read { db in
            var hash = SHA256()
            for table in IndexSchema.tables {
                hash.update(data: Data("table \(table.name)\n".utf8))
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.name) ORDER BY \(table.key.joined(separator: ", "))")
                while let row = try rows.next() {
                    var bytes = Data("row \(row.count)\n".utf8)
                    for value in row.databaseValues { Self.append(value, to: &bytes) }
                    hash.update(data: bytes)
                }
            }
            return hash.finalize().map { String(format: "%02x", $0) }.joined()
        }
    }

    private static func append(_ value: DatabaseValue, to bytes: inout Data) {
        switch value.storage {
        case .null: bytes.append(contentsOf: Array("n\n".utf8))
        case .int64(let number): bytes.append(contentsOf: Array("i\(number)\n".utf8))
        case .double(let number): bytes.append(contentsOf: Array("d\(number.bitPattern)\n".utf8))
        case .string(let text): bytes.append(contentsOf: Array("s\(text.utf8.count):".utf8) + Array(text.utf8))
        case .blob(let data): bytes.append(contentsOf: Array("b\(data.count):".utf8)); bytes.append(data)
        }
    }
}

import GRDB
import GRDBSQLite

/// One run of a prepared statement through SQLite's C API: bind, step once, read the row if there
/// is one, reset. The bulk inserts of `RowBatch` and the statements an incremental update runs for
/// each act (placements, records, `meta`) go this way: through `StatementArguments` and `Row`,
/// GRDB's conversions and checks cost several times SQLite's own work on a one-row statement.
/// Errors are GRDB's `DatabaseError`.
extension Statement {
    /// Binds `values` to the statement's parameters in order and steps it once; `row` reads the
    /// row when it produced one (nil otherwise).
    ///
    /// Text is copied once into one buffer and bound where it lies there (`SQLITE_STATIC`), rather
    /// than copied again by SQLite into an allocation of its own for each value
    /// (`SQLITE_TRANSIENT`, as GRDB binds): a rebuild binds about thirty values per act. The
    /// bindings are cleared before the buffer goes.
    func step<T>(_ db: Database, _ values: [DatabaseValue], row: (OpaquePointer) -> T) throws -> T? {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        var text: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(values.count)
        for value in values {
            starts.append(text.count)
            if case .string(let string) = value.storage { text.append(contentsOf: string.utf8) }
        }
        // Never empty, so that an empty string is bound as one (a null pointer would bind NULL).
        text.append(0)
        return try text.withUnsafeBufferPointer { buffer throws -> T? in
            defer {
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
            }
            for (offset, value) in values.enumerated() {
                let code: CInt
                if case .string = value.storage {
                    let start = starts[offset], end = offset + 1 < starts.count ? starts[offset + 1] : buffer.count - 1
                    code = sqlite3_bind_text(handle, CInt(offset + 1), UnsafeRawPointer(buffer.baseAddress! + start)
                        .assumingMemoryBound(to: CChar.self), CInt(end - start), nil)
                } else {
                    code = value.bind(to: handle, at: CInt(offset + 1))
                }
                guard code == SQLITE_OK else { throw failure(db, code) }
            }
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: return row(handle)
            case SQLITE_DONE: return nil
            default: throw failure(db, code)
            }
        }
    }

    /// `step(_:_:row:)` with the values listed.
    func step<T>(_ db: Database, _ values: DatabaseValue..., row: (OpaquePointer) -> T) throws -> T? {
        try step(db, values, row: row)
    }

    /// Binds `values` and runs the statement (a write).
    func run(_ db: Database, _ values: DatabaseValue...) throws {
        try run(db, values)
    }

    /// Binds `values` and runs the statement (a write).
    func run(_ db: Database, _ values: [DatabaseValue]) throws {
        _ = try step(db, values) { _ in () }
    }

    private func failure(_ db: Database, _ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
    }
}

/// The text of column `index` of the current row, all of its bytes (as GRDB reads text: a NUL
/// inside does not end it); nil for NULL.
func columnText(_ handle: OpaquePointer, _ index: CInt) -> String? {
    guard sqlite3_column_type(handle, index) != SQLITE_NULL, let text = sqlite3_column_text(handle, index) else { return nil }
    return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index))), as: UTF8.self)
}

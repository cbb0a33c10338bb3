import GRDB

/// Rows of one table waiting for a multi-row INSERT, sent `size` rows at a time. Statements are
/// taken from the connection's cache: an incremental update of one act must not pay for preparing
/// a statement of a thousand placeholders that it never runs. Values are held as `DatabaseValue`s,
/// not as existentials, which a rebuild would box and unbox a million times.
struct RowBatch {
    private let db: Database
    private let insert: String
    private let columns: Int
    private let size: Int
    /// The statement of a full batch, made at the first: most batches of a rebuild are full, and an
    /// update of one act has none.
    private var full: String?
    private var values: [DatabaseValue] = []

    /// `insert` is the statement up to `VALUES`; each row has `columns` values. A batch stays
    /// under 999 arguments, SQLite's smallest limit.
    init(_ db: Database, insert: String, columns: Int) throws {
        self.db = db
        self.insert = insert
        self.columns = columns
        size = max(1, min(999, db.maximumStatementArgumentCount) / columns)
    }

    mutating func add(_ row: DatabaseValue...) throws { try add(row) }

    mutating func add(_ row: [DatabaseValue]) throws {
        values.append(contentsOf: row)
        if values.count == size * columns { try flush() }
    }

    /// Inserts the rows waiting, if any. The values are bound and the statement stepped through
    /// SQLite's C API (`Statement.step`), rather than through `StatementArguments`, whose
    /// conversions and checks of a thousand values per batch were most of the writing thread's
    /// time outside SQLite.
    mutating func flush() throws {
        guard !values.isEmpty else { return }
        let rows = values.count / columns
        let sql = (rows == size ? full : nil) ?? Self.sql(insert, columns: columns, rows: rows)
        if rows == size { full = sql }
        let statement = try db.cachedStatement(sql: sql)
        _ = try statement.step(db, values) { _ in () }
        values.removeAll(keepingCapacity: true)
    }

    private static func sql(_ insert: String, columns: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return insert + " " + Array(repeating: row, count: rows).joined(separator: ", ")
    }
}

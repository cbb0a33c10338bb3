import GRDB

/// The tables of the index. A projection of `main`: every row can be made again from git.
///
/// - `meta`: one row: schema version, last indexed commit, number of acts.
/// - `acts`: one row per commit on `main`, `seq` 1, 2, 3… in history order; an index on each
///   selective column that `audit` filters on (time, signer, equipment). Kind, meaning and
///   department take a handful of values each: a filter on them alone reads the table (about
///   25 ms at 100,000 acts), and indexes on them cost every new act three more pages written.
///   The commit is unique through an index of its own (`acts_by_commit`), not a column
///   constraint, so that a rebuild can drop it with the others: commit IDs are random, and an
///   index kept up to date row by row took each insert to a random page, far more pages than
///   SQLite's cache holds, written out and read back again and again.
/// - `changes`: one row per record each act changed, keyed by record ID then `seq`: the key of
///   `revisions(of:)` and of the record filter. `fields` lists the field changes (`ChangeList`);
///   the act's commit, signer and time are joined from `acts` by `seq`.
/// - `records`: each record as of the last indexed act, keyed by kind and ID, with the columns
///   lists and reports filter on (a work order's assignee, due date, plan and window among them).
///   `records_occurrences` holds every column a compliance report reads, for generated jobs only,
///   so that the report reads that narrow index and never the wide rows; `records_settled` (jobs
///   completed or cancelled, by class) and `records_pending` (jobs still to do) serve its counts.
enum IndexSchema {
    /// Raised whenever a table, an index or the meaning of a column changes: an index file of
    /// another version is dropped and built again.
    static let version = 10

    /// Tables in the order digests and checks visit them, with the columns that order their rows.
    static let tables: [(name: String, key: [String])] = [
        ("meta", ["id"]), ("acts", ["seq"]), ("changes", ["record", "seq"]),
        ("records", ["kind", "id"]),
    ]

    /// The indexes that serve queries (constraints apart): dropped while a rebuild loads every
    /// row and made again at its end, which is faster than keeping them up to date row by row.
    static let indexes = """
        CREATE UNIQUE INDEX IF NOT EXISTS acts_by_commit ON acts(commit_id);
        CREATE INDEX IF NOT EXISTS acts_by_time ON acts(time);
        CREATE INDEX IF NOT EXISTS acts_by_signer ON acts(signer);
        CREATE INDEX IF NOT EXISTS acts_by_equipment ON acts(equipment);
        CREATE INDEX IF NOT EXISTS records_by_assignee ON records(assignee) WHERE assignee IS NOT NULL;
        CREATE INDEX IF NOT EXISTS records_occurrences
            ON records(due, kind, plan, occurrence, equipment, closes, next_due, completed, status, settled) WHERE plan IS NOT NULL;
        CREATE INDEX IF NOT EXISTS records_settled ON records(settled, due, kind, plan, equipment) WHERE plan IS NOT NULL AND settled IS NOT NULL;
        CREATE INDEX IF NOT EXISTS records_pending
            ON records(due, kind, plan, equipment, closes, next_due) WHERE plan IS NOT NULL AND settled IS NULL;
        """
    static let indexNames = ["acts_by_commit", "acts_by_time", "acts_by_signer", "acts_by_equipment", "records_by_assignee",
                             "records_occurrences",
                             "records_settled", "records_pending"]

    /// The columns of `records` a work order's `JobColumns` fill, in order.
    static let jobColumns = ["title", "assignee", "due", "type", "plan", "occurrence", "closes", "next_due", "completed", "settled", "refs"]

    static let tablesSQL = """
        CREATE TABLE meta (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            schema_version INTEGER NOT NULL,
            last_commit TEXT,
            act_count INTEGER NOT NULL);
        CREATE TABLE acts (
            seq INTEGER PRIMARY KEY,
            commit_id TEXT NOT NULL,
            parent TEXT,
            time TEXT NOT NULL,
            signer TEXT NOT NULL,
            name TEXT NOT NULL,
            meaning TEXT NOT NULL,
            record TEXT NOT NULL,
            kind TEXT NOT NULL,
            revision INTEGER,
            reason TEXT NOT NULL,
            summary TEXT NOT NULL,
            equipment TEXT,
            department TEXT);
        CREATE TABLE changes (
            record TEXT NOT NULL,
            seq INTEGER NOT NULL,
            fields TEXT NOT NULL,
            PRIMARY KEY (record, seq)) WITHOUT ROWID;
        CREATE TABLE records (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            path TEXT NOT NULL,
            blob TEXT NOT NULL,
            body_blob TEXT,
            last_seq INTEGER NOT NULL,
            commit_id TEXT NOT NULL,
            status TEXT,
            equipment TEXT,
            department TEXT,
            title TEXT,
            assignee TEXT,
            due TEXT,
            type TEXT,
            plan TEXT,
            occurrence INTEGER,
            closes TEXT,
            next_due TEXT,
            completed TEXT,
            settled TEXT,
            refs TEXT,
            PRIMARY KEY (kind, id)) WITHOUT ROWID;
        """

    /// Creates the tables in an empty database, or drops and creates them when they are of another
    /// version or unreadable. Returns true when the tables were (re)created empty.
    @discardableResult
    static func prepare(_ db: Database) throws -> Bool {
        if try db.tableExists("meta"),
           (try? Int.fetchOne(db, sql: "SELECT schema_version FROM meta WHERE id = 1")) == Self.version {
            return false
        }
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
            try db.execute(sql: "DROP TABLE \(table.quotedDatabaseIdentifier)")
        }
        try db.execute(sql: tablesSQL)
        try db.execute(sql: indexes)
        try db.execute(sql: "INSERT INTO meta (id, schema_version, last_commit, act_count) VALUES (1, ?, NULL, 0)",
                       arguments: [version])
        return true
    }

    /// Empties every table, as the start of a rebuild.
    static func clear(_ db: Database) throws {
        for table in ["acts", "changes", "records"] { try db.execute(sql: "DELETE FROM \(table)") }
        try db.execute(sql: "UPDATE meta SET last_commit = NULL, act_count = 0 WHERE id = 1")
    }

    /// Runs a bulk load without the query indexes and makes them again after it, in the caller's
    /// transaction, so a failure leaves the index as it was.
    static func withoutIndexes<T>(_ db: Database, _ load: () throws -> T) throws -> T {
        for name in indexNames { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
        let result = try load()
        try db.execute(sql: indexes)
        return result
    }
}

import Documents
import GRDB
import RecordRepo

/// Writes the rows of acts (`ActRows`) into the index, in history order, inside the caller's
/// transaction, numbering them from `first`; `finish()` flushes and records the last act in `meta`.
///
/// Rows that no later act reads back (acts, changes, touches) go in many at a time, one multi-row
/// INSERT per batch: in a rebuild, the work SQLite and GRDB do per statement was most of the
/// writing. The records table is written act by act, as an act's equipment and department come
/// from what earlier acts wrote there. Those two columns are mirrored in memory as they are written
/// (read from the table on first use otherwise), so looking them up costs no query.
final class ActWriter {
    private let db: Database
    private var seq: Int
    private var last: String?
    private let upsertRecord, updateBody, deleteRecord, lookup: Statement
    private var acts, changes, touches: RowBatch
    /// The equipment and department of each record as the records table holds them now; nil for
    /// a record that has no row.
    private var placements: [RecordKey: Placement?] = [:]
    /// True when the records table was empty at the start, so a record not in `placements` has no row.
    private let recordsStartEmpty: Bool

    private struct RecordKey: Hashable {
        let kind: String
        let id: String
    }

    private struct Placement {
        let equipment: String?
        let department: String?
    }

    /// A writer for acts numbered from `first`. Pass `recordsStartEmpty` only when the records
    /// table is empty (a rebuild): records are then never looked up in it.
    init(db: Database, first: Int, recordsStartEmpty: Bool) throws {
        self.db = db
        seq = first
        self.recordsStartEmpty = recordsStartEmpty
        upsertRecord = try db.cachedStatement(sql: """
            INSERT INTO records (kind, id, path, blob, body_blob, last_seq, commit_id, status, equipment, department)
            VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)
            ON CONFLICT (kind, id) DO UPDATE SET path = excluded.path, blob = excluded.blob, last_seq = excluded.last_seq,
                commit_id = excluded.commit_id, status = excluded.status, equipment = excluded.equipment,
                department = excluded.department
            """)
        updateBody = try db.cachedStatement(sql: "UPDATE records SET body_blob = ?, last_seq = ?, commit_id = ? WHERE kind = ? AND id = ?")
        deleteRecord = try db.cachedStatement(sql: "DELETE FROM records WHERE kind = ? AND id = ?")
        lookup = try db.cachedStatement(sql: "SELECT equipment, department FROM records WHERE kind = ? AND id = ?")
        acts = try RowBatch(db, insert: """
            INSERT INTO acts (seq, commit_id, parent, time, signer, name, meaning, record, kind, revision, reason,
                              summary, equipment, department) VALUES
            """, columns: 14)
        changes = try RowBatch(db, insert: "INSERT INTO changes (seq, ord, record, field, old, new) VALUES", columns: 6)
        touches = try RowBatch(db, insert: "INSERT OR IGNORE INTO touches (record, seq) VALUES", columns: 2)
    }

    /// Writes the next act; the records table holds the state of its parent.
    func write(_ rows: ActRows) throws {
        let act = rows.act
        let commit = act.commit.hex
        let signerBefore = try placement(kind: "account", id: act.signer)
        var ord = 0
        for record in rows.records {
            try touches.add([record.id, seq])
            for change in record.changes {
                try changes.add([seq, ord, record.id, change.field, change.old, change.new])
                ord += 1
            }
            try apply(record, commit: commit)
        }
        let primary = rows.primary.map { rows.records[$0] }
        // The primary record's equipment: from its JSON when the act wrote it, else as last indexed.
        let equipment: String?
        if let json = primary?.json {
            equipment = json.summary.equipment
        } else {
            equipment = try primary.flatMap { try placement(kind: $0.kind, id: $0.id)?.equipment }
        }
        let department: String?
        if let equipment {
            department = try placement(kind: RecordKind.equipment.rawValue, id: equipment)?.department
        } else {
            // The account the signer signed with; the first act creates its own signer's account.
            department = try (signerBefore ?? placement(kind: "account", id: act.signer))?.department
        }
        try acts.add([
            seq, commit, act.parent?.hex, Timestamp.iso(act.time), act.signer, act.signerName, act.meaning.rawValue, act.record,
            primary?.kind ?? "unknown", act.revision, act.reason, act.summary, equipment, department,
        ])
        last = commit
        seq += 1
    }

    /// Inserts the rows still waiting and records the last act written in `meta`.
    func finish() throws {
        try acts.flush()
        try changes.flush()
        try touches.flush()
        guard let last else { return }
        try db.cachedStatement(sql: "UPDATE meta SET last_commit = ?, act_count = ? WHERE id = 1")
            .execute(arguments: [last, seq - 1])
    }

    /// Brings the record's row to its state after the act.
    private func apply(_ record: RecordRows, commit: String) throws {
        let key = RecordKey(kind: record.kind, id: record.id)
        if let json = record.json {
            let summary = json.summary
            if let blob = json.blob {
                try upsertRecord.execute(arguments: [
                    record.kind, record.id, json.path, blob, seq, commit, summary.status, summary.equipment, summary.department,
                ])
                placements.updateValue(Placement(equipment: summary.equipment, department: summary.department), forKey: key)
            } else {
                try deleteRecord.execute(arguments: [record.kind, record.id])
                placements.updateValue(nil, forKey: key)
            }
        }
        if let body = record.body {
            try updateBody.execute(arguments: [body.blob, seq, commit, record.kind, record.id])
        }
    }

    /// The equipment and department of a record's row as it is now; nil when it has no row.
    private func placement(kind: String, id: String) throws -> Placement? {
        let key = RecordKey(kind: kind, id: id)
        if let known = placements[key] { return known }
        guard !recordsStartEmpty else { return nil }
        let found = try Row.fetchOne(lookup, arguments: [kind, id]).map { Placement(equipment: $0[0], department: $0[1]) }
        placements.updateValue(found, forKey: key)
        return found
    }
}

/// Rows of one table waiting for a multi-row INSERT, sent `size` rows at a time. Statements are
/// taken from the connection's cache: an incremental update of one act must not pay for preparing
/// a statement of a thousand placeholders that it never runs.
private struct RowBatch {
    private let db: Database
    private let insert: String
    private let columns: Int
    private let size: Int
    private var values: [(any DatabaseValueConvertible)?] = []

    /// `insert` is the statement up to `VALUES`; each row has `columns` values. A batch stays
    /// under 999 arguments, SQLite's smallest limit.
    init(_ db: Database, insert: String, columns: Int) throws {
        self.db = db
        self.insert = insert
        self.columns = columns
        size = max(1, min(999, db.maximumStatementArgumentCount) / columns)
    }

    mutating func add(_ row: [(any DatabaseValueConvertible)?]) throws {
        values += row
        if values.count == size * columns { try flush() }
    }

    /// Inserts the rows waiting, if any.
    mutating func flush() throws {
        guard !values.isEmpty else { return }
        let statement = try db.cachedStatement(sql: Self.sql(insert, columns: columns, rows: values.count / columns))
        try statement.execute(arguments: StatementArguments(values))
        values.removeAll(keepingCapacity: true)
    }

    private static func sql(_ insert: String, columns: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return insert + " " + Array(repeating: row, count: rows).joined(separator: ", ")
    }
}

import Documents
import GRDB

/// The records table as `ActWriter` brings it forward act by act, with the equipment and
/// department of each record at hand without a query. `SQLRecordTable` serves an update,
/// `MemoryRecordTable` a rebuild.
protocol RecordTable: AnyObject {
    /// Brings the record's row to its state after act `seq`: its JSON written (a row, its body
    /// kept) or removed (no row), then its body written or removed (on a row that exists).
    func apply(_ record: RecordRows, seq: Int, commit: String) throws
    /// The equipment and department of a record's row as it is now; nil when it has no row.
    func placement(kind: String, id: String) throws -> RecordPlacement?
    /// Writes what is still only in memory.
    func finish() throws
}

struct RecordPlacement {
    let equipment: String?
    let department: String?
}

struct RecordKey: Hashable {
    let kind: String
    let id: String
}

/// Changes the table row by row, mirroring the equipment and department in memory as it writes
/// them (read from the table on first use otherwise).
final class SQLRecordTable: RecordTable {
    /// `, title, assignee, …`: the job columns after the others in a column list.
    static let jobList = IndexSchema.jobColumns.map { ", " + $0 }.joined()

    private let db: Database
    private let upsert, updateBody, delete, lookup: Statement
    /// Each record's placement as the table holds it now, once known; nil for a record with no row.
    private var placements: [RecordKey: RecordPlacement?] = [:]

    init(db: Database) throws {
        self.db = db
        upsert = try db.cachedStatement(sql: """
            INSERT INTO records (kind, id, path, blob, body_blob, last_seq, commit_id, status, equipment, department\(Self.jobList))
            VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?\(String(repeating: ", ?", count: IndexSchema.jobColumns.count)))
            ON CONFLICT (kind, id) DO UPDATE SET path = excluded.path, blob = excluded.blob, last_seq = excluded.last_seq,
                commit_id = excluded.commit_id, status = excluded.status, equipment = excluded.equipment,
                department = excluded.department\(IndexSchema.jobColumns.map { ", \($0) = excluded.\($0)" }.joined())
            """)
        updateBody = try db.cachedStatement(sql: "UPDATE records SET body_blob = ?, last_seq = ?, commit_id = ? WHERE kind = ? AND id = ?")
        delete = try db.cachedStatement(sql: "DELETE FROM records WHERE kind = ? AND id = ?")
        lookup = try db.cachedStatement(sql: "SELECT equipment, department FROM records WHERE kind = ? AND id = ?")
    }

    func apply(_ record: RecordRows, seq: Int, commit: String) throws {
        let key = RecordKey(kind: record.kind, id: record.id)
        if let json = record.json {
            let summary = json.summary
            if let blob = json.blob {
                try upsert.run(db, [record.kind.databaseValue, record.id.databaseValue, json.path.databaseValue, blob.databaseValue,
                                    seq.databaseValue, commit.databaseValue, summary.status.databaseValue,
                                    summary.equipment.databaseValue, summary.department.databaseValue] + summary.job.values)
                placements.updateValue(RecordPlacement(equipment: summary.equipment, department: summary.department), forKey: key)
            } else {
                try delete.run(db, record.kind.databaseValue, record.id.databaseValue)
                placements.updateValue(nil, forKey: key)
            }
        }
        if let body = record.body {
            try updateBody.run(db, body.blob.databaseValue, seq.databaseValue, commit.databaseValue, record.kind.databaseValue,
                               record.id.databaseValue)
        }
    }

    func placement(kind: String, id: String) throws -> RecordPlacement? {
        let key = RecordKey(kind: kind, id: id)
        if let known = placements[key] { return known }
        let found = try lookup.step(db, kind.databaseValue, id.databaseValue) {
            RecordPlacement(equipment: columnText($0, 0), department: columnText($0, 1))
        }
        placements.updateValue(found, forKey: key)
        return found
    }

    func finish() throws {}
}

/// Keeps the whole table in memory, from empty, and writes the records changed since its last
/// write a few thousand at a time, in key order: a record changed by many acts in a row (a job
/// signed step by step) is written once rather than at every act, and the writing happens while
/// the rebuild's other threads still read git, not all at the end.
final class MemoryRecordTable: RecordTable {
    private struct Columns {
        var path: String
        var blob: String
        var bodyBlob: String?
        var lastSeq: Int
        var commit: String
        var status, equipment, department: String?
        var job: JobColumns
    }

    /// How many changed records wait before they are written.
    static let pending = 4_096

    private let db: Database
    private let pending: Int
    private var rows: [RecordKey: Columns] = [:]
    /// Records changed (or removed) since the last write.
    private var changed: Set<RecordKey> = []
    /// Records the table holds a row of.
    private var stored: Set<RecordKey> = []

    /// The table in `db` must be empty. `pending` records changed wait before they are written
    /// (tests write after every few).
    init(db: Database, pending: Int = MemoryRecordTable.pending) {
        self.db = db
        self.pending = pending
    }

    func apply(_ record: RecordRows, seq: Int, commit: String) throws {
        let key = RecordKey(kind: record.kind, id: record.id)
        if let json = record.json {
            if let blob = json.blob {
                let summary = json.summary
                rows[key] = Columns(path: json.path, blob: blob, bodyBlob: rows[key]?.bodyBlob, lastSeq: seq, commit: commit,
                                    status: summary.status, equipment: summary.equipment, department: summary.department,
                                    job: summary.job)
            } else {
                rows[key] = nil
            }
            changed.insert(key)
        }
        if let body = record.body, var row = rows[key] {
            row.bodyBlob = body.blob
            row.lastSeq = seq
            row.commit = commit
            rows[key] = row
            changed.insert(key)
        }
        if changed.count >= pending { try write() }
    }

    func placement(kind: String, id: String) throws -> RecordPlacement? {
        rows[RecordKey(kind: kind, id: id)].map { RecordPlacement(equipment: $0.equipment, department: $0.department) }
    }

    func finish() throws {
        try write()
        rows = [:]
        stored = []
    }

    /// Writes every record changed since the last write, whole, over what the table holds: rows
    /// new to the table in multi-row INSERTs, rows it holds one UPDATE each. A multi-row upsert
    /// would take both, but SQLite journals every page it touches (a statement journal) in case
    /// it must undo the statement alone; `OR ROLLBACK`, which undoes the whole rebuild instead,
    /// cannot be given to an upsert's UPDATE.
    private func write() throws {
        guard !changed.isEmpty else { return }
        var batch = try RowBatch(db, insert: """
            INSERT OR ROLLBACK INTO records (kind, id, path, blob, body_blob, last_seq, commit_id, status, equipment, department\(SQLRecordTable.jobList))
            VALUES
            """, columns: 10 + IndexSchema.jobColumns.count)
        let update = try db.cachedStatement(sql: """
            UPDATE records SET path = ?, blob = ?, body_blob = ?, last_seq = ?, commit_id = ?, status = ?, equipment = ?,
                department = ?\(IndexSchema.jobColumns.map { ", \($0) = ?" }.joined()) WHERE kind = ? AND id = ?
            """)
        let delete = try db.cachedStatement(sql: "DELETE FROM records WHERE kind = ? AND id = ?")
        // In the table's key order (SQLite compares text bytewise), so that the writes go page by page.
        let keys = changed.sorted { $0.kind == $1.kind ? $0.id.utf8Precedes($1.id) : $0.kind.utf8Precedes($1.kind) }
        for key in keys {
            guard let row = rows[key] else {
                if stored.remove(key) != nil { try delete.run(db, key.kind.databaseValue, key.id.databaseValue) }
                continue
            }
            if stored.insert(key).inserted {
                try batch.add([key.kind.databaseValue, key.id.databaseValue, row.path.databaseValue, row.blob.databaseValue,
                               row.bodyBlob.databaseValue, row.lastSeq.databaseValue, row.commit.databaseValue,
                               row.status.databaseValue, row.equipment.databaseValue, row.department.databaseValue] + row.job.values)
            } else {
                try update.run(db, [row.path.databaseValue, row.blob.databaseValue, row.bodyBlob.databaseValue,
                                    row.lastSeq.databaseValue, row.commit.databaseValue, row.status.databaseValue,
                                    row.equipment.databaseValue, row.department.databaseValue] + row.job.values
                                    + [key.kind.databaseValue, key.id.databaseValue])
            }
        }
        try batch.flush()
        changed.removeAll(keepingCapacity: true)
    }
}

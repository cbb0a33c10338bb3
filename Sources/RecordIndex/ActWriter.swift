import Documents
import GRDB
import RecordRepo

/// Writes the rows of acts (`ActRows`) into the index, in history order, inside the caller's
/// transaction, numbering them from `first`; `finish()` flushes and records the last act in `meta`.
///
/// Rows that no later act reads back (acts, changes) go in many at a time, one multi-row INSERT
/// per batch: in a rebuild, the work SQLite and GRDB do per statement was most of the writing.
/// `OR ROLLBACK`: a statement of many rows that may fail on a constraint halfway makes SQLite copy
/// each page it touches to a statement journal first, so as to undo that statement alone; a
/// failure here undoes the whole transaction anyway (`RecordIndex.transaction`). The
/// records table (`RecordTable`) is followed act by act, as an act's equipment and department come
/// from what earlier acts wrote there.
final class ActWriter {
    private let db: Database
    private var seq: Int
    private var last: String?
    private var acts, changes: RowBatch
    private let records: any RecordTable

    /// A writer for acts numbered from `first`, keeping the records table through `records`.
    init(db: Database, first: Int, records: any RecordTable) throws {
        self.db = db
        seq = first
        self.records = records
        acts = try RowBatch(db, insert: """
            INSERT OR ROLLBACK INTO acts (seq, commit_id, parent, time, signer, name, meaning, record, kind, revision, reason,
                              summary, equipment, department) VALUES
            """, columns: 14)
        changes = try RowBatch(db, insert: "INSERT OR ROLLBACK INTO changes (record, seq, fields) VALUES", columns: 3)
    }

    /// Writes the next act; the records table holds the state of its parent.
    func write(_ rows: ActRows) throws {
        let act = rows.act
        let commit = act.commit.hex
        let signerBefore = try records.placement(kind: "account", id: act.signer)
        for change in rows.changes {
            try changes.add(change.record.databaseValue, seq.databaseValue, change.fields.databaseValue)
        }
        for record in rows.records { try records.apply(record, seq: seq, commit: commit) }
        let primary = rows.primary.map { rows.records[$0] }
        // The primary record's equipment: from its JSON when the act wrote it, else as last indexed.
        let equipment: String?
        if let json = primary?.json {
            equipment = json.summary.equipment
        } else {
            equipment = try primary.flatMap { try records.placement(kind: $0.kind, id: $0.id)?.equipment }
        }
        let department: String?
        if let equipment {
            department = try records.placement(kind: RecordKind.equipment.rawValue, id: equipment)?.department
        } else {
            // The account the signer signed with; the first act creates its own signer's account.
            department = try (signerBefore ?? records.placement(kind: "account", id: act.signer))?.department
        }
        try acts.add(
            seq.databaseValue, commit.databaseValue, act.parent?.hex.databaseValue ?? .null, Timestamp.iso(act.time).databaseValue,
            act.signer.databaseValue, act.signerName.databaseValue, act.meaning.rawValue.databaseValue, act.record.databaseValue,
            (primary?.kind ?? "unknown").databaseValue, act.revision.databaseValue, act.reason.databaseValue,
            act.summary.databaseValue, equipment.databaseValue, department.databaseValue)
        last = commit
        seq += 1
    }

    /// Inserts the rows still waiting and records the last act written in `meta`.
    func finish() throws {
        try acts.flush()
        try changes.flush()
        try records.finish()
        guard let last else { return }
        try db.cachedStatement(sql: "UPDATE meta SET last_commit = ?, act_count = ? WHERE id = 1")
            .run(db, last.databaseValue, (seq - 1).databaseValue)
    }
}

import Documents
import Foundation
import GRDB
import RecordRepo

extension RecordIndex {
    /// Every act that changed `record` (any of its files), oldest first.
    public func revisions(of record: String) throws(IndexError) -> [IndexedAct] {
        try read { db in
            try IndexedAct.fetchAll(db, sql: "SELECT \(IndexedAct.columns("a.")) FROM changes c JOIN acts a ON a.seq = c.seq "
                                        + "WHERE c.record = ? ORDER BY c.seq", arguments: [record])
        }
    }

    /// The field history of `record`, oldest first: one row per changed field per act, creation
    /// included with `old` nil. The shape of `recrepo history --format json`.
    public func history(of record: String) throws(IndexError) -> [HistoryRow] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.commit_id, a.time, a.signer, a.name, a.meaning, a.reason, a.revision, c.fields
                FROM changes c JOIN acts a ON a.seq = c.seq WHERE c.record = ? ORDER BY c.seq
                """, arguments: [record]).flatMap { row in
                let meaning = try Self.meaning(row[4])
                return try ChangeList.changes(row[7], record: record).map { change in
                    HistoryRow(commit: row[0], time: row[1], signer: row[2], name: row[3], meaning: meaning, reason: row[5],
                               revision: row[6], field: change.field, old: change.old, new: change.new)
                }
            }
        }
    }

    /// The acts that match every field set in `filter`, oldest first. Dates are `YYYY-MM-DD`,
    /// inclusive at both ends, in UTC.
    public func audit(_ filter: AuditFilter) throws(IndexError) -> [IndexedAct] {
        var clauses: [String] = []
        var arguments: [String] = []
        func add(_ clause: String, _ value: String?) {
            guard let value else { return }
            clauses.append(clause)
            arguments.append(value)
        }
        if let since = filter.since { add("time >= ?", try Self.day(since, field: "since") + "T00:00:00Z") }
        if let until = filter.until { add("time <= ?", try Self.day(until, field: "until") + "T23:59:59Z") }
        add("signer = ?", filter.user)
        add("kind = ?", filter.kind)
        add("seq IN (SELECT seq FROM changes WHERE record = ?)", filter.record)
        add("meaning = ?", filter.meaning?.rawValue)
        add("equipment = ?", filter.equipment)
        add("department = ?", filter.department)
        let condition = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        return try read { db in
            try IndexedAct.fetchAll(db, sql: "SELECT \(IndexedAct.columns()) FROM acts\(condition) ORDER BY seq",
                                    arguments: StatementArguments(arguments))
        }
    }

    /// The records as of the last indexed act, by kind then ID; all kinds when `kind` is nil.
    public func currentRecords(kind: String? = nil) throws(IndexError) -> [IndexedRecord] {
        try read { db in
            let sql = "SELECT kind, id, path, blob, body_blob, commit_id, status, equipment, department FROM records"
            let rows = try kind.map { try Row.fetchAll(db, sql: sql + " WHERE kind = ? ORDER BY id", arguments: [$0]) }
                ?? Row.fetchAll(db, sql: sql + " ORDER BY kind, id")
            return rows.map { row in
                IndexedRecord(id: row[1], kind: row[0], path: row[2], blob: row[3], bodyBlob: row[4], commit: row[5],
                              status: row[6], equipment: row[7], department: row[8])
            }
        }
    }

    /// How many indexed acts follow `commit` (40 hex digits); all of them when it is nil. Gives
    /// the acts not yet covered by an audit review.
    public func actCount(after commit: String?) throws(IndexError) -> Int {
        try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT act_count FROM meta WHERE id = 1") ?? 0
            guard let commit else { return total }
            guard let seq = try Int.fetchOne(db, sql: "SELECT seq FROM acts WHERE commit_id = ?", arguments: [commit.lowercased()])
            else { throw IndexError.unknownCommit(commit) }
            return total - seq
        }
    }

    /// The commit the index ends at; nil when it is empty.
    public func lastIndexedCommit() throws(IndexError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT last_commit FROM meta WHERE id = 1") }
    }

    static func day(_ value: String, field: String) throws(IndexError) -> String {
        guard value.utf8.count == 10, Timestamp.parse(value + "T00:00:00Z") != nil else {
            throw .invalidDate(field: field, value: value)
        }
        return value
    }

    static func meaning(_ text: String) throws(IndexError) -> Meaning {
        guard let meaning = Meaning(rawValue: text) else { throw .corrupt(table: "acts", detail: "unknown meaning '\(text)'") }
        return meaning
    }
}

extension IndexedAct {
    /// The columns `fetchAll` reads, in its order, each prefixed with `table` (`a.`).
    static func columns(_ table: String = "") -> String {
        ["seq", "commit_id", "parent", "time", "signer", "name", "meaning", "record", "kind", "revision", "reason", "summary",
         "equipment", "department"].map { table + $0 }.joined(separator: ", ")
    }

    /// Runs a query that selects `columns(_:)` and reads its rows by position (faster than by name).
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [IndexedAct] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var result: [IndexedAct] = []
        while let row = try rows.next() {
            result.append(IndexedAct(
                seq: row[0], commit: row[1], parent: row[2], time: row[3], signer: row[4], name: row[5],
                meaning: try RecordIndex.meaning(row[6]), record: row[7], kind: row[8], revision: row[9], reason: row[10],
                summary: row[11], equipment: row[12], department: row[13]))
        }
        return result
    }
}

import Documents
import Foundation
import GRDB
import RecordRepo

/// Writes the rows of acts into the index, in history order, inside the caller's transaction.
/// Statements are prepared once per connection and reused for every act and every update.
final class ActIndexer {
    private let db: Database
    private let ledger: Ledger
    private let insertAct, insertChange, insertTouch, upsertRecord, updateBody, deleteRecord, lookup: Statement

    init(db: Database, ledger: Ledger) throws {
        self.db = db
        self.ledger = ledger
        insertAct = try db.cachedStatement(sql: """
            INSERT INTO acts (seq, commit_id, parent, time, signer, name, meaning, record, kind, revision, reason,
                              summary, equipment, department) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertChange = try db.cachedStatement(sql: "INSERT INTO changes (seq, ord, record, field, old, new) VALUES (?, ?, ?, ?, ?, ?)")
        insertTouch = try db.cachedStatement(sql: "INSERT OR IGNORE INTO touches (record, seq) VALUES (?, ?)")
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
    }

    /// The files of one record that an act changed.
    private struct Group {
        let file: RecordFile
        var json: ChangedFile?
        var body: ChangedFile?
        var other: [ChangedFile] = []
    }

    /// Indexes `act` as the `seq`th act on `main`; the records table must hold the state of its parent.
    func index(_ act: ActInfo, seq: Int) throws {
        let commit = act.commit.hex
        let signerBefore = try row(kind: "account", id: act.signer)
        var ord = 0
        let groups = try groups(of: act.commit)
        let primary = groups.firstIndex { $0.file.id == act.record } ?? groups.indices.first
        var primarySummary: RecordSummary?
        for (position, group) in groups.enumerated() {
            let id = group.file.id
            try insertTouch.execute(arguments: [id, seq])
            let (changes, after) = try changes(of: group)
            for change in changes {
                try insertChange.execute(arguments: [seq, ord, id, change.field, change.old?.compactText, change.new?.compactText])
                ord += 1
            }
            let summary = try apply(group, after: after, seq: seq, commit: commit)
            if position == primary { primarySummary = summary }
        }
        // The primary record's equipment: from its JSON when the act wrote it, else as last indexed.
        let equipment = try primarySummary.map(\.equipment)
            ?? primary.flatMap { try row(kind: groups[$0].file.kind, id: groups[$0].file.id)?.equipment }
        let department: String?
        if let equipment {
            department = try row(kind: RecordKind.equipment.rawValue, id: equipment)?.department
        } else {
            // The account the signer signed with; the first act creates its own signer's account.
            department = try (signerBefore ?? row(kind: "account", id: act.signer))?.department
        }
        try insertAct.execute(arguments: [
            seq, commit, act.parent?.hex, Timestamp.iso(act.time), act.signer, act.signerName, act.meaning.rawValue,
            act.record, primary.map { groups[$0].file.kind } ?? "unknown", act.revision, act.reason, act.summary, equipment, department,
        ])
    }

    /// The changed files of `commit`, grouped by record, in the order of their records' kinds and IDs.
    private func groups(of commit: ObjectID) throws -> [Group] {
        var groups: [String: Group] = [:]
        for changed in try ledger.changedFiles(of: commit) {
            let file = RecordFile(path: changed.path)
            let key = file.kind + "/" + file.id
            var group = groups[key] ?? Group(file: file)
            switch file.role {
            case .json: group.json = changed
            case .body: group.body = changed
            case .other: group.other.append(changed)
            }
            groups[key] = group
        }
        return groups.sorted { ($0.key.utf8.lexicographicallyPrecedes($1.key.utf8)) }.map(\.value)
    }

    /// The field changes of one record (its JSON's fields, then its body's hunks, then other
    /// files'), and its JSON after the act (nil: removed, unchanged or not JSON).
    private func changes(of group: Group) throws -> ([FieldChange], after: JSONValue?) {
        var result: [FieldChange] = []
        var after: JSONValue?
        if let json = group.json {
            let old = try json.old.map(ledger.blob), new = try json.new.map(ledger.blob)
            let oldValue = Self.parse(old), newValue = Self.parse(new)
            after = newValue.value
            if oldValue.isJSON, newValue.isJSON {
                result += FieldDiff.changes(from: oldValue.value, to: newValue.value)
            } else {
                // Not JSON (never written by recrepo): its lines stand in for its fields.
                result += text(field: "content", old: old, new: new)
            }
        }
        if let body = group.body {
            result += text(field: "body", old: try body.old.map(ledger.blob), new: try body.new.map(ledger.blob))
        }
        for file in group.other {
            let name = String(file.path.split(separator: "/").last ?? "")
            result += text(field: name, old: try file.old.map(ledger.blob), new: try file.new.map(ledger.blob))
        }
        return (result, after)
    }

    /// Absent data is valid (a record that does not exist); present data must parse as JSON.
    private static func parse(_ data: Data?) -> (isJSON: Bool, value: JSONValue?) {
        guard let data else { return (true, nil) }
        guard let value = try? JSONParser.parse(data) else { return (false, nil) }
        return (true, value)
    }

    /// Line hunks of a text file, under `field`; a removed file is one hunk with `new` nil.
    private func text(field: String, old: Data?, new: Data?) -> [FieldChange] {
        let oldText = old.map { String(decoding: $0, as: UTF8.self) }
        guard let new else {
            return oldText.map { [FieldChange(field: field, old: .string($0), new: nil)] } ?? []
        }
        return FieldDiff.bodyChanges(from: oldText, to: String(decoding: new, as: UTF8.self)).map {
            FieldChange(field: field, old: $0.old, new: $0.new)
        }
    }

    /// Brings the record's row to its state after the act; returns what its JSON now says, when
    /// the act wrote or removed the JSON.
    private func apply(_ group: Group, after: JSONValue?, seq: Int, commit: String) throws -> RecordSummary? {
        let file = group.file
        var summary: RecordSummary?
        if let json = group.json {
            let written = RecordSummary(after, kind: file.kind, id: file.id)
            if let blob = json.new {
                try upsertRecord.execute(arguments: [
                    file.kind, file.id, json.path, blob.hex, seq, commit, written.status, written.equipment, written.department,
                ])
            } else {
                try deleteRecord.execute(arguments: [file.kind, file.id])
            }
            summary = written
        }
        if let body = group.body {
            try updateBody.execute(arguments: [body.new?.hex, seq, commit, file.kind, file.id])
        }
        return summary
    }

    private func row(kind: String, id: String) throws -> (equipment: String?, department: String?)? {
        guard let row = try Row.fetchOne(lookup, arguments: [kind, id]) else { return nil }
        return (row[0], row[1])
    }
}

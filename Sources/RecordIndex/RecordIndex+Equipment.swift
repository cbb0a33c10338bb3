import GRDB

extension RecordIndex {
    /// The records of `kind` (its folder name, `mh`) on `equipment`, as of the last indexed act, by ID.
    public func currentRecords(kind: String, equipment: String) throws(IndexError) -> [IndexedRecord] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT kind, id, path, blob, body_blob, commit_id, status, equipment, department FROM records"
                    + " WHERE kind = ? AND equipment = ? ORDER BY id", arguments: [kind, equipment])
            return rows.map { row in
                IndexedRecord(id: row[1], kind: row[0], path: row[2], blob: row[3], bodyBlob: row[4], commit: row[5],
                              status: row[6], equipment: row[7], department: row[8])
            }
        }
    }
}

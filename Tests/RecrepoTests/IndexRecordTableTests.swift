import Documents
import GRDB
@testable import RecordIndex
import Testing

/// A rebuild keeps the records table in memory and writes it in batches (`MemoryRecordTable`); an
/// update changes it row by row (`SQLRecordTable`). Both must leave the same rows.
@Suite struct IndexRecordTableTests {
    /// Writes of one record: its JSON (nil blob: removed), its body, or both.
    static func rows(_ id: String, blob: String?? = nil, status: String? = nil, body: String?? = nil) -> RecordRows {
        var summary = RecordSummary(nil, kind: "work-order", id: id)
        summary.status = status
        summary.equipment = "PUMP-1"
        return RecordRows(kind: "work-order", id: id,
                          json: blob.map { JSONWrite(path: "wo/\(id).json", blob: $0, summary: summary) },
                          body: body.map { BodyWrite(blob: $0) })
    }

    /// Created, changed, removed and created again, with bodies, some within one batch and some
    /// across batches: a record removed before it was ever written, one removed after.
    static let history: [RecordRows] = [
        rows("WO-1", blob: "a1", status: "open"),
        rows("WO-2", blob: "b1", status: "open"),
        rows("WO-1", blob: "a2", status: "in-progress"),
        rows("WO-3", blob: "c1", status: "open"),
        rows("WO-3", blob: .some(nil)),
        rows("WO-2", body: "body-b1"),
        rows("WO-1", blob: .some(nil)),
        rows("WO-4", blob: "d1", status: "open", body: "body-d1"),
        rows("WO-1", blob: "a3", status: "open"),
        rows("WO-2", blob: "b2", status: "closed"),
        rows("WO-4", body: .some(nil)),
        rows("WO-5", blob: "e1", status: "open"),
        rows("WO-5", blob: .some(nil)),
    ]

    static func table(after history: [RecordRows], make: (Database) throws -> any RecordTable) throws -> [Row] {
        let queue = try DatabaseQueue()
        return try queue.write { db in
            try IndexSchema.prepare(db)
            let table = try make(db)
            for (number, rows) in history.enumerated() { try table.apply(rows, seq: number + 1, commit: "c\(number + 1)") }
            try table.finish()
            return try Row.fetchAll(db, sql: "SELECT * FROM records ORDER BY kind, id")
        }
    }

    @Test("kept in memory and written every few changes, the records table ends as when written row by row",
          arguments: [1, 2, 3, 5, 4_096])
    func sameRows(pending: Int) throws {
        for end in 1...Self.history.count {
            let history = Array(Self.history.prefix(end))
            let expected = try Self.table(after: history) { try SQLRecordTable(db: $0) }
            let batched = try Self.table(after: history) { MemoryRecordTable(db: $0, pending: pending) }
            #expect(batched == expected, "after \(end) writes")
        }
        let ids = try Self.table(after: Self.history) { MemoryRecordTable(db: $0, pending: pending) }.map { $0["id"] as String }
        #expect(ids == ["WO-1", "WO-2", "WO-4"])
    }
}

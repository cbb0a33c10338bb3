import Documents
import Foundation
import GRDB
@testable import RecordIndex
import RecordRepo
import Testing

/// A rebuild works out the rows of acts on worker threads, in chunks, and writes them in order:
/// however the history is cut and shared out, the index is the one built act by act.
@Suite struct IndexPipelineTests {
    /// A plant with SOP bodies revised, equipment of two departments and work orders on both, its
    /// index updated after every act; returns the plant, the index and its digest.
    static func plantIndexedActByAct() throws -> (Plant, RecordIndex, String) {
        let plant = try Plant()
        let index = try RecordIndex.open(for: plant.records)
        try index.update()
        let records = plant.records
        let sop = try plant.effectiveSOP(Plant.checklist)
        try index.update()
        let steps: [() throws -> Void] = [
            { _ = try records.addEquipment("PUMP-201", name: "Pump", location: nil, department: "Utilities", reason: "New", by: plant.sam) },
            { _ = try records.reviseSOP(sop.id, body: Data((Plant.checklist + "- [ ] Sign the log\n").utf8), reason: "Log", by: plant.dora) },
            { try plant.approve(sop.id) },
            { _ = try plant.job(sop.id) },
            { _ = try records.startWorkOrder("WO-000001", reason: nil, by: plant.tess) },
            { _ = try records.signStep("WO-000001", number: 1, note: "ok", by: plant.tess) },
            { _ = try records.signStep("WO-000001", number: 2, note: nil, by: plant.tess) },
            { _ = try records.createWorkOrder(sop: sop.id, equipment: "PUMP-201", title: "Pump check", assignee: "tom",
                                              reason: "Weekly", by: plant.sam) },
            { _ = try records.startWorkOrder("WO-000002", reason: nil, by: plant.tom) },
            { _ = try records.signStep("WO-000001", number: 3, note: nil, by: plant.tess) },
            { _ = try records.signStep("WO-000001", number: 4, note: "logged", by: plant.tess) },
            { _ = try records.completeWorkOrder("WO-000001", reason: "All steps done", by: plant.tess) },
        ]
        for step in steps {
            plant.tick()
            try step()
            try index.update()
        }
        #expect(try index.actCount(after: nil) > 25)
        return (plant, index, try index.contentDigest())
    }

    @Test("""
        any chunk size, number of workers, of chunks worked out while the chain is walked and of records written at once \
        gives the index built act by act, digest for digest
        """,
          arguments: [(1, 1, 0, 1), (1, 4, 3, 2), (2, 2, 32, 3), (3, 3, 1, 5), (7, 2, 32, 4_096), (512, 2, 32, 1)])
    func chunks(size: Int, workers: Int, early: Int, pendingRecords: Int) throws {
        let (plant, index, incremental) = try Self.plantIndexedActByAct()
        try withExtendedLifetime(plant) {  // the plant's repository is removed with it
            for lockstep in [true, false] {
                try index.rebuild(chunk: size, workers: workers, early: early, lockstep: lockstep, pendingRecords: pendingRecords)
                #expect(try index.actCount(after: nil) == plant.records.ledger.commits().count)
                #expect(try index.contentDigest() == incremental)
            }
            #expect(try index.check() == [])
        }
    }

    @Test("an object missing in the middle of the history fails the rebuild, which leaves the index as it was")
    func missingObject() throws {
        let (plant, index, incremental) = try Self.plantIndexedActByAct()
        let creation = try #require(try index.revisions(of: "WO-000002").first).commit
        let path = try RecordID.path(kind: .workOrder, id: "WO-000002")
        let blob = try Git.run(["rev-parse", "\(creation):\(path)"], in: plant.repo.path).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let file = "\(plant.repo.path)/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        #expect(FileManager.default.fileExists(atPath: file), "the blob is a loose object")
        try FileManager.default.removeItem(atPath: file)
        for (size, workers, early) in [(1, 3, 32), (1, 3, 0), (4, 2, 32), (512, 1, 32)] {
            #expect(throws: IndexError.self) { try index.rebuild(chunk: size, workers: workers, early: early, lockstep: true) }
            #expect(try index.contentDigest() == incremental)
        }
    }

    @Test("a commit missing in the middle of the history fails the walk, and the rebuild, which leaves the index as it was")
    func missingCommit() throws {
        let (plant, index, incremental) = try Self.plantIndexedActByAct()
        let commit = try #require(try index.revisions(of: "WO-000002").first).commit
        let file = "\(plant.repo.path)/objects/\(commit.prefix(2))/\(commit.dropFirst(2))"
        #expect(FileManager.default.fileExists(atPath: file), "the commit is a loose object")
        try FileManager.default.removeItem(atPath: file)
        for (size, workers, early) in [(1, 2, 32), (2, 1, 0), (512, 2, 32)] {
            #expect(throws: IndexError.self) { try index.rebuild(chunk: size, workers: workers, early: early, lockstep: true) }
            #expect(try index.contentDigest() == incremental)
        }
    }

    @Test("an update that fails on a missing object leaves the index as it was, and the next update after repair indexes the act")
    func updateFailsWhole() throws {
        let (plant, index, _) = try Self.plantIndexedActByAct()
        let sop = try plant.effectiveSOP(Plant.checklist, title: "Seal check")
        try index.update()
        let before = try index.contentDigest()
        let job = try plant.records.createWorkOrder(sop: sop.id, equipment: "PUMP-201", title: "Seal check", assignee: "tom",
                                                    reason: "Leak", by: plant.sam).id
        let path = try RecordID.path(kind: .workOrder, id: job)
        let blob = try Git.run(["rev-parse", "main:\(path)"], in: plant.repo.path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let file = "\(plant.repo.path)/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        let saved = try Data(contentsOf: URL(fileURLWithPath: file))
        try FileManager.default.removeItem(atPath: file)
        #expect(throws: IndexError.self) { try index.update() }
        #expect(try index.contentDigest() == before)
        try saved.write(to: URL(fileURLWithPath: file))
        let update = try index.update()
        #expect(update.indexed == 1 && !update.rebuilt)
        #expect(try index.revisions(of: job).count == 1)
        #expect(try index.check() == [])
    }

    @Test("""
        a row refused in the middle of a write (INSERT OR ROLLBACK) undoes the whole transaction: SQLite's error is what \
        surfaces, and the index is as it was
        """)
    func refusedRowUndoesAll() throws {
        let (plant, index, incremental) = try Self.plantIndexedActByAct()
        try withExtendedLifetime(plant) { () throws in
            #expect {
                try index.transaction { db in
                    try db.execute(sql: "DELETE FROM records")
                    var batch = try RowBatch(db, insert: "INSERT OR ROLLBACK INTO changes (record, seq, fields) VALUES", columns: 3)
                    try batch.add("WO-000009".databaseValue, 1.databaseValue, "[]".databaseValue)
                    try batch.add("WO-000009".databaseValue, 1.databaseValue, "[]".databaseValue)
                    try batch.flush()
                }
            } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT
            }
            #expect(try index.contentDigest() == incremental)
            #expect(try index.update().indexed == 0)
        }
    }
}

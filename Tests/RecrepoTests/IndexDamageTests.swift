import Documents
import Foundation
import GRDB
@testable import RecordIndex
import RecordRepo
import Testing

/// A damaged index file is replaced by a rebuild from git, and said so: the index holds nothing
/// that git does not, and a damaged file is worth knowing about.
@Suite struct IndexDamageTests {
    /// Overwrites the first page of `table` in the index file with garbage, where SQLite finds it
    /// only when the table is read or written (the file still opens).
    static func damage(table: String, of index: RecordIndex) throws {
        let root = try index.read { db in try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) }
        let pageSize = try index.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
        _ = try index.read { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let handle = try #require(FileHandle(forUpdatingAtPath: index.path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64((try #require(root) - 1) * (try #require(pageSize))))
        handle.write(Data(repeating: 0xA5, count: try #require(pageSize)))
    }

    @Test("a rebuild over an index whose acts table is damaged replaces the file, warns, and gives the index built act by act")
    func rebuildReplaces() throws {
        let (plant, index, incremental) = try IndexPipelineTests.plantIndexedActByAct()
        try withExtendedLifetime(plant) {
            try Self.damage(table: "acts", of: index)
            let reopened = try RecordIndex.open(for: plant.records)
            #expect(throws: IndexError.self) { try reopened.audit(AuditFilter()) }
            let rebuilt = try reopened.rebuild()
            #expect(rebuilt.rebuilt && rebuilt.warning?.contains("was damaged") == true, "\(rebuilt)")
            #expect(try reopened.contentDigest() == incremental)
            #expect(try reopened.check() == [])
        }
    }

    @Test("an update that meets a damaged table replaces the file with a rebuild that includes the new act, and warns")
    func updateReplaces() throws {
        let (plant, index, _) = try IndexPipelineTests.plantIndexedActByAct()
        try Self.damage(table: "changes", of: index)
        plant.tick()
        _ = try plant.records.addEquipment("PUMP-202", name: "Pump", location: nil, department: "Utilities", reason: "New", by: plant.sam)
        let reopened = try RecordIndex.open(for: plant.records)
        let update = try reopened.update()
        #expect(update.rebuilt && update.warning?.contains("was damaged") == true, "\(update)")
        #expect(try reopened.actCount(after: nil) == plant.records.ledger.commits().count)
        #expect(try reopened.check() == [])
        #expect(try reopened.update() == IndexUpdate(indexed: 0, rebuilt: false, warning: nil, head: update.head))
    }

    @Test("'recrepo index rebuild' over a damaged index succeeds with a warning, and the index then equals a rebuild")
    func cliRebuild() throws {
        let (cli, directory) = try DocumentCLITests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try cli.run(["index", "check"]).status == 0)
        let records = try Records.open(at: cli.repo, checklist: TestRepository.checklist)
        try Self.damage(table: "records", of: try RecordIndex.open(for: records))
        let rebuilt = try cli.run(["index", "rebuild"])
        #expect(rebuilt.status == 0 && rebuilt.stderr.contains("was damaged"), "\(rebuilt.stdout)\(rebuilt.stderr)")
        let check = try cli.run(["index", "check"])
        #expect(check.status == 0 && !check.stderr.contains("damaged"), "\(check.stdout)\(check.stderr)")
    }
}

import Crypto
import Documents
import Foundation
import RecordRepo
import SOPRender
import Testing

/// `Records.importHistory`: legacy maintenance history brought in through the batch path,
/// reconciled, idempotent, replayed by verify and accepted by stock git.
@Suite struct HistoryImportTests {
    static let columns = ImportReconciliation.Columns(date: "Date", equipment: "Asset", description: "Work done", type: "Type",
                                                      technician: "Technician", part: "Part")

    /// Rows 2 to 6: three date forms, a quoted field with a comma and doubled quotes, one spanning
    /// lines (CRLF inside the quotes), an unknown asset (102), and an empty optional column.
    static let good = "Date,Asset,Work done,Type,Technician,Part\r\n"
        + "2019-03-04,101,Replaced door seal,corrective,J. Smith,Seal 12\r\n"
        + "2020-06-01 14:30:00,101,\"Checked gauges, \"\"all\"\" fine\",preventive,A. Jones,\r\n"
        + "2021-01-15T08:00:00+01:00,101,\"Line one\r\nline two\",preventive,,\"Filter, 2x\"\r\n"
        + "2022-02-02,102,Pump overhaul,corrective,J. Smith,\r\n"
        + "2023-05-05,AC-101,Annual requalification,qualification,QA team,\r\n"

    static func sha(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }

    static func request(_ text: String, name: String = "legacy.csv", prefix: String? = "AC", create: Bool = false,
                        map: (String, Data)? = nil) -> HistoryImport {
        HistoryImport(name: name, data: Data(text.utf8), columns: columns, prefix: prefix, map: map, createEquipment: create)
    }

    static func verified(_ plant: Plant) throws {
        let report = plant.records.ledger.verify(replay: RecordsReplay(checklist: { Checklist.steps(in: $0).map(\.text) }))
        #expect(report.ok, "\(report.failures)")
        #expect(try Git.fsck(plant.repo.path).status == 0)
        let problems = try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners())
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("a good file is imported in one batch, reconciled field by field, and a second import adds nothing")
    func goodFile() throws {
        let plant = try Plant()
        plant.tick()
        let before = try #require(try plant.repo.head())
        #expect(BatchTests.packs(plant.repo.path).isEmpty)
        let outcome = try plant.records.importHistory(Self.request(Self.good), reason: "Migration of the CMMS", by: plant.sam)
        let found = outcome.reconciliation
        #expect(outcome.wrote && outcome.earlier == nil)
        #expect(found.id == "IMP-000001" && found.file == "legacy.csv" && found.sha256 == Self.sha(Self.good))
        #expect(found.rowsRead == 5 && found.imported == 4 && found.alreadyImported == 0 && found.first == "MH-000001" && found.last == "MH-000004")
        #expect(found.refused.count == 1 && found.refused[0].row == 5 && found.refused[0].reason.contains("AC-102"), "\(found.refused)")
        #expect(found.compared == 4 && found.matched == 4 && found.mismatches.isEmpty)
        #expect(found.reconciledBy == "sam" && found.equipmentMapping == "prefix AC-" && found.columns == Self.columns)
        // Four imports written as one pack (the batch), then the reconciliation.
        let chain = try Git.run(["rev-list", "--first-parent", "\(before.hex)..main"], in: plant.repo.path).stdout.split(separator: "\n")
        #expect(chain.count == 5)
        #expect(BatchTests.packs(plant.repo.path).count == 1)

        let first = try #require(try plant.records.record(MaintenanceHistory.self, kind: .history, id: "MH-000001"))
        #expect(first.equipment == "AC-101" && first.date == "2019-03-04" && first.time == nil && first.dateAsWritten == "2019-03-04")
        #expect(first.description == "Replaced door seal" && first.type == "corrective" && first.technician == "J. Smith" && first.part == "Seal 12")
        #expect(first.source == MaintenanceHistory.Source(file: Self.sha(Self.good), row: 2,
                                                           checksum: Self.sha("2019-03-04,101,Replaced door seal,corrective,J. Smith,Seal 12"),
                                                           equipment: "101"))
        #expect(first.importedBy == "sam")
        let second = try #require(try plant.records.record(MaintenanceHistory.self, kind: .history, id: "MH-000002"))
        #expect(second.description == "Checked gauges, \"all\" fine" && second.part == nil && second.time == "2020-06-01T14:30:00Z")
        let third = try #require(try plant.records.record(MaintenanceHistory.self, kind: .history, id: "MH-000003"))
        #expect(third.description == "Line one\r\nline two" && third.technician == nil && third.time == "2021-01-15T07:00:00Z")
        #expect(third.source.checksum == Self.sha("2021-01-15T08:00:00+01:00,101,\"Line one\r\nline two\",preventive,,\"Filter, 2x\""))
        let last = try #require(try plant.records.record(MaintenanceHistory.self, kind: .history, id: "MH-000004"))
        #expect(last.source.row == 6 && last.source.equipment == "AC-101")
        // The bytes written are the record's Codable form in canonical JSON, with and without its optional fields.
        for record in [first, second, third, last] {
            let stored = try plant.records.ledger.read(try RecordPath(try RecordID.path(kind: .history, id: record.id)))
            #expect(stored == (try CanonicalJSON.encode(record)), "\(record.id)")
        }
        let act = try plant.records.ledger.act(try #require(try plant.repo.head()))
        #expect(act.meaning == .migration && act.signer == "sam")
        try Self.verified(plant)

        // The same file again: nothing is written, and the outcome says so.
        plant.tick()
        let head = try plant.repo.head()
        let again = try plant.records.importHistory(Self.request(Self.good), reason: "Again", by: plant.sam)
        #expect(!again.wrote && again.earlier == "IMP-000001" && again.reconciliation.alreadyImported == 4
                    && again.reconciliation.refused.map(\.row) == [5] && again.reconciliation.imported == 0)
        #expect(try plant.repo.head() == head)

        // With the missing equipment registered by the import, only row 5 is added.
        plant.tick()
        let more = try plant.records.importHistory(Self.request(Self.good, create: true), reason: "Row 5", by: plant.sam)
        #expect(more.wrote && more.earlier == "IMP-000001" && more.reconciliation.imported == 1 && more.reconciliation.alreadyImported == 4)
        #expect(more.reconciliation.equipmentCreated == ["AC-102"] && more.reconciliation.first == "MH-000005" && more.reconciliation.id == "IMP-000002")
        #expect(try plant.records.record(Equipment.self, kind: .equipment, id: "AC-102")?.name == "102")
        try Self.verified(plant)
    }

    @Test("a mapping file names the equipment; names it does not know are refused by row")
    func mappingFile() throws {
        let plant = try Plant()
        plant.tick()
        let map = Data("Legacy asset,Equipment\nAutoclave one,AC-101\n\"Pump, east\",PUMP-7\n".utf8)
        let text = "Date,Asset,Work done,Type,Technician,Part\n2020-01-01,Autoclave one,Seal,,,\n2020-01-02,\"Pump, east\",Impeller,,,\n"
            + "2020-01-03,Boiler,Descaled,,,\n"
        let outcome = try plant.records.importHistory(Self.request(text, prefix: nil, create: true, map: ("assets.csv", map)),
                                                      reason: "Migration", by: plant.sam)
        let found = outcome.reconciliation
        #expect(found.imported == 2 && found.equipmentCreated == ["PUMP-7"] && found.refused.map(\.row) == [4])
        #expect(found.equipmentMapping == "map \(Self.sha(String(decoding: map, as: UTF8.self)))")
        #expect(try plant.records.record(MaintenanceHistory.self, kind: .history, id: "MH-000002")?.equipment == "PUMP-7")
        try Self.verified(plant)
    }

    @Test("a file that cannot be read whole is refused naming the row and the column; main and the packs are unchanged",
          arguments: [
              ("Date,Asset,Work done\n2020-01-01,101,Seal\n", "Job", "column \"Job\" (--description-column)", "row 1"),
              ("Date,Asset,Job\n2020-01-01,101,Seal\n2020-13-01,101,Seal\n", "Job", "column \"Date\"", "row 3"),
              ("Date,Asset,Job\n2020-01-01,101,Seal\n04/03/2019,101,Seal\n", "Job", "column \"Date\"", "row 3"),
              ("Date,Asset,Job\n2020-01-01,101\n", "Job", "number of fields", "row 2"),
              ("Date,Asset,Job\n2020-01-01,101,Seal,extra\n", "Job", "number of fields", "row 2"),
              ("Date,Asset,Job\n2020-01-01,101,Se\u{0}al\n", "Job", "column \"Job\"", "row 2"),
              ("Date,Asset,Job\n2020-01-01,10\u{202E}1,Seal\n", "Job", "column \"Asset\"", "row 2"),
              ("Date,Asset,Job\n2020-01-01,\"101\nX\",Seal\n", "Job", "column \"Asset\"", "row 2"),
              ("Date,Asset,Job\n2020-01-01,101,Se\"al\n", "Job", "field 3", "row 2"),
              ("Date,Asset,Job\n2020-01-01,101,\"Seal\n", "Job", "field 3", "row 2"),
              ("Date,Asset,Job\n2020-01-01,101,\"Seal\"x\n", "Job", "field 3", "row 2"),
              ("Date,Asset,Job\n2020-01-01,,Seal\n", "Job", "column \"Asset\"", "row 2"),
              ("Date,Asset,Job\r\n", "Job", "no rows", "legacy.csv"),
              ("", "Job", "empty", "legacy.csv"),
          ])
    func malformed(text: String, description: String, column: String, row: String) throws {
        let plant = try Plant()
        let before = try plant.repo.head()
        let packs = BatchTests.packs(plant.repo.path)
        var columns = Self.columns
        columns.description = description
        columns.type = nil; columns.technician = nil; columns.part = nil
        let request = HistoryImport(name: "legacy.csv", data: Data(text.utf8), columns: columns, prefix: "AC")
        let error = #expect(throws: DocumentsError.self) { try plant.records.importHistory(request, reason: "Migration", by: plant.sam) }
        let sentence = error?.description ?? ""
        #expect(sentence.contains(column) && sentence.contains(row), "\(sentence)")
        #expect(try plant.repo.head() == before)
        #expect(BatchTests.packs(plant.repo.path) == packs)
    }

    @Test("bytes that are not UTF-8 are refused naming the row and the column")
    func notUTF8() throws {
        let plant = try Plant()
        let before = try plant.repo.head()
        let data = Data("Date,Asset,Job\n2020-01-01,101,".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8)
        let request = HistoryImport(name: "legacy.csv", data: data, columns: .init(date: "Date", equipment: "Asset", description: "Job"),
                                    prefix: "AC")
        let error = #expect(throws: DocumentsError.self) { try plant.records.importHistory(request, reason: "Migration", by: plant.sam) }
        #expect(error?.description.contains("row 2") == true && error?.description.contains("column \"Job\"") == true, "\(String(describing: error))")
        #expect(try plant.repo.head() == before)
    }

    @Test("hostile equipment values are refused by row and never become paths; a technician may not import")
    func hostile() throws {
        let plant = try Plant()
        plant.tick()
        let text = "Date,Asset,Job\n2020-01-01,../x,Seal\n2020-01-01,.git,Seal\n2020-01-01,AC-101/../../x,Seal\n"
            + "2020-01-01,ac-101,Seal\n2020-01-01,99999999999,Seal\n2020-01-01,101,\"<script>alert(1)</script>\"\n2999-01-01,101,Future\n"
        let columns = ImportReconciliation.Columns(date: "Date", equipment: "Asset", description: "Job")
        let request = HistoryImport(name: "legacy.csv", data: Data(text.utf8), columns: columns, prefix: "AC", createEquipment: true)
        #expect(throws: DocumentsError.self) { try plant.records.importHistory(request, reason: "Migration", by: plant.tess) }
        let found = try plant.records.importHistory(request, reason: "Migration", by: plant.sam).reconciliation
        #expect(found.imported == 1 && found.equipmentCreated.isEmpty && found.refused.map(\.row) == [2, 3, 4, 5, 6, 8], "\(found.refused)")
        #expect(found.refused.last?.reason.contains("after the day of the import") == true)
        let files = try Git.run(["ls-tree", "-r", "--name-only", "main"], in: plant.repo.path).stdout.split(separator: "\n")
        #expect(files.allSatisfy { $0.hasPrefix("accounts/") || $0.hasPrefix("equipment/") || $0.hasPrefix("mh/") || $0.hasPrefix("imp/")
                || $0 == "policy.json" }, "\(files)")
        let named = ImportReconciliation.Columns(date: "Date", equipment: "Asset", description: "Job")
        let badName = HistoryImport(name: "a\nb.csv", data: Data(text.utf8), columns: named, prefix: "AC")
        #expect(throws: DocumentsError.self) { try plant.records.importHistory(badName, reason: "Migration", by: plant.sam) }
        try Self.verified(plant)
    }

    @Test("verify refuses an imported record whose date is not what its text gives in the plant's time zone")
    func forgedDate() throws {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.importHistory(Self.request(Self.good), reason: "Migration", by: plant.sam)
        var forged = try #require(try plant.records.record(MaintenanceHistory.self, kind: .history, id: "MH-000001"))
        forged.id = "MH-000009"
        forged.date = "2019-03-05"
        let commit = try ReplayTests.forge(plant, record: "MH-000009", meaning: .migration, event: "mh.import",
                                           path: try RecordID.path(kind: .history, id: "MH-000009"),
                                           content: try CanonicalJSON.encode(forged), by: plant.sam)
        let report = ReplayTests.verify(plant)
        #expect(report.failures.contains { $0.commit == commit.hex && $0.message.contains("check rule") }, "\(report.failures)")
    }
}

import Foundation
import Testing

/// `recrepo import maintenance-history` through the real binary: import, reconciliation, the
/// second import that adds nothing, a refused file, and the imported history in `history`,
/// `audit` and `equipment show`; verify and stock git accept every commit.
@Suite struct ImportCLITests {
    static let options = ["--date-column", "Date", "--equipment-column", "Asset", "--description-column", "Work done",
                          "--type-column", "Type", "--technician-column", "Technician", "--part-column", "Part",
                          "--equipment-prefix", "AC-", "--reason", "Migration of the old CMMS"]

    @Test("import, re-import, a refused file; history, audit and equipment show list the imported records")
    func importHistory() throws {
        let (cli, directory) = try DocumentCLITests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sam = { (arguments: [String]) throws -> Git.Output in try DocumentCLITests.act(cli, "sam", arguments) }
        #expect(try sam(["equipment", "add", "AC-101", "--name", "Autoclave", "--reason", "Commissioned"]).status == 0)
        let file = directory.appendingPathComponent("legacy.csv")
        try Data(HistoryImportTests.good.utf8).write(to: file)

        let refusedByRole = try DocumentCLITests.act(cli, "tess", ["import", "maintenance-history", file.path] + Self.options)
        #expect(refusedByRole.status == 1 && refusedByRole.stderr.contains("tess may not import maintenance history"), "\(refusedByRole.stderr)")

        let imported = try sam(["import", "maintenance-history", file.path] + Self.options)
        #expect(imported.status == 0, "\(imported.stderr)")
        let lines = imported.stdout.split(separator: "\n")
        #expect(lines.last == "IMP-000001", "\(imported.stdout)")
        #expect(imported.stdout.contains("refused: row 5:") && imported.stdout.contains("AC-102"), "\(imported.stdout)")
        #expect(imported.stdout.contains("Imported 4 (MH-000001 to MH-000004), already imported 0, refused 1"), "\(imported.stdout)")
        #expect(imported.stdout.contains("Re-read and compared 4: 4 match their rows"), "\(imported.stdout)")

        let head = try cli.head()
        let again = try sam(["import", "maintenance-history", file.path] + Self.options)
        #expect(again.status == 0 && again.stdout.contains("Nothing added: 4 of 5 rows were imported before") && again.stdout.contains("IMP-000001"),
                "\(again.stdout) \(again.stderr)")
        #expect(try cli.head() == head)

        let bad = directory.appendingPathComponent("bad.csv")
        try Data("Date,Asset,Work done,Type,Technician,Part\n2019-03-04,101,Seal,,,\n31/12/2019,101,Seal,,,\n".utf8).write(to: bad)
        let refused = try sam(["import", "maintenance-history", bad.path] + Self.options)
        #expect(refused.status == 1 && refused.stderr.contains("bad.csv row 3") && refused.stderr.contains("column \"Date\""), "\(refused.stderr)")
        let ragged = directory.appendingPathComponent("ragged.csv")
        try Data("Date,Asset,Work done\n2019-03-04,101\n".utf8).write(to: ragged)
        let short = try sam(["import", "maintenance-history", ragged.path, "--date-column", "Date", "--equipment-column", "Asset",
                             "--description-column", "Work done", "--equipment-prefix", "AC", "--reason", "Migration"])
        #expect(short.status == 1 && short.stderr.contains("ragged.csv row 2") && short.stderr.contains("number of fields"), "\(short.stderr)")
        #expect(try cli.head() == head)

        let history = try cli.run(["history", "MH-000003", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(rows.contains { $0["field"] as? String == "description" && $0["new"] as? String == "Line one\r\nline two"
                    && $0["meaning"] as? String == "migration" && $0["signer"] as? String == "sam" }, "\(history.stdout)")
        let audit = try cli.run(["audit", "--equipment", "AC-101", "--kind", "mh", "--format", "json"])
        let acts = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]], "\(audit.stderr)")
        #expect(acts.count == 4 && acts.allSatisfy { $0["meaning"] as? String == "migration" }, "\(audit.stdout)")
        let reconciliation = try cli.run(["show", "IMP-000001", "--format", "json"])
        #expect(reconciliation.status == 0 && reconciliation.stdout.contains("\"matched\": 4"), "\(reconciliation.stdout) \(reconciliation.stderr)")

        let shown = try cli.run(["equipment", "show", "AC-101"])
        #expect(shown.stdout.contains("Maintenance history (imported)"), "\(shown.stdout)")
        #expect(shown.stdout.contains("  2019-03-04  MH-000001  Replaced door seal (type corrective; by J. Smith; parts Seal 12)"), "\(shown.stdout)")
        #expect(shown.stdout.contains("  2021-01-15  MH-000003  Line one / line two"), "\(shown.stdout)")

        let verify = try cli.run(["verify"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        let signers = directory.appendingPathComponent("allowed").path
        #expect(try cli.run(["allowed-signers", "--output", signers]).status == 0)
        #expect(try Git.stockVerification(of: cli.repo, allowedSigners: try String(contentsOfFile: signers, encoding: .utf8)).isEmpty)
        #expect(try Git.fsck(cli.repo).status == 0)
    }
}

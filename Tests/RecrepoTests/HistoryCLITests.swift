import Foundation
import Testing

/// `recrepo history`, `diff`, `audit` and `index` through the real binary.
@Suite struct HistoryCLITests {
    /// A work order taken from creation to close through the CLI; returns its ID.
    static func closedJob(_ cli: CLI, directory: URL) throws -> String {
        let file = directory.appendingPathComponent("check.md")
        try Data("# Check\n\n- [ ] Inspect the seal\n- [ ] Record the pressure\n".utf8).write(to: file)
        let act = { (user: String, arguments: [String]) throws -> Git.Output in
            let result = try DocumentCLITests.act(cli, user, arguments)
            guard result.status == 0 else { throw CLIFailure(output: result) }
            return result
        }
        let sop = String(try act("dora", ["sop", "new", "--title", "Check", "--file", file.path, "--reason", "New"]).stdout
            .split(separator: "\n").last ?? "")
        _ = try act("dora", ["sop", "submit", sop, "--reason", "Ready"])
        _ = try act("dan", ["sop", "review", sop, "--reason", "Checked"])
        _ = try act("quinn", ["sop", "approve", sop, "--reason", "Approved"])
        _ = try act("sam", ["equipment", "add", "AC-101", "--name", "Autoclave", "--department", "Sterile", "--reason", "New"])
        let wo = String(try act("sam", ["wo", "new", "--sop", sop, "--equipment", "AC-101", "--title", "Check", "--assign", "tess",
                                        "--reason", "Planned"]).stdout.split(separator: "\n").last ?? "")
        _ = try act("tess", ["wo", "start", wo])
        _ = try act("tess", ["wo", "step", wo, "1", "--note", "Seal intact, \"as new\""])
        _ = try act("tess", ["wo", "step", wo, "2"])
        _ = try act("tess", ["wo", "complete", wo, "--reason", "Done"])
        _ = try act("sam", ["wo", "review", wo, "--reason", "OK"])
        _ = try act("quinn", ["wo", "close", wo, "--reason", "Released"])
        return wo
    }

    @Test("history --format json lists each field change; the CSV parses with Python's csv module to the same rows")
    func history() throws {
        let (cli, directory) = try DocumentCLITests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wo = try Self.closedJob(cli, directory: directory)
        let json = try cli.run(["history", wo, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows[0].keys) == ["commit", "time", "signer", "name", "meaning", "reason", "revision", "field", "old", "new"])
        let creation = rows.filter { ($0["revision"] as? Int) == 1 }
        #expect(!creation.isEmpty && creation.allSatisfy { $0["old"] is NSNull && $0["signer"] as? String == "sam" })
        func change(_ field: String) -> [String: Any]? { rows.last { $0["field"] as? String == field } }
        let status = rows.filter { $0["field"] as? String == "status" && ($0["revision"] as? Int ?? 0) > 1 }
            .map { "\($0["old"] as? String ?? "-")->\($0["new"] as? String ?? "-")" }
        #expect(status == ["open->in-progress", "in-progress->completed", "completed->reviewed", "reviewed->closed"], "\(status)")
        let signed = try #require(change("steps[0].signedBy"))
        #expect(signed["old"] is NSNull && signed["new"] as? String == "tess" && signed["meaning"] as? String == "execution")
        let closed = try #require(rows.last { $0["field"] as? String == "status" })
        #expect(closed["new"] as? String == "closed" && closed["signer"] as? String == "quinn" && closed["meaning"] as? String == "approval")

        let csv = try cli.run(["history", wo, "--format", "csv"])
        #expect(csv.stdout.hasSuffix("\r\n"))
        let script = "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))"
        let parsed = try Command.run("/usr/bin/env", ["python3", "-c", script], input: Data(csv.stdout.utf8))
        let table = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [[String]], "\(parsed.stderr)")
        #expect(table.count == rows.count + 1)
        for (row, cells) in zip(rows, table.dropFirst()) {
            #expect(cells[0] == row["time"] as? String && cells[1] == row["signer"] as? String && cells[6] == row["field"] as? String)
            #expect(cells[9] == row["commit"] as? String)
        }
        #expect(table.contains { $0.contains("Seal intact, \"as new\"") }, "quotes and commas survive the CSV round trip")
        let html = try cli.run(["history", wo, "--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("steps[0].signedBy"))
        #expect(try cli.run(["history", "WO-999999"]).status == 1)
    }

    @Test("diff between revisions, audit filters, index check and rebuild through the CLI")
    func diffAuditIndex() throws {
        let (cli, directory) = try DocumentCLITests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wo = try Self.closedJob(cli, directory: directory)
        let diff = try cli.run(["diff", wo, "--from", "1", "--to", "2"])
        #expect(diff.status == 0 && diff.stdout.contains("status: open -> in-progress"), "\(diff.stdout)\(diff.stderr)")
        #expect(try cli.run(["diff", wo, "--from", "1", "--to", "99"]).status == 1)
        let byTess = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["audit", "--user", "tess", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        #expect(byTess.count == 6 && byTess.allSatisfy { $0["signer"] as? String == "tess" })
        let approvals = try cli.run(["audit", "--meaning", "approval", "--kind", "wo", "--format", "csv"]).stdout
        #expect(approvals.split(separator: "\r\n").count == 2)
        #expect(try cli.run(["audit", "--since", "yesterday"]).status == 2)
        #expect(try cli.run(["index", "check"]).status == 0)
        try FileManager.default.removeItem(atPath: cli.repo + "/recrepo/index.sqlite")
        #expect(try cli.run(["audit", "--user", "tess", "--format", "json"]).stdout == (try cli.run(["audit", "--user", "tess", "--format", "json"]).stdout))
        #expect(try cli.run(["index", "rebuild"]).status == 0)
        #expect(try cli.run(["index", "check"]).status == 0)
    }
}

import Documents
import Foundation
import Synchronization
import Testing

/// `pm run`, `pm compliance` and `wo list` driven through the real binary, on the machine's own clock.
@Suite struct PMRunCLITests {
    /// A plant with a weekly plan on AC-101 from today, assigned to the technicians, approved.
    static func plant() throws -> (CLI, URL, today: String) {
        let (cli, directory) = try EquipmentRegisterTests.plant()
        let sopID = try cli.effectiveSOP("# Weekly check\n\n- [ ] Inspect the seal\n", title: "Weekly check", in: directory)
        #expect(try EquipmentRegisterTests.sam(cli, ["equipment", "add", "AC-101", "--name", "Autoclave", "--department", "Sterile",
                                                     "--reason", "New"]).status == 0)
        let today = Day(of: Date(), in: TimeZone(identifier: "UTC") ?? .current).text
        let added = try EquipmentRegisterTests.sam(cli, ["pm", "add", "--equipment", "AC-101", "--sop", sopID, "--title", "Weekly check",
                                                         "--every", "1", "weeks", "--from", today, "--grace-after", "2",
                                                         "--assign-role", "technician", "--reason", "New PM"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try cli.run(["pm", "approve", "PM-0001", "--reason", "Reviewed"], user: "quinn", password: "own pass phrase 1").status == 0)
        return (cli, directory, today)
    }

    @Test("two pm run processes at once generate each occurrence once; a third generates nothing; the queue and the report show them")
    func runQueueAndReport() throws {
        let (cli, directory, today) = try Self.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let through = Day(number: try Day(parsing: today, field: "today", record: "test").number + 20).text
        let outputs = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let run = try? cli.run(["pm", "run", "--through", through, "--format", "json"])
            outputs.withLock { $0.append((run?.status == 0 ? "" : "failed: ") + (run?.stdout ?? "") + (run?.stderr ?? "")) }
        }
        let generated = outputs.withLock { $0 }.map { $0.components(separatedBy: "\"order\"").count - 1 }
        #expect(generated.reduce(0, +) == 3, "weekly from today, windows opening within 20 days: \(outputs.withLock { $0 })")
        let again = try cli.run(["pm", "run"])
        #expect(again.status == 0 && again.stdout.contains("Nothing new to generate."), "\(again.stdout)")

        let queue = try cli.run(["wo", "list", "--mine"], user: "tess")
        #expect(queue.status == 0, "\(queue.stderr)")
        let rows = queue.stdout.split(separator: "\n").filter { $0.contains("WO-") }
        #expect(rows.count == 3 && rows.first?.hasPrefix(today) == true, "ordered by due date, today's first: \(queue.stdout)")
        #expect(try cli.run(["wo", "list", "--mine"], user: "sam").stdout.contains("No job matches."), "a supervisor holds no technician's job")
        let overdue = try cli.run(["wo", "list", "--overdue"])
        #expect(overdue.stdout.contains("No job matches."), "\(overdue.stdout)")

        let report = try cli.run(["pm", "compliance", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect((json["counts"] as? [String: Int])?["open"] == 3)
        #expect(json["rate"] == nil || json["rate"] is NSNull)
        let text = try cli.run(["pm", "compliance", "--department", "Sterile"])
        #expect(text.stdout.contains("open     3") && text.stdout.contains("none (nothing decided yet)"), "\(text.stdout)")
        let csv = try cli.run(["pm", "compliance", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("due,plan,occurrence,job,"), "\(csv.stdout)")
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test("bad dates and options are refused naming them, and nothing is written", arguments: [
        (["pm", "run", "--through", "2026-02-30"], "--through must be a calendar day"),
        (["pm", "run", "--through", "2001-01-01"], "plan from today"),
        (["pm", "compliance", "--from", "2026-13-01"], "--from must be a calendar day"),
        (["pm", "compliance", "--from", "2026-03-01", "--to", "2026-02-01"], "is after --to"),
        (["wo", "list", "--status", "done"], "--status must be one of"),
        (["wo", "list", "--assignee", "nobody"], "nobody is no user here"),
    ])
    func refusals(arguments: [String], message: String) throws {
        let (cli, directory) = try EquipmentRegisterTests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let head = try Git.run(["rev-parse", "main"], in: cli.repo).stdout
        let refused = try cli.run(arguments)
        #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
        #expect(try Git.run(["rev-parse", "main"], in: cli.repo).stdout == head)
    }
}

/// Imported legacy history shows beside PM compliance as history, never as occurrences.
@Suite struct ComplianceHistoryCLITests {
    @Test("pm compliance lists imported maintenance history in its range, and counts none of it")
    func importedHistoryBeside() throws {
        let (cli, directory) = try EquipmentRegisterTests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try EquipmentRegisterTests.sam(cli, ["equipment", "add", "AC-101", "--name", "Autoclave", "--department", "Sterile",
                                                     "--reason", "New"]).status == 0)
        let csv = directory.appendingPathComponent("legacy.csv")
        try "Date,Asset,Work done\r\n2024-03-04,AC-101,\"Door seal replaced,\nchamber leak-tested\"\r\n2025-06-01,AC-101,Annual service\r\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let imported = try EquipmentRegisterTests.sam(cli, ["import", "maintenance-history", csv.path, "--date-column", "Date",
                                                            "--equipment-column", "Asset", "--description-column", "Work done",
                                                            "--reason", "Paper logbook 2024-2025"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try cli.run(["pm", "compliance", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let history = try #require(json["importedHistory"] as? [[String: Any]])
        #expect(history.map { $0["date"] as? String } == ["2024-03-04"])
        #expect((history.first?["description"] as? String) == "Door seal replaced, chamber leak-tested")
        #expect((json["counts"] as? [String: Int])?.values.reduce(0, +) == 0, "history is not counted as PM occurrences")
        let text = try cli.run(["pm", "compliance", "--department", "Sterile"])
        #expect(text.stdout.contains("Imported maintenance history in the range (history, not PM occurrences): 2 record(s)"), "\(text.stdout)")
        #expect(try cli.run(["pm", "compliance", "--department", "Utilities"]).stdout.contains("Imported maintenance history") == false)
    }
}

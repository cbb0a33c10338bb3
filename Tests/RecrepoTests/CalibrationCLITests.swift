import Documents
import Foundation
import Testing

/// `standard`, `instrument` and `cal` driven through the real binary on the machine's own clock.
@Suite struct CalibrationCLITests {
    /// sam (supervisor), tess (technician), quinn (qa); the gauge PG-1 calibrated by the procedure
    /// every 12 months at 2 bar ± 0.05 and 100 °C ± 0.5 %; STD-1 (0.01 bar) and STD-2 (0.1 °C).
    static func plant() throws -> (CLI, URL) {
        let (cli, directory) = try EquipmentRegisterTests.plant()
        let sop = try cli.effectiveSOP("# Gauge calibration\n\n- [ ] Read each point\n", title: "Gauge calibration", in: directory)
        let due = Day(of: Date(), in: TimeZone(identifier: "UTC") ?? .current).adding(days: 200).text
        for arguments in [
            ["equipment", "add", "PG-1", "--name", "Gauge", "--reason", "Fitted"],
            ["instrument", "set", "PG-1", "--procedure", sop, "--interval", "12 months", "--point", "low:2:bar:0.05",
             "--point", "hot:100:°C:0.5%", "--reason", "Calibrated yearly"],
            ["standard", "add", "STD-1", "--name", "Pressure reference", "--certificate", "DKD-1", "--calibrated-by", "Lab",
             "--traceability", "PTB", "--due", due, "--uncertainty", "0.01 bar", "--reason", "Bought"],
            ["standard", "add", "STD-2", "--name", "Temperature reference", "--certificate", "DKD-2", "--calibrated-by", "Lab",
             "--traceability", "PTB", "--due", due, "--uncertainty", "0.1 °C", "--reason", "Bought"],
        ] {
            let done = try EquipmentRegisterTests.sam(cli, arguments)
            guard done.status == 0 else { throw CLIFailure(output: done) }
        }
        return (cli, directory)
    }

    static func tess(_ cli: CLI, _ arguments: [String]) throws -> Git.Output {
        try cli.run(arguments, user: "tess", password: "own pass phrase 1")
    }

    @Test("record prints the CAL ID last; show json has the contract's fields; due, list, approve and impact answer; verify passes")
    func lifecycle() throws {
        let (cli, directory) = try Self.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let due = try cli.run(["cal", "due"])
        #expect(due.stdout.contains("PG-1") && due.stdout.contains("never calibrated"), "\(due.stdout)")
        let recorded = try Self.tess(cli, ["cal", "record", "PG-1", "--standard", "STD-1", "--standard", "STD-2", "--as-found", "low=2.2",
                                           "--as-left", "low=2.01", "--as-found", "hot=100.5", "--reason", "Yearly"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.split(separator: "\n").last == "CAL-000001" && recorded.stdout.contains("adjusted"), "\(recorded.stdout)")
        let shown = try cli.run(["cal", "show", "CAL-000001", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        for key in ["id", "equipment", "result", "points", "standards", "nextDue"] { #expect(json[key] != nil, "\(key)") }
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.first?["asFoundPass"] as? Bool == false && points.first?["asLeftPass"] as? Bool == true)
        for key in ["name", "nominal", "asFound", "asLeft", "tolerance"] { #expect(points.first?[key] != nil, "\(key)") }
        let text = try cli.run(["cal", "show", "CAL-000001"])
        #expect(text.stdout.contains("FAIL") && text.stdout.contains("DKD-1") && text.stdout.contains("Signatures"), "\(text.stdout)")
        #expect(try cli.run(["cal", "show", "CAL-000001", "--format", "html"]).stdout.contains("<html"))
        #expect(try cli.run(["cal", "list", "--equipment", "PG-1"]).stdout.contains("CAL-000001"))
        #expect(try cli.run(["cal", "due"]).stdout.contains("No instrument is due"))
        let own = try Self.tess(cli, ["cal", "approve", "CAL-000001", "--reason", "Mine"])
        #expect(own.status != 0 && own.stderr.contains("qa"), "\(own.stderr)")
        let approved = try cli.run(["cal", "approve", "CAL-000001", "--reason", "Reviewed"], user: "quinn", password: "own pass phrase 1")
        #expect(approved.status == 0, "\(approved.stderr)")
        let impact = try cli.run(["cal", "impact", "STD-1", "--format", "json"])
        #expect(impact.status == 0 && impact.stdout.contains("CAL-000001"), "\(impact.stdout)")
        #expect(try cli.run(["standard", "list"]).stdout.contains("STD-2"))
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test("bad input is refused naming the field or option, non-zero, and main stays where it was", arguments: [
        (["cal", "record", "PG-1", "--standard", "STD-1", "--standard", "STD-2", "--as-found", "low", "--reason", "x"], "--as-found takes NAME=VALUE"),
        (["cal", "record", "PG-1", "--standard", "STD-1", "--standard", "STD-2", "--as-found", "low=abc", "--reason", "x"], "--as-found takes NAME=VALUE"),
        (["cal", "record", "PG-1", "--standard", "STD-1", "--as-found", "low=2", "--as-found", "hot=100", "--reason", "x"], "°C"),
        (["cal", "record", "PG-1", "--standard", "STD-1", "--standard", "STD-2", "--as-found", "low=2", "--as-left", "hot=100",
          "--reason", "x"], "--as-left hot has no --as-found hot"),
        (["cal", "record", "../x", "--standard", "STD-1", "--as-found", "low=2", "--reason", "x"], "equipment"),
        (["cal", "record", "PG-1", "--standard", "STD-1\n", "--as-found", "low=2", "--reason", "x"], "standard"),
        (["cal", "record", "PG-1", "--standard", ".git", "--as-found", "low=2", "--reason", "x"], "standard"),
        (["cal", "show", "CAL-1"], "calibration ID"),
        (["cal", "impact", "STD-1", "--since", "2026-02-30"], "--since"),
        (["standard", "add", "STD-3", "--name", "x", "--certificate", "c", "--calibrated-by", "l", "--traceability", "t",
          "--due", "2030-01-01", "--uncertainty", "zero", "--reason", "x"], "--uncertainty takes a number"),
        (["standard", "add", "STD-3", "--name", "x", "--certificate", "c", "--calibrated-by", "l", "--traceability", "t",
          "--due", "2030-01-01", "--uncertainty", "-1 bar", "--reason", "x"], "uncertainty"),
        (["standard", "add", "PG-1", "--name", "x", "--certificate", "c", "--calibrated-by", "l", "--traceability", "t",
          "--due", "2030-01-01", "--uncertainty", "1 bar", "--reason", "x"], "equipment PG-1"),
        (["instrument", "set", "PG-1", "--procedure", "SOP-0001", "--interval", "12 fortnights", "--point", "low:2:bar:0.05", "--reason", "x"],
         "--interval takes"),
        (["instrument", "set", "PG-1", "--procedure", "SOP-0001", "--interval", "12 months", "--point", "low:2:bar", "--reason", "x"],
         "--point takes"),
        (["instrument", "set", "PG-1", "--procedure", "SOP-0001", "--interval", "12 months", "--point", "Low:2:bar:0.05", "--reason", "x"],
         "point \"Low\""),
        (["instrument", "set", "PG-1", "--procedure", "SOP-0001", "--interval", "12 months", "--point", "low:2:bar:0", "--reason", "x"],
         "tolerance a number above 0"),
    ])
    func refused(arguments: [String], says: String) throws {
        let (cli, directory) = try Self.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let head = try cli.head()
        let output = try EquipmentRegisterTests.sam(cli, arguments)
        #expect(output.status != 0 && output.stderr.contains(says), "\(output.status) \(output.stderr)")
        #expect(try cli.head() == head)
    }
}

extension CalibrationCLITests {
    @Test("dashboard answers in text, json (the contract's keys) and html; a filter naming nothing is refused and nothing is written")
    func dashboard() throws {
        let (cli, directory) = try Self.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try cli.run(["dashboard"])
        #expect(text.status == 0 && text.stdout.contains("Calibration: due in 30 days 1: PG-1"), "\(text.stdout)\(text.stderr)")
        let json = try cli.run(["dashboard", "--format", "json", "--equipment", "PG-1"])
        let board = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stderr)")
        for key in ["pm", "workOrders", "calibration", "deviations", "capa", "training", "sopReviewsDue", "auditReview", "alerts", "lastDrill", "commit"] {
            #expect(board[key] != nil, "\(key)")
        }
        #expect((board["calibration"] as? [String: Any])?["dueIn30Days"] as? Int == 1)
        for (group, keys) in [("pm", ["onTime", "late", "missed", "overdue"]), ("workOrders", ["open", "overdue"]),
                              ("calibration", ["dueIn30Days", "overdue", "outOfTolerance"]), ("deviations", ["open", "byClass"]),
                              ("capa", ["overdueActions"]), ("training", ["due"]), ("auditReview", ["overdue"]), ("alerts", ["unacknowledged"])] {
            for key in keys { #expect((board[group] as? [String: Any])?[key] != nil, "\(group).\(key)") }
        }
        let html = try cli.run(["dashboard", "--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("chart-calibration"))
        #expect((board["pm"] as? [String: Any])?["rate"] is NSNull && (board["lastDrill"] as? [String: Any])?["result"] is NSNull)
        let head = try cli.head()
        let unknown = try cli.run(["dashboard", "--area", "NOPE-1"])
        #expect(unknown.status == 1 && unknown.stderr.contains("--area") && unknown.stderr.contains("no equipment"), "\(unknown.stderr)")
        #expect(try cli.run(["dashboard", "--department", "Nowhere"]).status == 1)
        #expect(try cli.head() == head)
    }
}

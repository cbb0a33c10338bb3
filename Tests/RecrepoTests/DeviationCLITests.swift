import Foundation
import Testing

/// Deviations and CAPAs through the real binary: the walk-through, and bad input refused naming
/// the field with main unchanged.
@Suite struct DeviationCLITests {
    static func act(_ cli: CLI, _ user: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try DocumentCLITests.act(cli, user, arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    static func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("dev open to close and capa open to the effectiveness wait, with the step that opens a deviation; verify passes")
    func walkThrough() throws {
        let (cli, directory) = try StepCLITests.startedJob()
        defer { try? FileManager.default.removeItem(at: directory) }
        let opened = try Self.act(cli, "tess", ["dev", "open", "--title", "Door seal replaced with a spare", "--equipment", "CR-101",
                                                "--work-order", "WO-000001", "--sop", "SOP-0001", "--calibration", "CAL-000001",
                                                "--class", "major", "--reason", "OEM seal out of stock"])
        #expect(opened.split(separator: "\n").last == "DEV-000001", "\(opened)")
        _ = try Self.act(cli, "sam", ["dev", "investigate", "DEV-000001", "--root-cause", "Stock-out", "--reason", "Investigated"])
        _ = try Self.act(cli, "sam", ["dev", "assess", "DEV-000001", "--impact", "No product affected", "--reason", "Assessed"])
        let capa = try Self.act(cli, "sam", ["capa", "open", "--title", "Seal stock", "--deviation", "DEV-000001", "--reason", "Root cause"])
        #expect(capa.split(separator: "\n").last == "CAPA-000001", "\(capa)")
        try StepCLITests.refused(cli, "tess", ["dev", "approve", "DEV-000001", "--reason", "Mine"], saying: ["tess may not approve"])
        _ = try Self.act(cli, "quinn", ["dev", "approve", "DEV-000001", "--reason", "Adequate"])
        let listed = try Self.json(try Self.act(cli, "quinn", ["dev", "list", "--open", "--format", "json"]))
        #expect(listed.count == 1 && listed[0]["status"] as? String == "approved" && listed[0]["age"] as? Int == 0
                && listed[0]["overdue"] as? Bool == false && listed[0]["capas"] as? [String] == ["CAPA-000001"], "\(listed)")
        _ = try Self.act(cli, "quinn", ["dev", "close", "DEV-000001", "--reason", "Done"])
        #expect(try Self.act(cli, "quinn", ["dev", "list", "--open"]).contains("No open deviation"))
        let shown = try Self.act(cli, "quinn", ["dev", "show", "DEV-000001"])
        #expect(shown.contains("due to close by") && shown.contains("closed at") && shown.contains("investigation.text: Stock-out")
                && shown.contains("(quinn)  approval"), "\(shown)")
        #expect(try Self.act(cli, "quinn", ["dev", "show", "DEV-000001", "--format", "html"]).hasPrefix("<!DOCTYPE html>"))

        _ = try Self.act(cli, "sam", ["capa", "plan", "CAPA-000001", "--action", "Keep two spare seals", "--owner", "tom",
                                      "--due", "2099-12-31", "--reason", "Plan"])
        try StepCLITests.refused(cli, "tess", ["capa", "implement", "CAPA-000001", "1", "--evidence", "Card", "--reason", "Done"],
                                 saying: ["tom"])
        _ = try Self.act(cli, "tom", ["capa", "implement", "CAPA-000001", "1", "--evidence", "Stock card 12", "--reason", "Done"])
        try StepCLITests.refused(cli, "quinn", ["capa", "verify", "CAPA-000001", "--effective", "--reason", "Early"],
                                 saying: ["capaEffectivenessDays", "30 days"])
        let capas = try Self.json(try Self.act(cli, "quinn", ["capa", "list", "--format", "json"]))
        #expect(capas.count == 1 && capas[0]["status"] as? String == "implemented" && capas[0]["implemented"] as? Int == 1, "\(capas)")
        #expect(try Self.act(cli, "quinn", ["capa", "list", "--overdue"]).contains("No CAPA has an overdue action"))
        #expect(try Self.act(cli, "quinn", ["capa", "show", "CAPA-000001"]).contains("1 of 1 actions implemented"))

        let step = try Self.act(cli, "tess", ["wo", "step", "WO-000001", "1", "--deviation", "Checked by eye", "--deviation-class", "minor"])
        #expect(step.contains("Opened DEV-000002"), "\(step)")
        let woShown = try Self.act(cli, "tess", ["dev", "show", "DEV-000002", "--format", "json"])
        #expect(woShown.contains("\"workOrder\"") && woShown.contains("WO-000001"), "\(woShown)")
        let verified = try cli.run(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("bad input exits non-zero naming the field, and main stays where it was")
    func badInput() throws {
        let (cli, directory) = try StepCLITests.startedJob()
        defer { try? FileManager.default.removeItem(at: directory) }
        let open = ["dev", "open", "--title", "Seal", "--reason", "Why"]
        let cases: [(String, [String], [String])] = [
            ("tess", open + ["--class", "severe"], ["--class", "severe"]),
            ("tess", open, ["--class"]),
            ("tess", open + ["--class", "minor", "--colour", "red"], ["--colour"]),
            ("tess", open + ["--class", "minor", "--equipment", "../x"], ["equipment", "../x"]),
            ("tess", open + ["--class", "minor", "--equipment", "PUMP-999"], ["equipment", "PUMP-999"]),
            ("tess", open + ["--class", "minor", "--work-order", "WO-000999"], ["work order", "WO-000999"]),
            ("tess", open + ["--class", "minor", "--work-order", "WO-1\n"], ["work order"]),
            ("tess", open + ["--class", "minor", "--sop", "SOP-0999"], ["SOP", "SOP-0999"]),
            ("tess", open + ["--class", "minor", "--calibration", "CAL-1"], ["calibration"]),
            ("tess", ["dev", "open", "--title", "Two\nlines", "--class", "minor", "--reason", "Why"], ["title"]),
            ("sam", ["dev", "investigate", "../x", "--root-cause", "X", "--reason", "R"], ["deviation ID"]),
            ("sam", ["dev", "investigate", "DEV-1\n", "--root-cause", "X", "--reason", "R"], ["deviation ID"]),
            ("sam", ["dev", "assess", "DEV-000001", "--impact", "X", "--reason", "R"], ["DEV-000001"]),
            ("sam", ["dev", "show", "CAPA-000001"], ["deviation ID"]),
            ("sam", ["dev", "list", "--class", "nope"], ["--class"]),
            ("sam", ["capa", "open", "--title", "T", "--deviation", "DEV-1", "--reason", "R"], ["deviation"]),
            ("sam", ["capa", "open", "--title", "T", "--deviation", "DEV-000999", "--reason", "R"], ["deviation", "DEV-000999"]),
            ("sam", ["capa", "plan", "CAPA-000001", "--action", "A", "--owner", "../x", "--due", "2099-01-01", "--reason", "R"], ["owner"]),
            ("sam", ["capa", "plan", "CAPA-000001", "--action", "A", "--owner", "tom", "--due", "2026-02-31", "--reason", "R"], ["--due"]),
            ("quinn", ["capa", "verify", "CAPA-000001", "--reason", "R"], ["--effective"]),
            ("quinn", ["capa", "verify", "CAPA-000001", "--effective", "--not-effective", "--reason", "R"], ["--effective"]),
            ("tom", ["capa", "implement", "../x", "1", "--evidence", "E", "--reason", "R"], ["CAPA ID"]),
            ("tess", ["wo", "step", "WO-000001", "1", "--deviation-class", "major"], ["--deviation"]),
            ("tess", ["wo", "step", "WO-000001", "1", "--deviation", "By eye", "--deviation-class", "huge"], ["--deviation-class"]),
        ]
        for (user, arguments, words) in cases { try StepCLITests.refused(cli, user, arguments, saying: words) }
        // Once a CAPA exists, an owner without an account is refused by name.
        _ = try Self.act(cli, "sam", ["capa", "open", "--title", "Seal stock", "--reason", "Stock-outs"])
        try StepCLITests.refused(cli, "sam", ["capa", "plan", "CAPA-000001", "--action", "A", "--owner", "nobody", "--due", "2099-01-01",
                                              "--reason", "R"], saying: ["owner", "nobody"])
        try StepCLITests.refused(cli, "sam", ["capa", "plan", "CAPA-000001", "--action", "A", "--owner", "tom", "--due", "2000-01-01",
                                              "--reason", "R"], saying: ["due", "2000-01-01"])
    }
}

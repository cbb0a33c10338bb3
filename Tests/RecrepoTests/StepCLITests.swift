import Foundation
import Testing

/// Steps with readings, dispositions and corrections through the real binary.
@Suite struct StepCLITests {
    static let body = """
        # Cold room check

        - [ ] Check the door seal
        - [ ] Record the outlet temperature `reading: outlet temperature in °C, between 2 and 8`
        - [ ] Check the bypass

        """

    /// The plant of `DocumentCLITests` plus tom (technician), an effective SOP with a reading and
    /// a started job WO-000001 assigned to tess.
    static func startedJob() throws -> (CLI, URL) {
        let (cli, directory) = try DocumentCLITests.plant()
        try cli.person("tom", role: "technician")
        let file = directory.appendingPathComponent("cold.md")
        try Data(Self.body.utf8).write(to: file)
        for (user, arguments) in [
            ("dora", ["sop", "new", "--title", "Cold room check", "--file", file.path, "--reason", "New SOP"]),
            ("dora", ["sop", "submit", "SOP-0001", "--reason", "Ready"]), ("dan", ["sop", "review", "SOP-0001", "--reason", "Checked"]),
            ("quinn", ["sop", "approve", "SOP-0001", "--reason", "Approved"]),
            ("sam", ["equipment", "add", "CR-101", "--name", "Cold room", "--reason", "Commissioned"]),
            ("sam", ["wo", "new", "--sop", "SOP-0001", "--equipment", "CR-101", "--title", "Weekly check", "--assign", "tess", "--reason", "Planned"]),
            ("tess", ["wo", "start", "WO-000001"]),
        ] {
            let result = try DocumentCLITests.act(cli, user, arguments)
            guard result.status == 0 else { throw CLIFailure(output: result) }
        }
        return (cli, directory)
    }

    /// Runs `arguments` as `user`, expects a refusal whose message contains each of `words`, and main unchanged.
    static func refused(_ cli: CLI, _ user: String, _ arguments: [String], saying words: [String],
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let head = try cli.head()
        let result = try DocumentCLITests.act(cli, user, arguments)
        #expect(result.status != 0, "\(arguments)", sourceLocation: sourceLocation)
        for word in words { #expect(result.stderr.contains(word), "\(arguments): \(result.stderr)", sourceLocation: sourceLocation) }
        #expect(try cli.head() == head, sourceLocation: sourceLocation)
    }

    @Test("a value outside its limits blocks wo complete until the supervisor's disposition; corrections keep the earlier value visible")
    func readingLifecycle() throws {
        let (cli, directory) = try Self.startedJob()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wo = "WO-000001"
        try Self.refused(cli, "tess", ["wo", "step", wo, "1", "--value", "3"], saying: ["step 1 asks for no reading"])
        #expect(try DocumentCLITests.act(cli, "tess", ["wo", "step", wo, "1"]).status == 0)
        try Self.refused(cli, "tess", ["wo", "step", wo, "2"], saying: ["step 2 asks for a reading", "--value"])
        let read = try DocumentCLITests.act(cli, "tess", ["wo", "step", wo, "2", "--value", "9.5"])
        #expect(read.status == 0 && read.stderr.contains("OUT OF LIMITS"), "\(read.stderr)")
        try Self.refused(cli, "tess", ["wo", "step", wo, "3", "--not-applicable"], saying: ["--justification"])
        try Self.refused(cli, "tess", ["wo", "step", wo, "3", "--not-applicable", "--justification", ""], saying: ["justification"])
        #expect(try DocumentCLITests.act(cli, "tess", ["wo", "step", wo, "3", "--not-applicable", "--justification", "No bypass fitted"]).status == 0)
        try Self.refused(cli, "tess", ["wo", "complete", wo, "--reason", "Done"], saying: ["step 2", "wo disposition"])
        try Self.refused(cli, "tess", ["wo", "disposition", wo, "2", "--decision", "accept", "--reason", "Fine"], saying: ["tess"])
        try Self.refused(cli, "sam", ["wo", "disposition", wo, "2", "--decision", "maybe", "--reason", "Fine"], saying: ["--decision"])
        #expect(try DocumentCLITests.act(cli, "sam", ["wo", "disposition", wo, "2", "--decision", "repeat", "--reason", "Probe not settled"]).status == 0)
        try Self.refused(cli, "tess", ["wo", "complete", wo, "--reason", "Done"], saying: ["step 2"])
        try Self.refused(cli, "tom", ["wo", "correct", wo, "2", "--value", "5", "--reason", "Read again"], saying: ["tess"])
        try Self.refused(cli, "tess", ["wo", "correct", wo, "2", "--reason", "Read again"], saying: ["--value", "--note"])
        #expect(try DocumentCLITests.act(cli, "tess", ["wo", "correct", wo, "2", "--value", "7.5", "--reason", "Read again after 10 minutes"]).status == 0)
        #expect(try DocumentCLITests.act(cli, "tess", ["wo", "complete", wo, "--reason", "Done"]).status == 0)
        #expect(try DocumentCLITests.act(cli, "sam", ["wo", "correct", wo, "1", "--note", "Seal replaced", "--reason", "Per the parts list"]).status == 0)

        let text = try cli.run(["wo", "show", wo]).stdout
        for line in ["Step 2 value: 7.5 °C (outlet temperature in °C, between 2 and 8 °C) within limits",
                     "Step 2 disposition: repeat of 9.5 °C by sam at", "Step 2 corrected: by tess at",
                     "(Read again after 10 minutes); value was 9.5 °C, now 7.5 °C", "Step 3 not applicable: No bypass fitted",
                     "Step 1 corrected: by sam at", "(Per the parts list); note was none, now \"Seal replaced\"", "read 9.5"] {
            #expect(text.contains(line), "missing \(line) in\n\(text)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["wo", "show", wo, "--format", "json"]).stdout.utf8)) as? [String: Any])
        let steps = try #require(json["steps"] as? [[String: Any]])
        let corrections = try #require(steps[1]["corrections"] as? [[String: Any]])
        #expect(corrections.first?["previousValue"] as? Double == 9.5 && steps[1]["value"] as? Double == 7.5 && steps[1]["outOfLimits"] == nil)
        #expect((steps[1]["reading"] as? [String: Any])?["unit"] as? String == "°C" && steps[2]["notApplicable"] as? Bool == true)
        let html = try cli.run(["wo", "show", wo, "--format", "html"]).stdout
        #expect(html.contains("value was 9.5 °C") && html.contains("<th>Step 2 disposition</th>"), "\(html)")
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test("the job's SOP still shows the step with a reading as a task item, in HTML and in text")
    func sopRendering() throws {
        let (cli, directory) = try Self.startedJob()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try cli.run(["wo", "sop", "WO-000001", "--format", "html"]).stdout
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" /> <span class=\"step-number\">Step 2:</span> Record the outlet temperature <code>reading: outlet temperature in °C, between 2 and 8</code>"))
        let text = try cli.run(["wo", "sop", "WO-000001"]).stdout
        #expect(text.contains("- [ ] Step 2: Record the outlet temperature"), "\(text)")
        // The contract's forms: --not-applicable TEXT, and a disposition that accepts by default.
        #expect(try DocumentCLITests.act(cli, "tess", ["wo", "step", "WO-000001", "1"]).status == 0)
        #expect(try DocumentCLITests.act(cli, "tess", ["wo", "step", "WO-000001", "2", "--value", "8.01"]).status == 0)
        try Self.refused(cli, "tess", ["wo", "step", "WO-000001", "3", "Stray text"], saying: ["unexpected argument"])
        try Self.refused(cli, "tess", ["wo", "step", "WO-000001", "3", "--not-applicable", "A", "--justification", "B"], saying: ["once"])
        #expect(try DocumentCLITests.act(cli, "tess", ["wo", "step", "WO-000001", "3", "--not-applicable", "No bypass fitted"]).status == 0)
        #expect(try DocumentCLITests.act(cli, "sam", ["wo", "disposition", "WO-000001", "2", "--reason", "Logger agrees"]).status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["wo", "show", "WO-000001", "--format", "json"]).stdout.utf8)) as? [String: Any])
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps[2]["justification"] as? String == "No bypass fitted")
        #expect((steps[1]["dispositions"] as? [[String: Any]])?.first?["decision"] as? String == "accept")
        // A span that starts with `reading:` but is not one: the author is told which step.
        let file = directory.appendingPathComponent("bad.md")
        try Data("- [ ] Seal\n- [ ] Temperature `reading: temperature in °C, between 8 and 2`\n".utf8).write(to: file)
        let revised = try DocumentCLITests.act(cli, "dora", ["sop", "revise", "SOP-0001", "--file", file.path, "--reason", "Limits"])
        #expect(revised.status == 0 && revised.stderr.contains("step 2 asks for no reading") && revised.stderr.contains("lower limit comes first"),
                "\(revised.stderr)")
    }

    @Test("a value that is not a plain number is refused naming --value; main does not move", arguments: [
        "abc", "nan", "NaN", "inf", "-inf", "1e999", "1e3", "0x10", "1,5", "", "99999999999999999", "4.5.1",
    ])
    func hostileValue(value: String) throws {
        let (cli, directory) = try Self.startedJob()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try DocumentCLITests.act(cli, "tess", ["wo", "step", "WO-000001", "1"]).status == 0)
        try Self.refused(cli, "tess", ["wo", "step", "WO-000001", "2", "--value", value], saying: ["--value"])
    }
}

@testable import Documents
import Foundation
import MarkdownLimits
import RecordRepo
import SOPRender
import Testing

/// An author who writes markdown that would take minutes to render is refused at `sop new` and
/// `sop revise`; a body already stored beyond the bounds keeps verifying and is shown as text.
@Suite struct SOPMarkdownBoundsTests {
    /// The shape of issue 16 item 8: block quotes nested 40 deep, emphasis in them, and lazy
    /// continuation lines that each walk every open quote.
    static let nestedQuotes = String(repeating: "> ", count: 40) + "*Step* **one** _of_ the check\n"
        + String(repeating: "and *more* of **the same** step\n", count: 2_000)

    @Test("sop new refuses the issue's SOP of nested block quotes and emphasis, naming the SOP, the body, the line and the limit")
    func cliRefusesNestedQuotes() throws {
        let (cli, directory) = try DocumentCLITests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("nested.md")
        try Data(Self.nestedQuotes.utf8).write(to: file)
        let before = try cli.head()
        let made = try DocumentCLITests.act(cli, "dora", ["sop", "new", "--title", "Nested", "--file", file.path, "--reason", "New"])
        #expect(made.status == 1, "\(made.stdout)\(made.stderr)")
        #expect(made.stderr.contains("SOP-0001: the body is not valid: line 1 is nested 40 levels deep"), "\(made.stderr)")
        #expect(made.stderr.contains("reduce nesting to at most 32 levels"), "\(made.stderr)")
        #expect(try cli.head() == before)

        // The same body as a revision of an SOP written within the bounds.
        try Data("# Check\n\n> one level\n".utf8).write(to: file)
        #expect(try DocumentCLITests.act(cli, "dora", ["sop", "new", "--title", "Check", "--file", file.path, "--reason", "New"]).status == 0)
        try Data(Self.nestedQuotes.utf8).write(to: file)
        let revised = try DocumentCLITests.act(cli, "dora", ["sop", "revise", "SOP-0001", "--file", file.path, "--reason", "Deeper"])
        #expect(revised.status == 1 && revised.stderr.contains("SOP-0001: the body is not valid: line 1 is nested 40 levels deep"),
                "\(revised.stderr)")
    }

    @Test("createSOP and reviseSOP refuse a body just over each limit with that limit, and accept one exactly at it")
    func serviceRefusesEachLimit() throws {
        let plant = try Plant()
        let sop = try plant.records.createSOP(title: "Check", body: Data("# Check\n".utf8), reason: "New", by: plant.dora)
        for edge in MarkdownBoundsTests.edges {
            // The size rule is older (verify replays it) and keeps its own words.
            let reason = if case .size = edge.excess { "the markdown file is larger than 1 MiB" } else { edge.excess.description }
            plant.tick()
            let refusal = { (record: String) in DocumentsError.invalidField(record: record, field: "body", reason: reason).description }
            #expect("\(edge.name)") {
                _ = try plant.records.reviseSOP(sop.id, body: Data(edge.over.utf8), reason: "Hostile", by: plant.dora)
            } throws: { "\($0)" == refusal(sop.id) }
            #expect("\(edge.name)") {
                _ = try plant.records.createSOP(title: "Hostile", body: Data(edge.over.utf8), reason: "New", by: plant.dora)
            } throws: { "\($0)" == refusal("SOP-0002") }
            #expect(throws: Never.self, "\(edge.name)") {
                _ = try plant.records.reviseSOP(sop.id, body: Data(edge.atLimit.utf8), reason: "At the limit", by: plant.dora)
            }
        }
        #expect(ReplayTests.verify(plant).ok)
    }

    /// Writes SOP-0001 with `body` as `dora` straight through the ledger, as a version before the
    /// bounds would have: the act is the one `createSOP` makes, without the bounds check.
    static func storedBeforeBounds(_ plant: Plant, body: String, version: String? = nil) throws -> String {
        plant.tick()
        let id = "SOP-0001"
        let paths = [try RecordPath(try RecordID.path(kind: .sop, id: id)),
                     try RecordPath(try #require(try RecordID.bodyPath(kind: .sop, id: id)))]
        let act = Act(record: id, revision: 1, meaning: .authorship, event: "sop.create", reason: "Written before the bounds",
                      summary: "Create \(id) revision 1", paths: paths) { at in
            [try CanonicalJSON.encode(try SOP.draft(id: id, title: "Legacy check", author: "dora", at: Timestamp.iso(at))), Data(body.utf8)]
        }
        var signed = act
        if let version { signed.extraTrailers = [Trailers.Extra(key: Trailers.versionKey, value: version)] }
        _ = try plant.records.ledger.append(signed, by: plant.dora.signer, basedOn: try plant.repo.head())
        return id
    }

    @Test("a body stored beyond the bounds still verifies, sop show gives it as plain text under a notice, and it can be revised")
    func storedBodyShownAsText() throws {
        let plant = try Plant()
        let hostile = Self.nestedQuotes + "<script>alert(1)</script> [x](javascript:alert(1))\n"
        let id = try Self.storedBeforeBounds(plant, body: hostile)
        #expect(ReplayTests.verify(plant).ok, "a history written before the bounds does not start failing verify")

        let cli = CLI(repo: plant.repo.path)
        let text = try cli.run(["sop", "show", id, "--revision", "1"])
        #expect(text.status == 0, "\(text.stderr)\(text.stdout)")
        #expect(text.stdout.contains("[This revision exceeds the markdown limits: line 1 is nested 40 levels deep"))
        #expect(text.stdout.contains(String(repeating: "> ", count: 40) + "*Step* **one** _of_ the check"))
        let html = try cli.run(["sop", "show", id, "--revision", "1", "--format", "html"]).stdout
        #expect(html.contains("<p class=\"limits-notice\">This revision exceeds the markdown limits: line 1 is nested 40 levels deep"))
        #expect(html.contains("<pre class=\"markdown-source\">" + String(repeating: "&gt; ", count: 40) + "*Step*"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && LiveMarkup.dangers(in: html).isEmpty)
        let markdown = try Command.runData(CLI.binary, ["sop", "show", id, "--revision", "1", "--format", "markdown"],
                                          environment: ["RECREPO_REPO": cli.repo])
        #expect(markdown == Data(hostile.utf8), "the stored bytes are given back as they are")

        plant.tick()
        _ = try plant.records.reviseSOP(id, body: Data("# Legacy check\n\n> one level\n".utf8), reason: "Within the bounds", by: plant.dora)
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("an act that says a release with the bounds signed it, yet holds a body beyond them, fails verify by the check rule")
    func forgedBeyondBounds() throws {
        let plant = try Plant()
        _ = try Self.storedBeforeBounds(plant, body: Self.nestedQuotes, version: Version.software)
        let commit = try #require(try plant.repo.head())
        EventReplayTests.expectRefused(plant, commit, by: .check)
        let older = try Plant()
        _ = try Self.storedBeforeBounds(older, body: Self.nestedQuotes, version: "0.16.0")
        #expect(ReplayTests.verify(older).ok, "acts signed before the bounds existed keep verifying")
    }
}

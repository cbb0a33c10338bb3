import Documents
import Foundation
import MarkdownLimits
import Testing

/// The bounds on SOP markdown: each limit exactly at its value passes and one over is refused,
/// real SOPs pass, new bodies beyond them are refused by `sop new` and `sop revise`, and a body
/// stored before the bounds still verifies and is shown as plain text.
@Suite struct MarkdownBoundsTests {
    static let bounds = MarkdownBounds.standard

    /// Lines of `count` copies of `unit`, `perLine` on each, in one paragraph.
    static func lines(_ unit: String, count: Int, perLine: Int = 1) -> String {
        stride(from: 0, to: count, by: perLine).map { String(repeating: unit, count: min(perLine, count - $0)) + "\n" }.joined()
    }

    /// A table of `columns` columns whose header, delimiter row and `rows` short rows make
    /// `columns * (rows + 1)` cells.
    static func table(columns: Int, rows: Int) -> String {
        "|" + String(repeating: "h|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n"
            + String(repeating: "x\n", count: rows)
    }

    /// Reference definitions of `definition` bytes (line ending included) and uses that bring the
    /// `[` to `brackets`.
    static func references(definition: Int, brackets: Int) -> String {
        "[a]: /" + String(repeating: "u", count: definition - 7) + "\n\n" + String(repeating: "[a]", count: brackets - 1) + "\n"
    }

    /// Pairs of a body exactly at a limit and one just over it, with the excess the second gives.
    static let edges: [(name: String, atLimit: String, over: String, excess: MarkdownExcess)] = [
        ("line length", String(repeating: "a", count: 10_000), String(repeating: "a", count: 10_001),
         .lineLength(line: 1, bytes: 10_001, allowed: 10_000)),
        ("nested block quotes", String(repeating: "> ", count: 32) + "a", String(repeating: "> ", count: 33) + "a",
         .depth(line: 1, levels: 33, allowed: 32)),
        ("nested lists", (0..<32).map { String(repeating: "  ", count: $0) + "- a\n" }.joined(),
         (0..<33).map { String(repeating: "  ", count: $0) + "- a\n" }.joined(), .depth(line: 33, levels: 33, allowed: 32)),
        ("quotes and lists on one line", String(repeating: "> - ", count: 16) + "a", String(repeating: "> - ", count: 16) + "> a",
         .depth(line: 1, levels: 33, allowed: 32)),
        ("pipes on a line", "a" + String(repeating: "|a", count: 128), "a" + String(repeating: "|a", count: 129),
         .pipes(line: 1, count: 129, allowed: 128)),
        ("< on a line", String(repeating: "<b", count: 128), String(repeating: "<b", count: 129),
         .angles(line: 1, count: 129, allowed: 128)),
        ("![ in a paragraph", lines("![a ", count: 128, perLine: 10), lines("![a ", count: 129, perLine: 10),
         .imageOpeners(line: 13, count: 129, allowed: 128)),
        ("<? and <! in a paragraph", lines("a<?", count: 64) + lines("a<!", count: 64), lines("a<?", count: 64) + lines("a<!", count: 65),
         .htmlOpeners(line: 129, count: 129, allowed: 128)),
        ("table cells", table(columns: 10, rows: 9_999), table(columns: 10, rows: 10_000),
         .tableCells(line: 10_002, cells: 100_010, allowed: 100_000)),
        ("reference expansion", references(definition: 8_192, brackets: 1_024), references(definition: 8_192, brackets: 1_025),
         .referenceExpansion(line: 1, brackets: 1_025, definitionBytes: 8_192, allowed: 8 << 20)),
        ("size", lines(String(repeating: "a", count: 1_023), count: 1_024), lines(String(repeating: "a", count: 1_023), count: 1_024) + "a",
         .size(bytes: (1 << 20) + 1, allowed: 1 << 20)),
    ]

    @Test("a body exactly at a limit passes and one just over it is refused by that limit", arguments: 0..<edges.count)
    func edge(index: Int) {
        let edge = Self.edges[index]
        #expect(Self.bounds.excess(in: edge.atLimit) == nil, "\(edge.name): \(Self.bounds.excess(in: edge.atLimit).map { "\($0)" } ?? "")")
        #expect(Self.bounds.excess(in: edge.over) == edge.excess, "\(edge.name)")
        #expect(Self.bounds.excess(inBytes: Data(edge.over.utf8)) == edge.excess, "\(edge.name) as bytes")
    }

    @Test("what cmark reads as one line or paragraph is measured as one, and what it never parses is not counted")
    func measuredAsCmarkReadsIt() {
        // A carriage return alone ends a line for cmark, so it cannot hide nesting inside a line.
        #expect(Self.bounds.excess(in: "a\r" + String(repeating: ">", count: 33) + " b") == .depth(line: 2, levels: 33, allowed: 32))
        #expect(Self.bounds.excess(in: "a\r\n" + String(repeating: "  ", count: 40) + "- b") == .depth(line: 2, levels: 41, allowed: 32))
        // A blank line inside a block quote ends the paragraph there too.
        #expect(Self.bounds.excess(in: Self.lines("> a<?", count: 100) + ">\n" + Self.lines("> a<?", count: 100)) == nil)
        #expect(Self.bounds.excess(in: Self.lines("> a<?", count: 100) + "> b\n" + Self.lines("> a<?", count: 100)) != nil)
        // Escaped pipes separate no cells; task boxes are no links.
        #expect(Self.bounds.excess(in: "a" + String(repeating: "\\|a", count: 500)) == nil)
        #expect(Self.bounds.excess(in: String(repeating: "- [ ] step\n", count: 2_000) + Self.references(definition: 8_000, brackets: 1)) == nil)
        // A table ends at a blank line; the cells of all tables add up.
        let half = Self.table(columns: 10, rows: 5_000)
        #expect(Self.bounds.excess(in: half + "\n" + half) == .tableCells(line: 10_004, cells: 100_010, allowed: 100_000))
    }

    @Test("every SOP of the corpus keeps the bounds", arguments: Corpus.names)
    func corpus(name: String) throws {
        #expect(Self.bounds.excess(in: try Corpus.markdown(name)) == nil)
    }

    @Test("the refusal names the SOP, the body, the line, the limit and what to do")
    func refusalWording() {
        #expect("\(MarkdownExcess.depth(line: 7, levels: 40, allowed: 32))".contains("line 7 is nested 40 levels deep"))
        #expect("\(MarkdownExcess.depth(line: 7, levels: 40, allowed: 32))".hasSuffix("reduce nesting to at most 32 levels"))
        #expect("\(MarkdownExcess.lineLength(line: 3, bytes: 20_000, allowed: 10_000))".hasSuffix("split the line"))
        let error = DocumentsError.invalidField(record: "SOP-0001", field: "body",
                                                reason: "\(MarkdownExcess.pipes(line: 2, count: 200, allowed: 128))")
        #expect(error.description.hasPrefix("SOP-0001: the body is not valid: line 2 has 200 '|'"))
    }
}

import Foundation
import MarkdownLimits
@testable import SOPRender
import Testing

/// From the attacker's side: bodies shaped to make cmark-gfm 0.29.0.gfm.6 quadratic, stored
/// however they got there, render in time linear in their size. Each is rendered as `sop show`
/// renders it (the HTML page and the terminal text) at a size and at four times that size;
/// linear time gives a ratio near 4, quadratic near 16.
@Suite(.serialized) struct MarkdownRenderTimeTests {
    struct Family: Sendable, CustomTestStringConvertible {
        let name: String
        let size: Int
        let make: @Sendable (Int) -> String
        var testDescription: String { name }
    }

    /// Shapes measured quadratic in the cmark-gfm in use (each of these fails without the bounds).
    static let quadratic: [Family] = [
        Family(name: "nested block quotes with lazy lines (issue 16 item 8)", size: 2_000) {
            String(repeating: "> ", count: $0) + "*a* **b**\n" + String(repeating: "_b_ c\n", count: $0)
        },
        Family(name: "processing instructions in a paragraph", size: 2_000) { String(repeating: "a<?\n", count: $0) },
        Family(name: "CDATA openers in a paragraph", size: 2_000) { String(repeating: "a<![CDATA[\n", count: $0) },
        Family(name: "declarations in a paragraph", size: 8_000) { String(repeating: "a<!A\n", count: $0) },
        Family(name: "autolink openers on a line", size: 1_100) { String(repeating: "<http://a", count: $0) },
        Family(name: "image openers, then links", size: 2_000) {
            String(repeating: "![x\n", count: $0) + String(repeating: "[a]()\n", count: $0)
        },
        Family(name: "a wide table of short rows", size: 200) {
            "|" + String(repeating: "h|", count: $0) + "\n|" + String(repeating: "-|", count: $0) + "\n" + String(repeating: "x\n", count: $0)
        },
        Family(name: "pipes on one table row", size: 4_000) { "a|b\n-|-\n" + String(repeating: "|", count: $0) + "\n" },
    ]

    /// cmark's own pathological tests (test/pathological_tests.py), scaled so that the input
    /// grows linearly with the size.
    static let pathological: [Family] = [
        Family(name: "nested strong emphasis", size: 1_000) {
            String(repeating: "*a **a ", count: $0) + "b" + String(repeating: " a** a*", count: $0)
        },
        Family(name: "many emphasis closers with no openers", size: 4_000) { String(repeating: "a_ ", count: $0) },
        Family(name: "many emphasis openers with no closers", size: 4_000) { String(repeating: "_a ", count: $0) },
        Family(name: "many link closers with no openers", size: 6_000) { String(repeating: "a]", count: $0) },
        Family(name: "many link openers with no closers", size: 6_000) { String(repeating: "[a", count: $0) },
        Family(name: "mismatched openers and closers", size: 3_000) { String(repeating: "*a_ ", count: $0) },
        Family(name: "openers and closers multiple of 3", size: 4_000) { "a**b" + String(repeating: "c* ", count: $0) },
        Family(name: "link openers and emphasis closers", size: 3_000) { String(repeating: "[ a_", count: $0) },
        Family(name: "pattern [ (]( repeated", size: 3_000) { String(repeating: "[ (](", count: $0) },
        Family(name: "pattern ![[]() repeated", size: 3_000) { String(repeating: "![[]()", count: $0) },
        Family(name: "nested brackets", size: 6_000) { String(repeating: "[", count: $0) + "a" + String(repeating: "]", count: $0) },
        Family(name: "nested block quotes", size: 1_000) { String(repeating: "> ", count: $0) + "a" },
        Family(name: "deeply nested lists", size: 250) {
            (0..<$0).map { String(repeating: "  ", count: $0 % 100) + "* a\n" }.joined()
        },
        Family(name: "backticks", size: 500) { (0..<$0).map { "e" + String(repeating: "`", count: $0 % 50 + 1) }.joined() },
        Family(name: "unclosed links A", size: 2_000) { String(repeating: "[a](<b", count: $0) },
        Family(name: "unclosed links B", size: 2_100) { String(repeating: "[a](b", count: $0) },
        Family(name: "unclosed comments", size: 3_000) { "</" + String(repeating: "<!--", count: $0) },
        Family(name: "tables", size: 250) { String(repeating: "aaa\rbbb\n-\u{0B}\n", count: $0) },
    ]

    /// Each shape as far as the bounds let it go, repeated: what a new body may hold.
    static let atTheLimits: [Family] = [
        Family(name: "128 processing instructions a paragraph", size: 10) {
            String(repeating: "a" + String(repeating: "<?", count: 128) + "\n\n", count: $0)
        },
        Family(name: "128 image openers a paragraph", size: 10) {
            String(repeating: String(repeating: "![[]()", count: 128) + "\n\n", count: $0)
        },
        Family(name: "128 autolinks a line", size: 10) { String(repeating: String(repeating: "<http://a", count: 128) + "\n", count: $0) },
        Family(name: "32 block quotes with lazy lines", size: 500) {
            String(repeating: "> ", count: 32) + "a\n" + String(repeating: "*b*\n", count: $0)
        },
        Family(name: "a table of 127 columns", size: 60) {
            "|" + String(repeating: "h|", count: 127) + "\n|" + String(repeating: "-|", count: 127) + "\n"
                + String(repeating: "| a | b | c | d | e | f | g |\n", count: $0)
        },
        Family(name: "a long reference used often", size: 8) {
            "[a]: /" + String(repeating: "u", count: 300) + "\n\n" + String(repeating: String(repeating: "[a] ", count: 50) + "\n", count: $0)
        },
    ]

    /// Seconds per render of `page` as `sop show` renders it (the HTML page and the terminal
    /// text), over a run of at least 10 ms.
    static func secondsPerRender(_ page: SOPPage) -> Double {
        let clock = ContinuousClock()
        var renders = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            _ = SOPRenderer.html(page)
            _ = SOPRenderer.text(page)
            renders += 1
            elapsed = clock.now - start
        } while elapsed < .milliseconds(10)
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) / Double(renders)
    }

    /// Renders the family at its size and at four times it, in five alternating runs so that
    /// other work on the machine weighs on both alike, and compares the fastest of each.
    static func expectLinear(_ family: Family) {
        let small = family.make(family.size)
        let large = family.make(4 * family.size)
        #expect((3 * small.utf8.count...5 * small.utf8.count).contains(large.utf8.count), "\(family.name) does not grow linearly")
        let pages = (RenderTests.page(markdown: small), RenderTests.page(markdown: large))
        var best = (small: Double.infinity, large: Double.infinity)
        for _ in 0..<5 {
            best.small = min(best.small, secondsPerRender(pages.0))
            best.large = min(best.large, secondsPerRender(pages.1))
        }
        let ratio = best.large / best.small
        #expect(ratio < 8, "\(family.name): four times the size took \(ratio) times as long (linear is about 4, quadratic 16)")
    }

    @Test("inputs quadratic in cmark-gfm 0.29.0.gfm.6 render in linear time", arguments: quadratic)
    func quadraticShapes(family: Family) { Self.expectLinear(family) }

    @Test("cmark's pathological inputs render in linear time", arguments: pathological)
    func pathologicalShapes(family: Family) { Self.expectLinear(family) }

    @Test("bodies within the bounds render in linear time, every shape pushed to its limit", arguments: atTheLimits)
    func withinTheBounds(family: Family) {
        #expect(MarkdownBounds.standard.excess(in: family.make(4 * family.size)) == nil, "\(family.name) is within the bounds")
        Self.expectLinear(family)
    }

    @Test("a link reference used thousands of times does not multiply the page")
    func referenceExpansion() {
        let markdown = "[a]: /" + String(repeating: "u", count: 8_000) + "\n\n"
            + String(repeating: String(repeating: "[a] ", count: 100) + "\n", count: 30)
        let html = MarkdownRenderer.html(markdown)
        #expect(html.utf8.count < 2 * markdown.utf8.count, "\(html.utf8.count) bytes of HTML from \(markdown.utf8.count) of markdown")
        #expect(MarkdownRenderer.text(markdown).hasPrefix("[This revision exceeds the markdown limits: link references could copy 3001 '['"))
    }
}

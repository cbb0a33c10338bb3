import Foundation
import SOPRender
import Testing

/// The NOT FOR USE marking and the escaping of every value taken from the record.
@Suite struct MarkingRenderTests {
    static let nonEffective = ["draft", "in-review", "approved", "superseded", "retired"]

    @Test("a non-effective revision is marked NOT FOR USE at the top, the bottom and on every printed page",
          arguments: nonEffective)
    func notForUse(status: String) throws {
        let page = RenderTests.page(status: status)
        #expect(!page.isForUse)
        let marking = "NOT FOR USE — \(status), not the effective revision"
        let html = SOPRenderer.html(page)
        let body = try #require(html.range(of: "<main class=\"sop-body\">"))
        let signatures = try #require(html.range(of: "<section class=\"signatures\""))
        let first = try #require(html.range(of: marking))
        let last = try #require(html.range(of: marking, options: .backwards))
        #expect(first.upperBound < body.lowerBound, "marking before the body")
        #expect(last.lowerBound > signatures.upperBound, "marking after the signatures")
        // Print: the top marking sits in the frame's thead and the bottom one in its tfoot, which
        // print repeats on every sheet; the watermark is a fixed element, also on every sheet.
        #expect(html.contains("<thead><tr><td>\n<div class=\"running\">"))
        #expect(html.contains("<p class=\"not-for-use\" role=\"note\">\(marking)</p>\n</td></tr></thead>"))
        #expect(html.contains("<tfoot><tr><td>\n<p class=\"not-for-use\" role=\"note\">\(marking)</p>"))
        #expect(html.contains("<div class=\"watermark\" aria-hidden=\"true\">NOT FOR USE — \(status)</div>"))
        #expect(html.contains(".watermark { display: block; position: fixed;"))

        let text = SOPRenderer.text(page)
        #expect(text.hasPrefix("*** \(marking) ***\n"))
        #expect(text.hasSuffix("*** \(marking) ***\n"))
    }

    @Test("the effective revision carries no NOT FOR USE marking")
    func effective() {
        let page = RenderTests.page(status: "effective")
        #expect(page.isForUse)
        #expect(!SOPRenderer.html(page).contains("NOT FOR USE"))
        #expect(!SOPRenderer.html(page).contains("class=\"watermark\""))
        #expect(!SOPRenderer.text(page).contains("NOT FOR USE"))
    }

    @Test("a status that only looks like effective is not for use")
    func lookalikeStatus() {
        for status in ["Effective", "effective ", "effective\u{0}"] {
            #expect(SOPRenderer.html(RenderTests.page(status: status)).contains("NOT FOR USE"), "\(status)")
        }
    }

    @Test("ID, title, status, context, name, user ID, reason and meaning with markup are escaped in HTML")
    func fieldsEscaped() {
        let hostile = "<script>alert(1)</script>\"'&"
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
        let line = SignatureLine(name: hostile, signer: hostile, time: hostile, meaning: hostile, reason: hostile, commit: hostile)
        let page = SOPPage(id: hostile, title: hostile, revision: 1, status: hostile, effectiveDate: hostile,
                           markdown: "Body", signatures: [line], context: hostile)
        let html = SOPRenderer.html(page)
        #expect(!html.contains("<script"))
        #expect(!html.contains("</script"))
        #expect(LiveMarkup.dangers(in: html).isEmpty)
        #expect(html.contains("<title>\(escaped) revision 1: \(escaped)</title>"))
        #expect(html.contains("<h1>\(escaped)</h1>"))
        #expect(html.contains("<time datetime=\"\(escaped)\">\(escaped)</time>"))
        #expect(html.contains("<p class=\"context\">\(escaped)</p>"))
        #expect(html.contains("NOT FOR USE — \(escaped), not the effective revision"))
        #expect(!html.contains(hostile) && !html.contains("'&"), "no occurrence left unescaped")
    }

    @Test("control characters in fields and body cannot reach the terminal")
    func terminalControls() {
        let title = "Title\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}txt.exe"
        let line = SignatureLine(name: "Jane\u{1B}[31m Doe", signer: "jdoe", time: "2026-11-25T09:00:00Z",
                                 meaning: "approval", reason: "ok\rStatus: effective", commit: "c")
        let page = SOPPage(id: "SOP-0001", title: title, revision: 1, status: "draft\nStatus:          effective",
                           effectiveDate: nil, markdown: "Body \u{1B}[5m &#27;[31m &#x9B;1m\n\n| a |\n|---|\n| \u{1B}[7m |\n",
                           signatures: [line])
        let text = SOPRenderer.text(page)
        let controls = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
        }
        #expect(controls.isEmpty, "\(controls.map { String($0.value, radix: 16) })")
        #expect(text.contains("SOP-0001 — Title]0;pwned[2J31mtxt.exe\n"))
        #expect(text.contains("Status:          draft Status:          effective\n"), "a field stays on its own line")
        #expect(!text.contains("\nStatus:          effective\n"))
        #expect(text.contains("Reason:         okStatus: effective\n"))
    }
}

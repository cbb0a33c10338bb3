@testable import SOPRender
import Testing

/// Markdown written to attack whoever opens the page renders inert.
@Suite struct HostileMarkdownRenderTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[y](JAVASCRIPT:alert(1))",
        "[z](data:text/html;base64,PHNjcmlwdD4=)",
        "![i](data:image/png;base64,AAAA)",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<javascript:alert(1)>",
        "[e](&#x6A;avascript:alert(1))",
        "[t](<java\tscript:alert(1)>)",
        "[s]( javascript:alert(1))",
        "[v](vbscript:msgbox(1))",
        "[f](file:///etc/passwd)",
        "[c](jav&#x09;ascript:alert(1))",
        "[r][ref]\n\n[ref]: javascript:alert(1)",
        "![d](DATA:image/svg+xml;base64,PHN2Zz4=)",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<div onclick=\"alert(1)\">d</div>",
        "<svg onload=alert(1)>",
        "<object data=\"x.swf\"></object>",
        "| a |\n|---|\n| <script>alert(1)</script> [x](javascript:alert(1)) |",
        "- [ ] <img src=x onerror=alert(1)> [x](data:text/html,<script>alert(1)</script>)",
    ]

    @Test("hostile markdown renders inert", arguments: hostile)
    func inert(markdown: String) {
        let html = SOPRenderer.html(RenderTests.page(markdown: markdown))
        #expect(LiveMarkup.dangers(in: html).isEmpty, "\(LiveMarkup.dangers(in: html))")
        let body = MarkdownRenderer.html(markdown)
        for needle in ["<script", "<iframe", "<svg", "<object", "onerror=", "onload=", "onclick=", "href=\"javascript", "src=\"data"] {
            #expect(!body.lowercased().contains(needle), "\(needle) in \(body)")
        }
    }

    @Test("the inertness check itself catches live markup")
    func oracleCatches() {
        for live in ["<script>x</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
                     "<img src=\"data:image/png;base64,AAAA\">", "<iframe src=x>", "<A HREF=\"JAVASCRIPT:x\">"] {
            #expect(!LiveMarkup.dangers(in: live).isEmpty, "\(live)")
        }
        #expect(LiveMarkup.dangers(in: "<p>&lt;script&gt; javascript: data:</p><!-- raw HTML omitted -->").isEmpty)
    }

    @Test("unsafe links and images are emptied, safe ones kept")
    func linkDestinations() {
        #expect(MarkdownRenderer.html("[x](javascript:alert(1))") == "<p><a href=\"\">x</a></p>\n")
        #expect(MarkdownRenderer.html("![i](data:image/png;base64,AAAA)") == "<p><img src=\"\" alt=\"i\" /></p>\n")
        #expect(MarkdownRenderer.html("<javascript:alert(1)>") == "<p><a href=\"\">javascript:alert(1)</a></p>\n")
        #expect(MarkdownRenderer.html("[a](https://example.com/x?y=1#z)").contains("href=\"https://example.com/x?y=1#z\""))
        #expect(MarkdownRenderer.html("[a](mailto:qa@example.com)").contains("href=\"mailto:qa@example.com\""))
        #expect(MarkdownRenderer.html("[a](../sops/SOP-0002.md)").contains("href=\"../sops/SOP-0002.md\""))
        #expect(MarkdownRenderer.html("[a](#scope)").contains("href=\"#scope\""))
        #expect(MarkdownRenderer.html("![p](images/valve.png)").contains("src=\"images/valve.png\""))
    }

    static let refused = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "java\tscript:x", "java\nscript:x",
                          "\u{1}javascript:x", "javascript\u{0}:x", "vbscript:x", "data:text/html,x", "data:image/png;base64,AAAA",
                          "DATA:image/gif;base64,R0lG", "file:///etc/passwd", "FILE:x", "ftp://example.com/", "blob:https://x/1",
                          "jav\u{00E1}script:x"]
    static let allowed = ["http://example.com", "HTTPS://example.com", "mailto:a@b.c", "#fragment", "relative/path.md",
                          "../up", "/absolute", "//example.com/x", "?query", "", "javascript%3Aalert(1)", "./javascript:x"]

    @Test("the link policy refuses every scheme but http, https and mailto", arguments: refused)
    func policyRefuses(url: String) { #expect(!LinkPolicy.allows(url)) }

    @Test("the link policy allows http, https, mailto, relative references and fragments", arguments: allowed)
    func policyAllows(url: String) { #expect(LinkPolicy.allows(url)) }

    @Test("deeply nested markdown renders without exhausting the stack")
    func deepNesting() {
        let quotes = String(repeating: ">", count: 20_000) + " deep"
        let lists = (0..<2_000).map { String(repeating: "  ", count: $0) + "- [ ] level \($0)" }.joined(separator: "\n")
        #expect(SOPRenderer.html(RenderTests.page(markdown: quotes)).contains("deep"))
        #expect(SOPRenderer.text(RenderTests.page(markdown: quotes)).contains("deep"))
        #expect(SOPRenderer.text(RenderTests.page(markdown: lists)).contains("level 1999"))
        #expect(Checklist.steps(in: lists).count == 2_000)
    }
}

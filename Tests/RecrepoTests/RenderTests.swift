import Foundation
import SOPRender
import Testing

@Suite struct RenderTests {
    static let signatures = [
        SignatureLine(name: "Jane Doe", signer: "jdoe", time: "2026-11-25T09:00:00Z", meaning: "approval",
                      reason: "Periodic review, no change to tolerances", commit: "0123456789abcdef0123456789abcdef01234567"),
        SignatureLine(name: "Bob Reviewer", signer: "bob.r", time: "2026-11-24T16:30:05Z", meaning: "review",
                      reason: "Checked against equipment manual", commit: "89abcdef0123456789abcdef0123456789abcdef"),
    ]

    static func page(status: String = "effective", markdown: String = "# Steps\n\n- [ ] Isolate the autoclave\n",
                     title: String = "Autoclave preventive maintenance", context: String? = nil) -> SOPPage {
        SOPPage(id: "SOP-0001", title: title, revision: 3, status: status,
                effectiveDate: status == "effective" ? "2026-12-01" : nil, markdown: markdown,
                signatures: signatures, context: context)
    }

    @Test("the corpus is present: at least three SOPs and the license")
    func corpusPresent() {
        #expect(Corpus.names.count >= 3, "\(Corpus.names)")
        #expect(FileManager.default.fileExists(atPath: Corpus.directory.appendingPathComponent("LICENSE.md").path))
    }

    @Test("each corpus SOP renders to HTML with real table markup and its copyright notice intact", arguments: Corpus.names)
    func corpusHTML(name: String) throws {
        let markdown = try Corpus.markdown(name)
        let body = MarkdownRenderer.html(markdown)
        let tables = body.components(separatedBy: "<table>").count - 1
        #expect(tables >= 2)
        #expect(body.components(separatedBy: "<div class=\"table-wrap\">\n<table>").count - 1 == tables, "every table scrolls in a wrapper")
        #expect(body.contains("<th>") && body.contains("<td>") && body.contains("</table>\n</div>"))
        let html = SOPRenderer.html(Self.page(markdown: markdown))
        #expect(html.contains("<main class=\"sop-body\">\n" + body + "</main>"))
        for line in Corpus.noticeHTML { #expect(html.contains(line), "notice line missing: \(line)") }
        #expect(LiveMarkup.dangers(in: html).isEmpty)
    }

    @Test("each corpus SOP renders to text with aligned table rows and its copyright notice", arguments: Corpus.names)
    func corpusText(name: String) throws {
        let text = SOPRenderer.text(Self.page(markdown: try Corpus.markdown(name)))
        #expect(text.contains("Template Copyright openregulatory.com <https://openregulatory.com>."))
        #expect(text.contains("Please don't remove this notice"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(!rows.isEmpty)
        // Every line of one table has the same width: the columns line up.
        let tables = text.split(separator: "\n\n").map { $0.split(separator: "\n").filter { $0.hasPrefix("|") } }.filter { !$0.isEmpty }
        for table in tables { #expect(Set(table.map(\.count)).count == 1, "ragged table:\n\(table.joined(separator: "\n"))") }
    }

    @Test("<br> in table cells becomes a line break, in HTML and in text")
    func tableLineBreaks() {
        let markdown = "| Responsible | Input |\n|---|---|\n| QMO<br>Employee | Form<br/>List |\n"
        #expect(MarkdownRenderer.html(markdown).contains("<td>QMO<br />Employee</td>"))
        #expect(!MarkdownRenderer.html(markdown).contains("raw HTML omitted"))
        let text = MarkdownRenderer.text(markdown)
        #expect(text.contains("| QMO         | Form  |\n| Employee    | List  |"), "\(text)")
    }

    @Test("the page is complete, self-contained and mobile-friendly")
    func pageShell() {
        let html = SOPRenderer.html(Self.page())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<style>") && html.contains("@media print") && html.contains("overflow-x: auto"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http") && !html.contains("url("))
        #expect(html.contains("<title>SOP-0001 revision 3: Autoclave preventive maintenance</title>"))
    }

    @Test("the header shows ID, title, revision, status, effective date and the context line")
    func header() {
        let page = Self.page(context: "Work order WO-000001 (bound at start)")
        let html = SOPRenderer.html(page)
        for fragment in ["<p class=\"doc-id\">SOP-0001</p>", "<h1>Autoclave preventive maintenance</h1>",
                         "<dt>Revision</dt><dd>3</dd>", "<dt>Status</dt><dd>effective</dd>",
                         "<dt>Effective date</dt><dd>2026-12-01</dd>",
                         "<p class=\"context\">Work order WO-000001 (bound at start)</p>"] {
            #expect(html.contains(fragment), "missing \(fragment)")
        }
        let text = SOPRenderer.text(page)
        for line in ["SOP-0001 — Autoclave preventive maintenance", "Revision:        3", "Status:          effective",
                     "Effective date:  2026-12-01", "Context:         Work order WO-000001 (bound at start)"] {
            #expect(text.contains(line + "\n"), "missing \(line)")
        }
        #expect(!SOPRenderer.html(Self.page()).contains("class=\"context\""))
        #expect(!SOPRenderer.text(Self.page()).contains("Context:"))
    }

    @Test("every signature field appears, time labelled UTC, in HTML and in text")
    func signatureFields() {
        let html = SOPRenderer.html(Self.page())
        let text = SOPRenderer.text(Self.page())
        #expect(html.contains("<th scope=\"col\">Date and time (UTC)</th>"))
        for line in Self.signatures {
            for field in [line.name, line.signer, line.meaning, line.reason, line.commit] {
                #expect(html.contains(">\(field)<"), "HTML lacks \(field)")
                #expect(text.contains(field), "text lacks \(field)")
            }
        }
        #expect(html.contains("<time datetime=\"2026-11-25T09:00:00Z\">2026-11-25 09:00:00 UTC</time>"))
        #expect(text.contains("1. Jane Doe (jdoe)\n   Date and time:  2026-11-25 09:00:00 UTC\n   Meaning:        approval\n"
            + "   Reason:         Periodic review, no change to tolerances\n   Commit:         0123456789abcdef0123456789abcdef01234567\n"))
        #expect(text.contains("2. Bob Reviewer (bob.r)\n   Date and time:  2026-11-24 16:30:05 UTC\n"))
    }

    @Test("a page without signatures says so")
    func noSignatures() {
        var page = Self.page()
        page.signatures = []
        #expect(SOPRenderer.html(page).contains("No signatures recorded for this revision."))
        #expect(SOPRenderer.text(page).contains("No signatures recorded for this revision."))
    }

    @Test("task-list items render as disabled checkboxes")
    func taskCheckboxes() {
        let html = SOPRenderer.html(Self.page(markdown: "- [ ] Open valve\n- [x] Close door\n- plain item\n"))
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" /> <span class=\"step-number\">Step 1:</span> Open valve</li>"))
        #expect(html.contains("<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> <span class=\"step-number\">Step 2:</span> Close door</li>"))
        #expect(html.contains("<li>plain item</li>"))
        let boxes = LiveMarkup.tags(in: html).filter { $0.hasPrefix("<input") }
        #expect(boxes.count == 2 && boxes.allSatisfy { $0.contains("disabled") })
        #expect(SOPRenderer.text(Self.page(markdown: "- [ ] Open valve\n- [x] Close door\n")).contains("- [ ] Step 1: Open valve\n- [x] Step 2: Close door\n"))
    }
}

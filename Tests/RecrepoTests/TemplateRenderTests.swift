@testable import SOPRender
import Testing

/// The templates compiled from `templates/` and the substitution that fills them.
@Suite struct TemplateRenderTests {
    enum Slot: String, TemplateSlot { case field, markup, v }

    @Test("the embedded templates load and use exactly the placeholders the renderer fills")
    func embedded() throws {
        _ = try PageTemplates(library: .embedded, isHTML: true)
        _ = try PageTemplates(library: .embedded, isHTML: false)
        #expect(TemplateLibrary.embedded.files["placeholder.txt"] == nil)
    }

    @Test("a missing template is reported by name")
    func missing() {
        #expect(throws: TemplateError.missing(template: "sop.html")) {
            try PageTemplates(library: TemplateLibrary(files: [:]), isHTML: true)
        }
        var files = TemplateLibrary.embedded.files
        files["signature-entry.txt"] = nil
        #expect(throws: TemplateError.missing(template: "signature-entry.txt")) {
            try PageTemplates(library: TemplateLibrary(files: files), isHTML: false)
        }
        #expect(TemplateError.missing(template: "sop.html").description.contains("templates/sop.html is not compiled"))
    }

    @Test("a template that drops a signature field or uses an unknown placeholder is refused")
    func placeholders() {
        var files = TemplateLibrary.embedded.files
        files["signature-row.html"] = "<tr><td>{{name}}</td><td>{{signer}}</td><td>{{time}}{{displayTime}}</td><td>{{meaning}}</td><td>{{commit}}</td></tr>"
        #expect(throws: TemplateError.unusedValue(template: "signature-row.html", placeholder: "reason")) {
            try PageTemplates(library: TemplateLibrary(files: files), isHTML: true)
        }
        files = TemplateLibrary.embedded.files
        files["context.html"] = "<p>{{context}} {{contxt}}</p>"
        #expect(throws: TemplateError.unknownPlaceholder(template: "context.html", placeholder: "contxt")) {
            try PageTemplates(library: TemplateLibrary(files: files), isHTML: true)
        }
    }

    @Test("a malformed placeholder is refused", arguments: ["a {{ b", "a {{b c}}", "{{}}", "{{1x}}", "x {{a-b}} y", "{{fieldx}}"])
    func malformed(source: String) {
        #expect(throws: (any Error).self) { try Template<Slot>(name: "t.html", source: source) }
    }

    @Test("fields are HTML-escaped in HTML templates, markup is not, and single braces pass through")
    func substitution() throws {
        let template = try Template<Slot>(name: "t.html", source: "<style>a { b: c }</style>{{field}}|{{markup}}|{{field}}")
        let out = template.render { $0 == .field ? .field("<i>&\"'") : .markup("<em>ok</em>") }
        #expect(out == "<style>a { b: c }</style>&lt;i&gt;&amp;&quot;&#39;|<em>ok</em>|&lt;i&gt;&amp;&quot;&#39;")
        let text = try Template<Slot>(name: "t.txt", source: "[{{field}}]\n{{markup}}")
        #expect(text.render { $0 == .field ? .field("a\nb\u{1B}[1m") : .markup("x\ny\u{9B}") } == "[a b[1m]\nx\ny")
    }

    @Test("a large value is substituted and escaped whole wherever it appears")
    func largeValue() throws {
        let template = try Template<Slot>(name: "t.html", source: String(repeating: "{{v}}<br>", count: 64))
        let value = String(repeating: "a<b ", count: 16_384)
        let out = template.render { _ in .field(value) }
        #expect(out.utf8.count == 64 * (16_384 * 7 + 4))
    }
}

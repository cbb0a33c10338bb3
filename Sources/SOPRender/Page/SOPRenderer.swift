/// Renders one SOP revision as a complete page: header (ID, title, revision, status, effective
/// date, optional context), body, and the signature manifestation of every signature.
///
/// A page whose status is not `effective` is marked "NOT FOR USE — <status>, not the effective
/// revision" at the top and the bottom (in print: on every page). Every value taken from the
/// page (ID, title, names, reasons, …) is HTML-escaped in `html` and stripped of control
/// characters in `text`; the body goes through cmark-gfm in safe mode with unsafe links emptied.
public enum SOPRenderer {
    /// Width of the terminal rendering's body text.
    static let textWidth = 80

    /// A complete, self-contained HTML5 page (inline CSS, no script, no external resource),
    /// readable on a phone and printable.
    public static func html(_ page: SOPPage) -> String {
        html(page, templates: PageTemplates.html)
    }

    /// The page as plain text for a terminal (no ANSI escapes).
    public static func text(_ page: SOPPage) -> String {
        text(page, templates: PageTemplates.text)
    }

    static func html(_ page: SOPPage, templates: PageTemplates) -> String {
        let body = MarkdownRenderer.html(page.markdown)
        var out = ""
        out.reserveCapacity(body.utf8.count + 12_288)
        render(page, body: body, templates: templates, into: &out)
        return out
    }

    static func text(_ page: SOPPage, templates: PageTemplates) -> String {
        var out = ""
        render(page, body: MarkdownRenderer.text(page.markdown, width: textWidth), templates: templates, into: &out)
        while out.hasSuffix("\n") { out.removeLast() }
        return out + "\n"
    }

    private static func render(_ page: SOPPage, body: String, templates: PageTemplates, into out: inout String) {
        let status: (FragmentSlot) -> Template<FragmentSlot>.Value = { _ in .field(page.status) }
        templates.page.render(into: &out) { slot in
            switch slot {
            case .id: .field(page.id)
            case .title: .field(page.title)
            case .revision: .field(String(page.revision))
            case .status: .field(page.status)
            case .effectiveDate: .field(page.effectiveDate ?? "none")
            case .context: .markup(page.context.map { context in templates.context.render { _ in .field(context) } } ?? "")
            case .notForUse: .markup(page.isForUse ? "" : templates.notForUse.render(status))
            case .watermark: .markup(page.isForUse ? "" : templates.watermark?.render(status) ?? "")
            case .body: .markup(body)
            case .signatures: .markup(signatures(page.signatures, templates: templates))
            }
        }
    }

    private static func signatures(_ lines: [SignatureLine], templates: PageTemplates) -> String {
        guard !lines.isEmpty else { return templates.noSignatures.render { _ in .field("") } }
        var out = ""
        for (index, line) in lines.enumerated() {
            templates.signature.render(into: &out) { slot in
                switch slot {
                case .number: .field(String(index + 1))
                case .name: .field(line.name)
                case .signer: .field(line.signer)
                case .time: .field(line.time)
                case .displayTime: .field(line.displayTime)
                case .meaning: .field(line.meaning)
                case .reason: .field(line.reason)
                case .commit: .field(line.commit)
                }
            }
        }
        return out
    }
}

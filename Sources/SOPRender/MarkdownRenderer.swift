/// Renders an SOP body alone, without page, header or signatures.
///
/// cmark-gfm with its table, tasklist, strikethrough, autolink and tagfilter extensions, in safe
/// mode: raw HTML is omitted, and every link or image whose destination is not `http:`,
/// `https:`, `mailto:`, relative or a `#fragment` is emptied before rendering (`LinkPolicy`).
public enum MarkdownRenderer {
    /// The body as an HTML fragment; each table is wrapped in `<div class="table-wrap">` and raw
    /// `<br>` tags (common in table cells) become line breaks.
    public static func html(_ markdown: String) -> String {
        Cmark.html(markdown)
    }

    /// The body as plain text for a terminal, wrapped to `width` columns (tables as aligned
    /// columns), without control characters.
    public static func text(_ markdown: String, width: Int = 80) -> String {
        PlainTextRenderer(width: width).render(Cmark.tree(markdown))
    }
}

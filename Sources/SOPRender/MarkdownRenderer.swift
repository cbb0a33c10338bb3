import MarkdownLimits

/// Renders an SOP body alone, without page, header or signatures.
///
/// cmark-gfm with its table, tasklist, strikethrough, autolink and tagfilter extensions, in safe
/// mode: raw HTML is omitted, and every link or image whose destination is not `http:`,
/// `https:`, `mailto:`, relative or a `#fragment` is emptied before rendering (`LinkPolicy`).
///
/// A body beyond `MarkdownBounds.standard` never reaches the parser: it is shown as plain text
/// under a notice naming the limit (`SourceFallback`), so that rendering any stored body takes
/// time linear in its size. New bodies are refused beyond the bounds, so only bodies stored
/// before them (or forged) are shown that way.
public enum MarkdownRenderer {
    /// The body as an HTML fragment; each table is wrapped in `<div class="table-wrap">` and raw
    /// `<br>` tags (common in table cells) become line breaks.
    public static func html(_ markdown: String) -> String {
        if let excess = MarkdownBounds.standard.excess(in: markdown) { return SourceFallback.html(markdown, excess) }
        return Cmark.html(markdown)
    }

    /// The body as plain text for a terminal, wrapped to `width` columns (tables as aligned
    /// columns), without control characters.
    public static func text(_ markdown: String, width: Int = 80) -> String {
        if let excess = MarkdownBounds.standard.excess(in: markdown) { return SourceFallback.text(markdown, excess) }
        return PlainTextRenderer(width: width).render(Cmark.tree(markdown))
    }
}

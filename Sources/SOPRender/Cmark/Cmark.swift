/// cmark-gfm behind three calls: markdown in, Swift values out. Each call parses (table, tasklist,
/// strikethrough, autolink and tagfilter extensions; safe mode `CMARK_OPT_DEFAULT`, never
/// `CMARK_OPT_UNSAFE`), walks the tree to make it safe, renders or copies it, and frees it.
enum Cmark {
    /// The body as HTML. Before rendering, every link and image that `LinkPolicy` refuses gets an
    /// empty destination, each table is wrapped in a horizontally scrolling
    /// `<div class="table-wrap">`, and raw `<br>` tags become line breaks (see `lineBreakMark`).
    static func html(_ markdown: String) -> String {
        let document = CmarkDocument(markdown: markdown)
        let marked = document.prepareForHTML()
        return document.html(replacingLineBreakMarks: marked)
    }

    /// The body as a Swift tree, links and images already checked by `LinkPolicy`.
    static func tree(_ markdown: String) -> MarkdownNode {
        let document = CmarkDocument(markdown: markdown)
        document.neutraliseLinks()
        return document.tree()
    }

    /// The body's task-list items in document order (see `CmarkDocument.taskItems`).
    static func taskItems(_ markdown: String) -> [CmarkDocument.TaskItem] {
        CmarkDocument(markdown: markdown).taskItems()
    }

    /// Safe mode omits all raw HTML, but real SOPs write `<br>` inside table cells, where cmark
    /// does not allow a line break node. So each `<br>` becomes a text node holding this
    /// noncharacter, and the rendered HTML gets `<br />` in its place. A U+FDD0 typed into a body
    /// becomes a line break too, which is harmless: `<br />` has no attribute and no content.
    static let lineBreakMark = String(decoding: [0xEF, 0xB7, 0x90], as: UTF8.self)  // U+FDD0
}

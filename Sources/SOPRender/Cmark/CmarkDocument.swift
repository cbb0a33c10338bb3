internal import CCmarkGFM
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of cmark-gfm handles: the parser and the tree it built, freed in `deinit`. No
/// cmark pointer leaves the files of this folder; `CmarkDocument+Tree` and `CmarkDocument+Tasks`
/// only read nodes through `walk`.
struct CmarkDocument: ~Copyable {
    private static let options = CMARK_OPT_DEFAULT
    private let parser: OpaquePointer
    private let root: OpaquePointer

    /// Parses `markdown`. cmark aborts on allocation failure itself, so a NULL here cannot happen
    /// in practice; if it ever does, stop rather than render an SOP with a silently missing body.
    init(markdown: String) {
        guard let parser = cmark_parser_new(Self.options) else {
            preconditionFailure("cmark-gfm could not allocate a parser")
        }
        for syntax in CmarkExtensions.shared.all { cmark_parser_attach_syntax_extension(parser, syntax) }
        var markdown = markdown
        var finished: OpaquePointer?
        CmarkExtensions.parsing.withLock { _ in
            markdown.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            finished = cmark_parser_finish(parser)
        }
        guard let root = finished else {
            cmark_parser_free(parser)
            preconditionFailure("cmark-gfm could not allocate a document")
        }
        self.parser = parser
        self.root = root
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Empties the destination of every link and image that `LinkPolicy` refuses.
    func neutraliseLinks() {
        walk { node, entering in
            if entering { neutraliseLink(node) }
        }
    }

    /// `neutraliseLinks`, then wraps tables, marks `<br>` tags and numbers the task items (see
    /// `Cmark.html`). Returns whether any line break mark was placed.
    func prepareForHTML() -> Bool {
        let tableType = CmarkExtensions.shared.table
        let tasklist = CmarkExtensions.shared.tasklist
        var breaks: [OpaquePointer] = []
        var tables: [OpaquePointer] = []
        var tasks: [OpaquePointer] = []
        walk { node, entering in
            guard entering else { return }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_ITEM, cmark_node_get_syntax_extension(node) == tasklist {
                tasks.append(node)
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                neutraliseLink(node)
            } else if type == CMARK_NODE_HTML_INLINE {
                if LinkPolicy.isLineBreakTag(Self.string(cmark_node_get_literal(node))) { breaks.append(node) }
            } else if type == tableType {
                tables.append(node)
            }
        }
        var marked = false
        for node in breaks {
            guard let mark = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(mark, Cmark.lineBreakMark)
            if cmark_node_insert_before(node, mark) == 1 {
                cmark_node_free(node)
                marked = true
            } else {
                cmark_node_free(mark)
            }
        }
        numberSteps(tasks)
        for table in tables {
            guard let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(wrapper, "<div class=\"table-wrap\">")
            cmark_node_set_on_exit(wrapper, "</div>")
            if cmark_node_insert_before(table, wrapper) != 1 || cmark_node_append_child(wrapper, table) != 1 {
                cmark_node_free(wrapper)
            }
        }
        return marked
    }

    /// Puts `Step N:` at the start of each task item's first paragraph, N counting every task item
    /// in document order as `taskItems` (and so `Checklist.steps` and `wo step`) does. An item
    /// whose content does not start with a paragraph keeps its number but shows none.
    private func numberSteps(_ tasks: [OpaquePointer]) {
        for (index, item) in tasks.enumerated() {
            guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                  let label = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(label, "<span class=\"step-number\">Step \(index + 1):</span> ")
            cmark_node_set_on_exit(label, "")
            if cmark_node_prepend_child(paragraph, label) != 1 { cmark_node_free(label) }
        }
    }

    private func neutraliseLink(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return }
        if !LinkPolicy.allows(Self.string(cmark_node_get_url(node))) { cmark_node_set_url(node, "") }
    }

    /// The body as HTML, rendered by cmark-gfm with the attached extensions; with `lineBreaks`,
    /// each `Cmark.lineBreakMark` replaced by `<br />` on the way out of the C buffer.
    func html(replacingLineBreakMarks lineBreaks: Bool) -> String {
        guard let rendered = cmark_render_html(root, Self.options, cmark_parser_get_syntax_extensions(parser)) else {
            preconditionFailure("cmark-gfm could not allocate the rendered HTML")
        }
        defer { free(rendered) }
        guard lineBreaks else { return String(cString: rendered) }
        let bytes = UnsafeRawBufferPointer(start: rendered, count: strlen(rendered))
        let mark = Array(Cmark.lineBreakMark.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var start = 0
        var index = 0
        while let found = bytes[index...].firstIndex(of: mark[0]) {
            index = found + 1
            guard found + mark.count <= bytes.count, bytes[found + 1] == mark[1], bytes[found + 2] == mark[2] else { continue }
            out += bytes[start..<found]
            out += "<br />".utf8
            start = found + mark.count
            index = start
        }
        out += bytes[start...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Visits every node in document order, `true` on the way in and `false` on the way out, for
    /// leaves too. Iterative: deep nesting uses no stack.
    func walk(_ visit: (OpaquePointer, Bool) -> Void) {
        var node = root
        while true {
            visit(node, true)
            if let child = cmark_node_first_child(node) {
                node = child
                continue
            }
            while true {
                visit(node, false)
                if node == root { return }
                if let next = cmark_node_next(node) {
                    node = next
                    break
                }
                guard let parent = cmark_node_parent(node) else { return }
                node = parent
            }
        }
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

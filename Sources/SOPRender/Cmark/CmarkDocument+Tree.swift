internal import CCmarkGFM

extension CmarkDocument {
    /// The tree copied into Swift values. Nodes nested deeper than `maxDepth` are flattened into
    /// their deepest kept ancestor (their text is kept, a line break after each flattened
    /// block), so hostile nesting cannot exhaust the
    /// stack of the recursive walks that read the copy.
    func tree(maxDepth: Int = 32) -> MarkdownNode {
        var open: [MarkdownNode] = []
        var kept: [Bool] = []
        var result = MarkdownNode(kind: .document)
        walk { node, entering in
            if entering {
                let keep = open.count <= maxDepth || cmark_node_first_child(node) == nil
                kept.append(keep)
                if keep { open.append(MarkdownNode(kind: Self.kind(of: node))) }
                return
            }
            guard kept.removeLast(), let finished = open.popLast() else {
                // A flattened block ends: keep its text apart from what follows.
                if cmark_node_get_type(node).rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK), !open.isEmpty {
                    open[open.count - 1].children.append(MarkdownNode(kind: .lineBreak))
                }
                return
            }
            if open.isEmpty { result = finished } else { open[open.count - 1].children.append(finished) }
        }
        return result
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM:
            let isTask = cmark_node_get_syntax_extension(node) == CmarkExtensions.shared.tasklist
            return .item(task: isTask ? (cmark_gfm_extensions_get_tasklist_item_checked(node) ? .checked : .open) : nil)
        case CMARK_NODE_CODE_BLOCK: return .codeBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE:
            return LinkPolicy.isLineBreakTag(string(cmark_node_get_literal(node))) ? .lineBreak : .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link(url: string(cmark_node_get_url(node)))
        case CMARK_NODE_IMAGE: return .image(url: string(cmark_node_get_url(node)))
        default: return extensionKind(of: node)
        }
    }

    private static func extensionKind(of node: OpaquePointer) -> MarkdownNode.Kind {
        let extensions = CmarkExtensions.shared
        switch cmark_node_get_type(node) {
        case extensions.table:
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            guard let raw = cmark_gfm_extensions_get_table_alignments(node) else { return .table(alignments: []) }
            return .table(alignments: (0..<columns).map { MarkdownNode.Alignment(byte: raw[$0]) })
        case extensions.tableRow: return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case extensions.tableCell: return .tableCell
        case extensions.strikethrough: return .strikethrough
        default: return .other
        }
    }
}

internal import CCmarkGFM

extension CmarkDocument {
    /// A task-list item as found in the tree: its box, its raw text (not yet collapsed) and the
    /// literals of the inline code spans in the item's own text, in order (a reading spec is one).
    struct TaskItem {
        var checked: Bool
        var text: String
        var codeSpans: [String] = []
    }

    /// Every task-list item in document order (an item before the items nested in it), with the
    /// text of the item itself: the text of nested lists belongs to their own items. Read straight
    /// from cmark's tree, iteratively, so that no nesting depth drops a step.
    func taskItems() -> [TaskItem] {
        var items: [TaskItem] = []
        // The task items being read, innermost last: the index in `items` and how many lists
        // nested inside the item are open (its own text is read only when none is).
        var open: [(index: Int, lists: Int)] = []
        let tasklist = CmarkExtensions.shared.tasklist
        walk { node, entering in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_ITEM, cmark_node_get_syntax_extension(node) == tasklist {
                if entering {
                    items.append(TaskItem(checked: cmark_gfm_extensions_get_tasklist_item_checked(node), text: ""))
                    open.append((items.count - 1, 0))
                } else {
                    open.removeLast()
                }
                return
            }
            guard let current = open.last else { return }
            if type == CMARK_NODE_LIST {
                open[open.count - 1].lists += entering ? 1 : -1
                return
            }
            guard entering, current.lists == 0 else { return }
            switch type {
            case CMARK_NODE_CODE:
                let literal = Self.string(cmark_node_get_literal(node))
                items[current.index].text += literal
                items[current.index].codeSpans.append(literal)
            case CMARK_NODE_TEXT, CMARK_NODE_CODE_BLOCK:
                items[current.index].text += Self.string(cmark_node_get_literal(node))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                items[current.index].text += " "
            case CMARK_NODE_HTML_INLINE where LinkPolicy.isLineBreakTag(Self.string(cmark_node_get_literal(node))):
                items[current.index].text += " "
            default:
                break
            }
        }
        return items
    }
}

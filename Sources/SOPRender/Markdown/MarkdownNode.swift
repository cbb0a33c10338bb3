/// A markdown node copied out of cmark-gfm's tree: plain values, no C pointers. Read by the
/// plain-text renderer.
struct MarkdownNode: Sendable, Hashable {
    enum TaskState: Sendable, Hashable { case open, checked }

    enum Alignment: Sendable, Hashable {
        case none, left, center, right

        /// cmark-gfm stores a column's alignment as the byte `l`, `c`, `r` or 0.
        init(byte: UInt8) {
            switch byte {
            case UInt8(ascii: "l"): self = .left
            case UInt8(ascii: "c"): self = .center
            case UInt8(ascii: "r"): self = .right
            default: self = .none
            }
        }
    }

    enum Kind: Sendable, Hashable {
        case document, blockQuote, paragraph, thematicBreak, htmlBlock
        case list(ordered: Bool, start: Int, tight: Bool)
        /// A list item; `task` is nil for an ordinary item and the box's state for a task-list item.
        case item(task: TaskState?)
        case heading(level: Int)
        case codeBlock(String)
        case table(alignments: [Alignment])
        case tableRow(isHeader: Bool)
        case tableCell
        case text(String), code(String), htmlInline, softBreak, lineBreak
        case emphasis, strong, strikethrough
        case link(url: String), image(url: String)
        /// A node this module does not know (for example a future extension): its children are kept.
        case other
    }

    var kind: Kind
    var children: [MarkdownNode] = []

    /// Whether the node is inline content (text, emphasis, links, breaks, …) rather than a block.
    var isInline: Bool {
        switch kind {
        case .text, .code, .htmlInline, .softBreak, .lineBreak, .emphasis, .strong, .strikethrough, .link, .image:
            return true
        default:
            return false
        }
    }
}

/// Renders a markdown tree as plain text for a terminal: headings underlined, lists indented
/// with their markers (`- [ ] Step 1:` / `- [x] Step 2:` for task items, numbered in document order
/// as `Checklist.steps` and `wo step` number them), block quotes prefixed with `>`, code
/// indented, tables as aligned columns (`TextTable`), paragraphs wrapped to `width`. Every piece
/// of the author's text goes through `TerminalText.clean`. Raw HTML is left out, as in the HTML
/// rendering.
final class PlainTextRenderer {
    /// The narrowest text column nesting may leave; deeper content simply gets wider than `width`.
    static let minimumWidth = 24

    let width: Int
    /// The number of the last task item rendered: items are rendered in document order, an item
    /// before the items nested in it, exactly as the checklist numbers its steps.
    private var step = 0

    init(width: Int) { self.width = width }

    func render(_ document: MarkdownNode) -> String {
        blocks(document.children, width: width, tight: false).joined(separator: "\n")
    }

    /// The lines of consecutive blocks, a blank line between them unless `tight`. Inline nodes
    /// found directly among blocks (where the tree was flattened) are read as a paragraph.
    private func blocks(_ nodes: [MarkdownNode], width: Int, tight: Bool) -> [String] {
        var lines: [String] = []
        var inlines: [MarkdownNode] = []
        func add(_ node: MarkdownNode) {
            let rendered = block(node, width: max(width, Self.minimumWidth))
            if rendered.isEmpty { return }
            if !lines.isEmpty, !tight { lines.append("") }
            lines += rendered
        }
        for node in nodes {
            if node.isInline {
                inlines.append(node)
                continue
            }
            if !inlines.isEmpty { add(MarkdownNode(kind: .paragraph, children: inlines)) }
            inlines = []
            add(node)
        }
        if !inlines.isEmpty { add(MarkdownNode(kind: .paragraph, children: inlines)) }
        return lines
    }

    private func block(_ node: MarkdownNode, width: Int) -> [String] {
        switch node.kind {
        case .paragraph:
            var lines = WordWrap.lines(inline(node), width: width)
            while lines.last?.isEmpty == true { lines.removeLast() }
            return lines
        case .heading(let level):
            let text = inline(node).split(separator: "\n").joined(separator: " ")
            switch level {
            case 1: return [text, String(repeating: "=", count: text.count)]
            case 2: return [text, String(repeating: "-", count: text.count)]
            default: return [String(repeating: "#", count: level) + " " + text]
            }
        case .blockQuote:
            return blocks(node.children, width: width - 2, tight: false).map { $0.isEmpty ? ">" : "> " + $0 }
        case .list(let ordered, let start, let tight):
            return list(node.children, ordered: ordered, start: start, tight: tight, width: width)
        case .codeBlock(let literal):
            let code = literal.hasSuffix("\n") ? String(literal.dropLast()) : literal
            return code.split(separator: "\n", omittingEmptySubsequences: false).map {
                "    " + TerminalText.clean(String($0), keepingLines: true)
            }
        case .thematicBreak:
            return [String(repeating: "-", count: min(width, 40))]
        case .table:
            return TextTable(node, cellText: inline).lines(width: width)
        case .htmlBlock, .htmlInline:
            return []
        default:
            return blocks(node.children, width: width, tight: false)
        }
    }

    private func list(_ items: [MarkdownNode], ordered: Bool, start: Int, tight: Bool, width: Int) -> [String] {
        var lines: [String] = []
        for (index, item) in items.enumerated() {
            var marker = ordered ? "\(start + index)." : "-"
            if case .item(let task?) = item.kind {
                step += 1
                marker += (task == .checked ? " [x]" : " [ ]") + " Step \(step):"
            }
            let indent = String(repeating: " ", count: marker.count + 1)
            if !tight, index > 0 { lines.append("") }
            let body = blocks(item.children, width: width - indent.count, tight: tight)
            guard let first = body.first else {
                lines.append(marker)
                continue
            }
            lines.append(marker + " " + first)
            lines += body.dropFirst().map { $0.isEmpty ? "" : indent + $0 }
        }
        return lines
    }

    /// A paragraph's, heading's or cell's text: inline markup removed, `\n` for hard line breaks,
    /// a link's destination after its text when it differs, strikethrough kept as `~~…~~` because
    /// struck text in an SOP means something.
    private func inline(_ node: MarkdownNode) -> String {
        var out = ""
        appendInline(node.children, to: &out)
        return out
    }

    private func appendInline(_ nodes: [MarkdownNode], to out: inout String) {
        for node in nodes {
            switch node.kind {
            case .text(let literal), .code(let literal):
                out += TerminalText.clean(literal)
            case .softBreak:
                out += " "
            case .lineBreak:
                out += "\n"
            case .htmlInline, .htmlBlock:
                continue
            case .strikethrough:
                out += "~~"
                appendInline(node.children, to: &out)
                out += "~~"
            case .link(let url):
                let text = inline(node)
                out += text
                if !url.isEmpty, url != text, url != "mailto:" + text { out += " <" + TerminalText.clean(url) + ">" }
            case .image(let url):
                out += "[image: " + inline(node) + (url.isEmpty ? "" : " <" + TerminalText.clean(url) + ">") + "]"
            default:
                appendInline(node.children, to: &out)
            }
        }
    }
}

/// A bound of `MarkdownBounds` that a body exceeds: where, by how much, and (in `description`)
/// what its author can do about it. Lines are numbered from 1; `\n`, `\r` and `\r\n` end a line,
/// as they do for cmark.
public enum MarkdownExcess: Sendable, Hashable, CustomStringConvertible {
    case size(bytes: Int, allowed: Int)
    case lineLength(line: Int, bytes: Int, allowed: Int)
    case depth(line: Int, levels: Int, allowed: Int)
    case pipes(line: Int, count: Int, allowed: Int)
    case angles(line: Int, count: Int, allowed: Int)
    /// `count` `![` from the paragraph's first line to `line`.
    case imageOpeners(line: Int, count: Int, allowed: Int)
    /// `count` `<!` and `<?` from the paragraph's first line to `line`.
    case htmlOpeners(line: Int, count: Int, allowed: Int)
    /// The tables up to `line` hold `cells` cells.
    case tableCells(line: Int, cells: Int, allowed: Int)
    /// `brackets` `[` times the `definitionBytes` from `line` (which holds `]:`) to the next blank line.
    case referenceExpansion(line: Int, brackets: Int, definitionBytes: Int, allowed: Int)

    /// The line where the bound was passed; nil for the size of the whole body.
    public var line: Int? {
        switch self {
        case .size: nil
        case .lineLength(let line, _, _), .depth(let line, _, _), .pipes(let line, _, _), .angles(let line, _, _),
             .imageOpeners(let line, _, _), .htmlOpeners(let line, _, _), .tableCells(let line, _, _),
             .referenceExpansion(let line, _, _, _):
            line
        }
    }

    /// What is wrong and what to do, as one sentence without the SOP's name (the caller adds it).
    public var description: String {
        switch self {
        case .size(let bytes, let allowed):
            "the markdown is \(bytes) bytes, more than the \(allowed) allowed; split the procedure"
        case .lineLength(let line, let bytes, let allowed):
            "line \(line) is \(bytes) bytes long, more than the \(allowed) allowed; split the line"
        case .depth(let line, let levels, let allowed):
            "line \(line) is nested \(levels) levels deep in block quotes and lists (each '>', list marker and two "
                + "columns of indentation is a level), more than the \(allowed) allowed; reduce nesting to at most \(allowed) levels"
        case .pipes(let line, let count, let allowed):
            "line \(line) has \(count) '|' table separators, more than the \(allowed) allowed; "
                + "split the table or write a '|' that is not a separator as '\\|'"
        case .angles(let line, let count, let allowed):
            "line \(line) has \(count) '<', more than the \(allowed) allowed; split the line or write '<' as '&lt;'"
        case .imageOpeners(let line, let count, let allowed):
            "the paragraph up to line \(line) has \(count) '![' image openers, more than the \(allowed) allowed; "
                + "separate it into paragraphs with blank lines"
        case .htmlOpeners(let line, let count, let allowed):
            "the paragraph up to line \(line) has \(count) '<!' or '<?', more than the \(allowed) allowed; "
                + "separate it into paragraphs with blank lines or write '<' as '&lt;'"
        case .tableCells(let line, let cells, let allowed):
            "the tables up to line \(line) have \(cells) cells (columns times rows, a table ending at a blank line), "
                + "more than the \(allowed) allowed; make the tables smaller or end each with a blank line"
        case .referenceExpansion(let line, let brackets, let definitionBytes, let allowed):
            "link references could copy \(brackets) '[' times the \(definitionBytes) bytes of reference definitions "
                + "from line \(line) to the next blank line, more than the \(allowed) bytes allowed; "
                + "put a blank line after each reference definition, shorten them, or write the links inline"
        }
    }
}

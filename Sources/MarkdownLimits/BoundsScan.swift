/// One pass over a body, line by line: each line is read once (`LineMeasure`) and the counts
/// that span lines (per paragraph, per table, per body) are carried here. Every byte is read a
/// bounded number of times, so the scan is linear and stops at the first bound exceeded.
struct BoundsScan {
    let bounds: MarkdownBounds
    private var line = 0
    /// `![`, and `<!` with `<?`, since the last blank line.
    private var images = 0
    private var htmlOpeners = 0
    private var previousNonBlank = false
    /// The columns of the table being read (0: none) and the cells of all tables so far.
    private var columns = 0
    private var cells = 0
    /// `[` outside task boxes, the open run of lines from one with `]:` (its first line and
    /// bytes so far) and the longest such run closed.
    private var brackets = 0
    private var definitions: (line: Int, bytes: Int)?
    private var longestDefinitions = (line: 0, bytes: 0)

    init(bounds: MarkdownBounds) { self.bounds = bounds }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> MarkdownExcess? {
        guard bytes.count <= bounds.bytes else { return .size(bytes: bytes.count, allowed: bounds.bytes) }
        return LineMeasure.roles.withUnsafeBufferPointer { roles in
            var start = 0
            while true {
                line += 1
                let measured = LineMeasure(bytes, from: start, roles: roles)
                if let excess = measure(measured, length: measured.end - start) { return excess }
                let end = measured.end
                guard end < bytes.count else { break }
                let crlf = bytes[end] == ASCII.carriageReturn && end + 1 < bytes.count && bytes[end + 1] == ASCII.lineFeed
                start = end + (crlf ? 2 : 1)
                if start == bytes.count { break }
            }
            endParagraph()
            let expansion = brackets * longestDefinitions.bytes
            guard expansion <= bounds.referenceExpansion else {
                return .referenceExpansion(line: longestDefinitions.line, brackets: brackets,
                                           definitionBytes: longestDefinitions.bytes, allowed: bounds.referenceExpansion)
            }
            return nil
        }
    }

    private mutating func measure(_ measured: LineMeasure, length: Int) -> MarkdownExcess? {
        guard length <= bounds.lineBytes else { return .lineLength(line: line, bytes: length, allowed: bounds.lineBytes) }
        guard measured.depth <= bounds.depth else { return .depth(line: line, levels: measured.depth, allowed: bounds.depth) }
        guard !measured.isBlank else {
            endParagraph()
            return nil
        }
        guard measured.pipes <= bounds.pipesPerLine else {
            return .pipes(line: line, count: measured.pipes, allowed: bounds.pipesPerLine)
        }
        guard measured.angles <= bounds.anglesPerLine else {
            return .angles(line: line, count: measured.angles, allowed: bounds.anglesPerLine)
        }
        images += measured.imageOpeners
        guard images <= bounds.imageOpenersPerParagraph else {
            return .imageOpeners(line: line, count: images, allowed: bounds.imageOpenersPerParagraph)
        }
        htmlOpeners += measured.htmlOpeners
        guard htmlOpeners <= bounds.htmlOpenersPerParagraph else {
            return .htmlOpeners(line: line, count: htmlOpeners, allowed: bounds.htmlOpenersPerParagraph)
        }
        // A table runs from a delimiter row under a line of text (its header) to the next blank
        // line; the header and every row after the delimiter row have all the columns, written
        // or filled in.
        if columns > 0 {
            cells += columns
        } else if previousNonBlank, measured.delimiterColumns > 0 {
            columns = measured.delimiterColumns
            cells += columns
        }
        guard cells <= bounds.tableCells else { return .tableCells(line: line, cells: cells, allowed: bounds.tableCells) }
        previousNonBlank = true
        brackets += measured.brackets
        if let open = definitions {
            definitions = (open.line, open.bytes + length + 1)
        } else if measured.definesReference {
            definitions = (line, length + 1)
        }
        return nil
    }

    /// A blank line ends the paragraph, the table and the run of reference definitions: none
    /// of them can go on past one.
    private mutating func endParagraph() {
        images = 0
        htmlOpeners = 0
        columns = 0
        previousNonBlank = false
        if let open = definitions, open.bytes > longestDefinitions.bytes { longestDefinitions = open }
        definitions = nil
    }
}

enum ASCII {
    static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t"), verticalTab: UInt8 = 0x0B, formFeed: UInt8 = 0x0C
}

/// The bounds on markdown that reaches cmark-gfm, measured in one linear pass over the bytes.
///
/// The cmark-gfm that Debian ships (0.29.0.gfm.6) predates upstream's fixes for inputs whose
/// parse time grows with the square of their size: a 500 KB SOP of nested block quotes took
/// 153 s for each `sop show`. Measured on that library, these shapes are quadratic, and each
/// limit caps the quantity that drives one of them:
///
/// - containers open around a line (`>` and list items): every lazy continuation line walks them
///   all (`depth`);
/// - `<?`, `<!` (processing instructions, declarations, CDATA) in one paragraph: each scans the
///   rest of it for its end (`htmlOpenersPerParagraph`);
/// - `![` image openers in one paragraph: each link after them walks back over all of them
///   (`imageOpenersPerParagraph`);
/// - `<` on one line (autolinks such as `<http://a<http://a…`) (`anglesPerLine`);
/// - `|` on one table row (`pipesPerLine`), and table cells in all, which the table extension
///   fills in for short rows (`tableCells`: a 2-byte row can make 128 cells).
///
/// One more shape multiplies the output instead of the time: each use of a link reference copies
/// its definition, so a 1 MiB body could make gigabytes of HTML (`referenceExpansion`).
///
/// Under these limits the cost of each shape per line or paragraph is bounded by a constant, so
/// the parse is linear in the size of the body. The emphasis, bracket, backtick and link families
/// of cmark's own pathological tests are linear in this library already and need no limit of
/// their own.
///
/// Every count is an upper bound of what cmark sees (a paragraph is counted up to the next blank
/// line, whatever ends it earlier; fenced code is counted like text), so no body within the
/// bounds takes any of these shapes past its limit, at the price of refusing a rare body that
/// would have been fine.
public struct MarkdownBounds: Sendable, Hashable {
    /// The most bytes a body may hold.
    public var bytes: Int
    /// The most bytes on one line (without its line ending).
    public var lineBytes: Int
    /// The most containers around one line: each `>` and list marker on it, and one per two
    /// columns of indentation (the least a nested list item indents by).
    public var depth: Int
    /// The most unescaped `|` on one line.
    public var pipesPerLine: Int
    /// The most `<` on one line.
    public var anglesPerLine: Int
    /// The most `![` in one paragraph.
    public var imageOpenersPerParagraph: Int
    /// The most `<!` and `<?` in one paragraph.
    public var htmlOpenersPerParagraph: Int
    /// The most table cells in the whole body: for each table, its columns times its rows,
    /// counting the cells that short rows leave out and the table extension fills in.
    public var tableCells: Int
    /// The most bytes link references may copy: the number of `[` (task boxes aside) times the
    /// longest run of lines from one that holds `]:` to the next blank line.
    public var referenceExpansion: Int

    public init(bytes: Int, lineBytes: Int, depth: Int, pipesPerLine: Int, anglesPerLine: Int,
                imageOpenersPerParagraph: Int, htmlOpenersPerParagraph: Int, tableCells: Int, referenceExpansion: Int) {
        self.bytes = bytes
        self.lineBytes = lineBytes
        self.depth = depth
        self.pipesPerLine = pipesPerLine
        self.anglesPerLine = anglesPerLine
        self.imageOpenersPerParagraph = imageOpenersPerParagraph
        self.htmlOpenersPerParagraph = htmlOpenersPerParagraph
        self.tableCells = tableCells
        self.referenceExpansion = referenceExpansion
    }

    /// The bounds every new SOP body must keep, and within which stored bodies are parsed. A real
    /// SOP stays far inside them; a 1 MiB body pushed to any of them renders in a few times the
    /// time an ordinary 1 MiB body takes, not in minutes.
    public static let standard = MarkdownBounds(
        bytes: 1 << 20, lineBytes: 10_000, depth: 32, pipesPerLine: 128, anglesPerLine: 128,
        imageOpenersPerParagraph: 128, htmlOpenersPerParagraph: 128, tableCells: 100_000, referenceExpansion: 8 << 20)

    /// The first bound `markdown` exceeds, or nil when it keeps them all.
    public func excess(in markdown: String) -> MarkdownExcess? {
        var markdown = markdown
        return markdown.withUTF8(scan)
    }

    /// The first bound the UTF-8 `bytes` exceed, or nil when they keep them all.
    public func excess<Bytes: Collection>(inBytes bytes: Bytes) -> MarkdownExcess? where Bytes.Element == UInt8 {
        if let found = bytes.withContiguousStorageIfAvailable(scan) { return found }
        return Array(bytes).withUnsafeBufferPointer(scan)
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> MarkdownExcess? {
        var scan = BoundsScan(bounds: self)
        return scan.run(bytes)
    }
}

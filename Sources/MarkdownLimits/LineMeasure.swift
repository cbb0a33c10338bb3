/// What one line holds that `MarkdownBounds` limits, read in one pass over its bytes: first the
/// container prefix (`>`, list markers, indentation), then the content after it up to the line
/// ending (`\n` or `\r`).
///
/// Every count leans towards more than cmark sees (a `<` inside a code span still counts), never
/// fewer: a byte is only skipped after an unescaped `\`, where cmark sees no opener either.
struct LineMeasure {
    /// Where the line ends: the index of its `\n` or `\r`, or the end of the body.
    private(set) var end: Int
    /// `>` and list markers in the prefix, plus one per two columns of indentation in it.
    private(set) var depth = 0
    /// Nothing but spaces, tabs and `>`: the line ends a paragraph (an empty list item does not).
    private(set) var isBlank = false
    private(set) var pipes = 0
    private(set) var angles = 0
    private(set) var imageOpeners = 0
    private(set) var htmlOpeners = 0
    /// `[` other than a task box (`[ ]`, `[x]` right after a list marker, which is no link).
    private(set) var brackets = 0
    /// An unescaped `]:`: the line may hold a link reference definition.
    private(set) var definesReference = false
    /// The columns of a table delimiter row (`| --- | :-: |`), 0 when the line is not one.
    private(set) var delimiterColumns = 0

    /// Measures the line that starts at `start`; `roles` is `LineMeasure.roles`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, roles: UnsafeBufferPointer<Role>) {
        end = start
        var index = start
        var markers = 0
        readPrefix(bytes, &index, markers: &markers)
        if markers > 0, Self.isTaskBox(bytes, at: index) { index += 3 }
        readContent(bytes, from: index, roles: roles)
        isBlank = index == end && markers == 0
    }

    private static func isLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index == bytes.count || bytes[index] == ASCII.lineFeed || bytes[index] == ASCII.carriageReturn
    }

    /// Reads `>` (with the space after it), list markers (`-`, `+`, `*`, `1.`, `1)` followed by
    /// a space, a tab or the line end, with the spaces after them) and indentation.
    private mutating func readPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, markers: inout Int) {
        var quotes = 0
        var columns = 0
        func isGap(_ at: Int) -> Bool { Self.isLineEnd(bytes, at) || bytes[at] == ASCII.space || bytes[at] == ASCII.tab }
        func skipGap() { while index < bytes.count, bytes[index] == ASCII.space || bytes[index] == ASCII.tab { index += 1 } }
        defer { depth = quotes + markers + columns / 2 }
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.space:
                columns += 1
                index += 1
            case ASCII.tab:
                columns += 4
                index += 1
            case UInt8(ascii: ">"):
                quotes += 1
                index += 1
                // The one space after `>` belongs to it; of a tab, three columns are left as indentation.
                if index < bytes.count, bytes[index] == ASCII.space {
                    index += 1
                } else if index < bytes.count, bytes[index] == ASCII.tab {
                    columns += 3
                    index += 1
                }
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"):
                guard isGap(index + 1) else { return }
                markers += 1
                index += 1
                skipGap()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var digit = index
                while digit < bytes.count, digit - index < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digit]) { digit += 1 }
                guard digit < bytes.count, bytes[digit] == UInt8(ascii: ".") || bytes[digit] == UInt8(ascii: ")"), isGap(digit + 1) else {
                    return
                }
                markers += 1
                index = digit + 1
                skipGap()
            default:
                return
            }
        }
    }

    private static func isTaskBox(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 3 < bytes.count, bytes[index] == UInt8(ascii: "["), bytes[index + 2] == UInt8(ascii: "]") else { return false }
        let mark = bytes[index + 1]
        let after = bytes[index + 3]
        return (mark == ASCII.space || mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X"))
            && (after == ASCII.space || after == ASCII.tab)
    }

    /// What a byte can do on a line. Most bytes of a body do nothing (`.none`), which the loop
    /// learns from one table lookup.
    enum Role: UInt8 {
        case none, lineEnd, escape, pipe, dash, delimiterFiller, angle, bang, open, close
    }

    /// The role of each byte value.
    static let roles: [Role] = (0...255).map { (value: Int) -> Role in
        switch UInt8(value) {
        case ASCII.lineFeed, ASCII.carriageReturn: .lineEnd
        case UInt8(ascii: "\\"): .escape
        case UInt8(ascii: "|"): .pipe
        case UInt8(ascii: "-"): .dash
        case UInt8(ascii: ":"), ASCII.space, ASCII.tab, ASCII.verticalTab, ASCII.formFeed: .delimiterFiller
        case UInt8(ascii: "<"): .angle
        case UInt8(ascii: "!"): .bang
        case UInt8(ascii: "["): .open
        case UInt8(ascii: "]"): .close
        default: .none
        }
    }

    /// Counts openers and separators after the prefix up to the line end, and whether the
    /// content is a delimiter row.
    private mutating func readContent(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, roles: UnsafeBufferPointer<Role>) {
        var onlyDelimiterRow = true
        var segmentHasDash = false
        var dashSegments = 0
        var index = start
        scan: while index < bytes.count {
            // Most bytes play no role: skip them in a tight loop.
            let plain = index
            while index < bytes.count, roles[Int(bytes[index])] == .none { index += 1 }
            if index > plain { onlyDelimiterRow = false }
            guard index < bytes.count else { break }
            let role = roles[Int(bytes[index])]
            index += 1
            func next(is byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }
            switch role {
            case .none:
                onlyDelimiterRow = false
            case .lineEnd:
                index -= 1
                break scan
            case .escape:
                onlyDelimiterRow = false
                if !Self.isLineEnd(bytes, index) { index += 1 }  // the escaped byte opens nothing
            case .pipe:
                pipes += 1
                segmentHasDash = false
            case .dash:
                if !segmentHasDash { dashSegments += 1 }
                segmentHasDash = true
            case .delimiterFiller:
                break
            case .angle:
                onlyDelimiterRow = false
                angles += 1
                if next(is: UInt8(ascii: "!")) || next(is: UInt8(ascii: "?")) { htmlOpeners += 1 }
            case .bang:
                onlyDelimiterRow = false
                if next(is: UInt8(ascii: "[")) { imageOpeners += 1 }
            case .open:
                onlyDelimiterRow = false
                brackets += 1
            case .close:
                onlyDelimiterRow = false
                if next(is: UInt8(ascii: ":")) { definesReference = true }
            }
        }
        end = index
        if onlyDelimiterRow, index > start { delimiterColumns = dashSegments }
    }
}

/// Greedy word wrapping for the terminal rendering. Widths count characters (grapheme clusters);
/// wide East Asian characters count as one.
enum WordWrap {
    /// The lines of `text` at most `width` characters wide, breaking at spaces. Each `\n` in
    /// `text` is a forced break. A word longer than `width` keeps a line of its own, unbroken
    /// (URLs and commit IDs must stay copyable) unless `breakingLongWords` (table cells, whose
    /// columns must stay aligned).
    static func lines(_ text: String, width: Int, breakingLongWords: Bool = false) -> [String] {
        let width = max(1, width)
        var result: [String] = []
        for hardLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in hardLine.split(separator: " ") {
                let wordWidth = word.count
                if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                    result.append(line)
                    line = ""
                    lineWidth = 0
                }
                if lineWidth > 0 {
                    line += " "
                    lineWidth += 1
                }
                line += word
                lineWidth += wordWidth
            }
            result.append(line)
        }
        return breakingLongWords ? result.flatMap { chunks($0, width: width) } : result
    }

    private static func chunks(_ line: String, width: Int) -> [String] {
        guard line.count > width else { return [line] }
        var pieces: [String] = []
        var rest = Substring(line)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        return pieces
    }

    /// `text` padded with spaces to `width` characters, placed by `alignment`.
    static func pad(_ text: String, to width: Int, alignment: MarkdownNode.Alignment = .none) -> String {
        let gap = max(0, width - text.count)
        switch alignment {
        case .right: return String(repeating: " ", count: gap) + text
        case .center: return String(repeating: " ", count: gap / 2) + text + String(repeating: " ", count: gap - gap / 2)
        case .none, .left: return text + String(repeating: " ", count: gap)
        }
    }
}

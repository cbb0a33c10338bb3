/// A GFM table laid out in monospace columns for a terminal:
///
///     | Input | Output       |
///     |-------|--------------|
///     | CAPA  | CAPA created |
///
/// A table wider than the available width has its widest columns narrowed and their cells
/// wrapped; when any cell then takes several lines, rows are separated by rules so that each
/// row stays recognisable. A header row whose cells are all empty (a common way to write a
/// key-value table in GFM) is left out.
struct TextTable {
    static let minimumColumnWidth = 8

    private let alignments: [MarkdownNode.Alignment]
    private let header: [String]?
    private let rows: [[String]]

    /// Reads `table`'s rows; `cellText` gives a cell's text, with `\n` for line breaks.
    init(_ table: MarkdownNode, cellText: (MarkdownNode) -> String) {
        if case .table(let alignments) = table.kind { self.alignments = alignments } else { self.alignments = [] }
        var header: [String]?
        var rows: [[String]] = []
        for row in table.children {
            let cells = row.children.map(cellText)
            if case .tableRow(isHeader: true) = row.kind {
                header = cells.allSatisfy { $0.allSatisfy(\.isWhitespace) } ? nil : cells
            } else {
                rows.append(cells)
            }
        }
        self.header = header
        self.rows = rows
    }

    func lines(width: Int) -> [String] {
        let all = (header.map { [$0] } ?? []) + rows
        let columns = max(alignments.count, all.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        let widths = fitted(natural(all, columns: columns), into: width)
        let rule = "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
        let laidOut = rows.map { layout($0, widths: widths) }
        let separated = laidOut.contains { $0.count > 1 }
        var lines: [String] = []
        if let header {
            lines += layout(header, widths: widths)
        }
        lines.append(rule)
        for (index, row) in laidOut.enumerated() {
            if separated, index > 0 { lines.append(rule) }
            lines += row
        }
        return lines
    }

    private func natural(_ rows: [[String]], columns: Int) -> [Int] {
        var widths = Array(repeating: 3, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() {
                for line in cell.split(separator: "\n") { widths[column] = max(widths[column], line.count) }
            }
        }
        return widths
    }

    /// Narrows the widest columns, one character at a time, until the table fits `width` or every
    /// column is at the minimum.
    private func fitted(_ natural: [Int], into width: Int) -> [Int] {
        var widths = natural
        var total = widths.reduce(0, +) + 3 * widths.count + 1
        while total > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > Self.minimumColumnWidth {
            widths[widest] -= 1
            total -= 1
        }
        return widths
    }

    private func layout(_ cells: [String], widths: [Int]) -> [String] {
        let wrapped = widths.indices.map { column in
            column < cells.count ? WordWrap.lines(cells[column], width: widths[column], breakingLongWords: true) : [""]
        }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { line in
            let parts = widths.indices.map { column in
                let text = line < wrapped[column].count ? wrapped[column][line] : ""
                return WordWrap.pad(text, to: widths[column], alignment: column < alignments.count ? alignments[column] : .none)
            }
            return "| " + parts.joined(separator: " | ") + " |"
        }
    }
}

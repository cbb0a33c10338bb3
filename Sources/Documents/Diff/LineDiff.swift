/// A line diff between two texts, as `git diff` shows it: hunks of removed (`-`), added (`+`) and
/// context lines. Used for SOP bodies and, field by field, for canonical JSON.
public struct LineDiff: Sendable, Equatable {
    public enum Line: Sendable, Equatable {
        case same(String), removed(String), added(String)
    }

    /// Every line of both texts in order, each marked.
    public let lines: [Line]

    public init(from old: String, to new: String) {
        lines = Self.compare(Self.split(old), Self.split(new))
    }

    public var isEmpty: Bool { !lines.contains { if case .same = $0 { false } else { true } } }

    /// The removed and added lines only, `-` and `+` prefixed, in order.
    public var changes: [String] {
        lines.compactMap {
            switch $0 {
            case .same: nil
            case .removed(let text): "-" + text
            case .added(let text): "+" + text
            }
        }
    }

    /// Unified format with `context` lines around each change and `@@ -a,b +c,d @@` headers.
    public func unified(context: Int = 3) -> String {
        var out = ""
        var index = 0
        var oldLine = 1, newLine = 1
        var positions: [(old: Int, new: Int)] = []
        for line in lines {
            positions.append((oldLine, newLine))
            switch line {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        while index < lines.count {
            guard let change = lines[index...].firstIndex(where: { if case .same = $0 { false } else { true } }) else { break }
            let start = max(0, change - context)
            var end = change
            var quiet = 0
            while end < lines.count {
                if case .same = lines[end] { quiet += 1; if quiet > 2 * context { break } } else { quiet = 0 }
                end += 1
            }
            end = min(lines.count, end - max(0, quiet - context))
            let slice = lines[start..<end]
            let oldCount = slice.filter { if case .added = $0 { false } else { true } }.count
            let newCount = slice.filter { if case .removed = $0 { false } else { true } }.count
            out += "@@ -\(positions[start].old),\(oldCount) +\(positions[start].new),\(newCount) @@\n"
            for line in slice {
                switch line {
                case .same(let text): out += " \(text)\n"
                case .removed(let text): out += "-\(text)\n"
                case .added(let text): out += "+\(text)\n"
                }
            }
            index = end
        }
        return out
    }

    static func split(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Longest common subsequence on the part between the common prefix and suffix.
    static func compare(_ old: [String], _ new: [String]) -> [Line] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)]), b = Array(new[prefix..<(new.count - suffix)])
        var middle: [Line] = []
        if a.count * b.count > 4_000_000 {
            middle = a.map(Line.removed) + b.map(Line.added)
        } else {
            var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    middle.append(.same(a[i])); i += 1; j += 1
                } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                    middle.append(.removed(a[i])); i += 1
                } else {
                    middle.append(.added(b[j])); j += 1
                }
            }
        }
        return old[..<prefix].map(Line.same) + middle + old[(old.count - suffix)...].map(Line.same)
    }
}

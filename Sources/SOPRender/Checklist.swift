/// One step of an SOP's checklist: a task-list item of its body, which a technician signs off.
public struct ChecklistStep: Sendable, Hashable {
    /// The step's number, from 1, in document order.
    public var number: Int
    /// The item's plain text: inline markup stripped, whitespace collapsed, control characters
    /// removed, nested items' text not included.
    public var text: String
    /// Whether the box is ticked in the stored markdown (`- [x]`).
    public var checked: Bool
    /// The reading the step asks for (see `ReadingSpec`), or nil.
    public var reading: ReadingSpec?
    /// Why a code span that starts with `reading:` is not a reading spec, or nil.
    public var readingProblem: String?

    public init(number: Int, text: String, checked: Bool, reading: ReadingSpec? = nil, readingProblem: String? = nil) {
        self.number = number
        self.text = text
        self.checked = checked
        self.reading = reading
        self.readingProblem = readingProblem
    }
}

/// Reads the checklist out of an SOP body.
public enum Checklist {
    /// The SOP's task-list items (`- [ ] …`, also `* [ ]`, `+ [ ]` and ordered `1. [ ]`, nested
    /// ones included), numbered from 1 in document order; text is the item's plain text (inline
    /// markup stripped, whitespace collapsed).
    ///
    /// A nested item comes right after the item that holds it, at any depth. Ordinary list items
    /// are not steps, but task items nested inside them are. `[ ]` outside a list is not a task item.
    ///
    /// Unlike rendering, this parses a body beyond `MarkdownBounds` too: verify replays the steps
    /// jobs were started with, so a stored body must keep giving the same steps. New bodies keep
    /// the bounds, so only bodies stored before them can be slow here.
    public static func steps(in markdown: String) -> [ChecklistStep] {
        Cmark.taskItems(markdown).enumerated().map { index, item in
            var step = ChecklistStep(number: index + 1, text: collapsed(item.text), checked: item.checked)
            let parsed = item.codeSpans.map(ReadingSpec.parse).filter { $0 != .none }
            switch parsed.first {
            case .spec(let spec) where parsed.count == 1: step.reading = spec
            case .malformed(let problem) where parsed.count == 1: step.readingProblem = problem
            case nil, .none?: break
            default: step.readingProblem = "a step asks for one reading; this one has \(parsed.count) `reading:` spans"
            }
            return step
        }
    }

    /// `text` with every run of whitespace turned into one space, no leading or trailing space and
    /// no control characters.
    static func collapsed(_ text: String) -> String {
        TerminalText.clean(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// The placeholders a template may use: an enum whose raw values are the names written as
/// `{{name}}` in the file. Rendering asks for each placeholder's value with an exhaustive
/// `switch`, so the compiler checks that the code fills every placeholder it declares.
public protocol TemplateSlot: CaseIterable, Hashable, Sendable, RawRepresentable<String> {}

/// A file of `templates/`: literal text with `{{name}}` placeholders, parsed once into segments,
/// so that rendering is one pass that appends each segment (linear in the output size, no
/// lookup by name).
///
/// A template whose name ends in `.html` escapes every `.field` value for HTML; any other
/// template is for a terminal and cleans every value with `TerminalText`.
public struct Template<Slot: TemplateSlot>: Sendable {
    /// A value for a placeholder.
    public enum Value {
        /// Text from a user or a record (an ID, a title, a name, a reason): HTML-escaped in an
        /// HTML template; on one line and without control characters in a terminal template.
        case field(String)
        /// Markup this module made (the body from cmark, a rendered template): inserted as is in
        /// HTML; without control characters (lines kept) in a terminal template.
        case markup(String)
    }

    enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(Slot)
    }

    let name: String
    let segments: [Segment]
    let isHTML: Bool

    /// The placeholders the template uses.
    var placeholders: Set<Slot> {
        Set(segments.compactMap { if case .placeholder(let slot) = $0 { slot } else { nil } })
    }

    /// Parses `source`. A `{{` that does not open a well-formed placeholder (`{{` letters and
    /// digits, starting with a letter, `}}`) is an error, so that a typo cannot silently print
    /// braces into an SOP; so is a name that is not one of `Slot`'s.
    public init(name: String, source: String) throws(TemplateError) {
        self.name = name
        self.isHTML = name.hasSuffix(".html")
        var segments: [Segment] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.literal(String(rest[..<open.lowerBound]))) }
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                throw .malformedPlaceholder(template: name, near: String(afterOpen.prefix(20)))
            }
            let placeholder = afterOpen[..<close.lowerBound]
            guard let first = placeholder.first, first.isASCII, first.isLetter,
                  placeholder.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw .malformedPlaceholder(template: name, near: String(placeholder.prefix(20)))
            }
            guard let slot = Slot(rawValue: String(placeholder)) else {
                throw .unknownPlaceholder(template: name, placeholder: String(placeholder))
            }
            segments.append(.placeholder(slot))
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        self.segments = segments
    }

    /// Checks that the template uses every placeholder of `expected` and no other, so that no
    /// value the code supplies is dropped (a signature's reason cannot disappear by editing a
    /// template).
    public func checkPlaceholders(_ expected: Set<Slot>) throws(TemplateError) {
        let used = placeholders
        if let unknown = used.subtracting(expected).map(\.rawValue).sorted().first {
            throw .unknownPlaceholder(template: name, placeholder: unknown)
        }
        if let missing = expected.subtracting(used).map(\.rawValue).sorted().first {
            throw .unusedValue(template: name, placeholder: missing)
        }
    }

    /// The template with each placeholder replaced by `value(placeholder)`, escaped as the
    /// template's kind requires.
    public func render(_ value: (Slot) -> Value) -> String {
        var out = ""
        render(into: &out, value)
        return out
    }

    /// Appends the rendered template to `out`.
    public func render(into out: inout String, _ value: (Slot) -> Value) {
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .placeholder(let slot): append(value(slot), to: &out)
            }
        }
    }

    private func append(_ value: Value, to out: inout String) {
        switch (value, isHTML) {
        case (.field(let text), true): HTMLEscaping.append(text, to: &out)
        case (.markup(let text), true): out += text
        case (.field(let text), false): out += TerminalText.clean(text)
        case (.markup(let text), false): out += TerminalText.clean(text, keepingLines: true)
        }
    }
}

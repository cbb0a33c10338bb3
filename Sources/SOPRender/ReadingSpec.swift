/// The reading a checklist step asks for: a quantity, its unit and the limits a value must keep.
///
/// Written in the SOP as an inline code span in the step's own text, so the item stays an
/// ordinary GFM task item and renders as one:
///
///     - [ ] Record the outlet temperature `reading: outlet temperature in °C, between 2 and 8`
///     - [ ] Check the belt tension `reading: tension in N, at least 40`
///     - [ ] Read the differential pressure `reading: pressure in Pa, at most 15`
///     - [ ] Read the hour meter `reading: running hours in h`
///
/// The span is found in cmark-gfm's tree (a code node of the task item itself, not of a nested
/// item); only its literal is read here, word by word.
public struct ReadingSpec: Sendable, Hashable {
    /// What is read ("outlet temperature").
    public var quantity: String
    /// Its unit ("°C"), or nil for a count or a ratio.
    public var unit: String?
    /// The lowest value within limits, inclusive; nil: no lower limit.
    public var low: Double?
    /// The highest value within limits, inclusive; nil: no upper limit.
    public var high: Double?

    public init(quantity: String, unit: String?, low: Double?, high: Double?) {
        self.quantity = quantity
        self.unit = unit
        self.low = low
        self.high = high
    }

    /// What a code span's literal says about a reading.
    public enum Parsed: Sendable, Equatable {
        /// The span is not a reading spec (it does not start with `reading:`).
        case none
        case spec(ReadingSpec)
        /// It starts with `reading:` but does not follow the syntax: why.
        case malformed(String)
    }

    /// The prefix that makes a code span a reading spec.
    public static let prefix = "reading:"

    /// Reads `literal`, the text of one inline code span.
    public static func parse(_ literal: String) -> Parsed {
        let trimmed = literal.trimmingSpaces
        guard trimmed.hasPrefix(prefix) else { return .none }
        let rest = String(trimmed.dropFirst(prefix.count)).trimmingSpaces
        let parts = rest.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        var words = parts[0].split(separator: " ").map(String.init)
        var unit: String?
        if let at = words.lastIndex(of: "in") {
            unit = words[(at + 1)...].joined(separator: " ")
            words = Array(words[..<at])
            if unit?.isEmpty != false { return .malformed("'in' must be followed by the unit, as in `reading: temperature in °C, between 2 and 8`") }
        }
        let quantity = words.joined(separator: " ")  // empty when the span starts with 'in'
        guard !quantity.isEmpty else { return .malformed("name the quantity read, as in `reading: temperature in °C, between 2 and 8`") }
        guard quantity.count <= 100, (unit?.count ?? 0) <= 20 else { return .malformed("a quantity is at most 100 characters, a unit at most 20") }
        var spec = ReadingSpec(quantity: quantity, unit: unit, low: nil, high: nil)
        guard parts.count == 2 else { return .spec(spec) }
        let limits = parts[1].split(separator: " ").map(String.init)
        switch limits.count {
        case 4 where limits[0] == "between" && limits[2] == "and":
            guard let low = number(limits[1]), let high = number(limits[3]) else { return badNumber(parts[1]) }
            guard low <= high else { return .malformed("'between \(limits[1]) and \(limits[3])': the lower limit comes first") }
            (spec.low, spec.high) = (low, high)
        case 3 where limits[0] == "at" && limits[1] == "least":
            guard let low = number(limits[2]) else { return badNumber(parts[1]) }
            spec.low = low
        case 3 where limits[0] == "at" && limits[1] == "most":
            guard let high = number(limits[2]) else { return badNumber(parts[1]) }
            spec.high = high
        default:
            return .malformed("limits are written 'between A and B', 'at least A' or 'at most B', not '\(parts[1])'")
        }
        return .spec(spec)
    }

    private static func badNumber(_ limits: String) -> Parsed {
        .malformed("the limits in '\(limits)' must be plain decimal numbers such as 2, -40 or 7.5")
    }

    /// A plain decimal number: an optional minus, digits, an optional point and digits; at most 15
    /// digits, so that it is exactly what it says. No exponent, no NaN, no infinity.
    public static func number(_ word: String) -> Double? {
        let digits = word.hasPrefix("-") ? word.dropFirst() : Substring(word)
        let halves = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !halves[0].isEmpty, halves.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              digits.count - (halves.count - 1) <= 15 else { return nil }
        return Double(word)
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars = scalars.dropFirst() }
        while scalars.last?.isWhitespace == true { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

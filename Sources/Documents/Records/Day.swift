import Foundation

/// A calendar day written `YYYY-MM-DD`: a due date, an effective date, a query bound. Only days
/// that exist are accepted (`2026-02-31` and `2025-02-29` are refused); the text is the value, so
/// days compare as they sort.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let text: String

    /// Checks `text`, naming `field` of `record` when it is not a day that exists.
    public init(parsing text: String, field: String, record: String) throws(DocumentsError) {
        guard Self.exists(text) else {
            throw .invalidField(record: record, field: field,
                                reason: "\(RecordID.quoted(text)) is not a calendar day written YYYY-MM-DD (e.g. 2026-02-28)")
        }
        self.text = text
    }

    /// The day `date` falls on in `zone`: whole days since 1970 of the local time, as the
    /// proleptic Gregorian calendar counts them (a dashboard dates thousands of acts; a Calendar
    /// per call was most of its time). Before 1600 the calendar is asked, as it was before.
    public init(of date: Date, in zone: TimeZone) {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        let number = Int((local / 86_400).rounded(.down))
        if number > -135_140 {
            self = Day(number: number)
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        text = "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2))"
    }

    public var description: String { text }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.text < rhs.text }

    /// Whether `text` is `YYYY-MM-DD` naming a day of the Gregorian calendar (leap years included).
    public static func exists(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].map { bytes[$0] }
        guard digits.allSatisfy({ (48...57).contains($0) }) else { return false }
        let number = digits.map { Int($0 - 48) }
        let year = number[0] * 1000 + number[1] * 100 + number[2] * 10 + number[3]
        let month = number[4] * 10 + number[5], day = number[6] * 10 + number[7]
        guard year >= 1, (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }
}

import Foundation
import RecordRepo

/// The date of a legacy row, as the source wrote it and as recrepo keeps it: the day it falls on
/// in the plant's time zone, and the moment (UTC) when the source gave a time of day.
///
/// Accepted forms: `2019-03-04`; `2019-03-04 10:30:00` and `2019-03-04T10:30[:00]` (the plant's
/// time zone); `2019-03-04T10:30:00Z`, `…+01:00`, `…+0100`, with or without fractions of a second
/// (which are dropped: the record keeps the text as written beside it).
public struct HistoryDate: Sendable, Equatable {
    /// `YYYY-MM-DD` in the plant's time zone.
    public let day: String
    /// ISO 8601 UTC to the second, or nil when the source gave a day only.
    public let time: String?

    public init(parsing text: String, in zone: TimeZone) throws(DocumentsError) {
        guard let parsed = Self.parse(Array(text.utf8), zone: zone) else {
            throw .invalidField(record: RecordID.quoted(text), field: "date", reason: Self.forms)
        }
        self = parsed
    }

    init(day: String, time: String?) {
        self.day = day
        self.time = time
    }

    /// The forms accepted, for refusals.
    public static let forms = "a date is YYYY-MM-DD, YYYY-MM-DD HH:MM:SS (the plant's time zone) or ISO 8601 (2019-03-04T10:30:00Z, 2019-03-04T10:30:00+01:00)"

    private static func parse(_ bytes: [UInt8], zone: TimeZone) -> HistoryDate? {
        guard bytes.count >= 10, let dayText = String(validating: bytes[0..<10], as: UTF8.self), Day.exists(dayText) else { return nil }
        if bytes.count == 10 { return HistoryDate(day: dayText, time: nil) }
        guard bytes[10] == 0x20 || bytes[10] == 0x54 else { return nil }
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[at..<(at + count)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let hour = number(11, 2), bytes.count > 13, bytes[13] == 0x3A, let minute = number(14, 2), hour < 24, minute < 60 else {
            return nil
        }
        var index = 16, second = 0
        if index < bytes.count, bytes[index] == 0x3A {
            guard let value = number(index + 1, 2), value < 60 else { return nil }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x2C {
                index += 1
                let begin = index
                while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
                guard index > begin else { return nil }
            }
        }
        // A space-separated time is the plant's, as is an ISO time without an offset.
        var offset: Int?
        if index < bytes.count {
            guard bytes[10] == 0x54 else { return nil }
            if bytes[index] == 0x5A, index + 1 == bytes.count {
                offset = 0
            } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
                let sign = bytes[index] == 0x2B ? 1 : -1
                guard let hours = number(index + 1, 2) else { return nil }
                var minutes: Int?
                if bytes.count == index + 6, bytes[index + 3] == 0x3A { minutes = number(index + 4, 2) }
                if bytes.count == index + 5 { minutes = number(index + 3, 2) }
                if bytes.count == index + 3 { minutes = 0 }
                guard let minutes, hours < 24, minutes < 60 else { return nil }
                offset = sign * (hours * 3600 + minutes * 60)
            } else {
                return nil
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = offset.flatMap { TimeZone(secondsFromGMT: $0) } ?? zone
        let year = Int(dayText.prefix(4)) ?? 0, month = Int(dayText.dropFirst(5).prefix(2)) ?? 0, dayOfMonth = Int(dayText.suffix(2)) ?? 0
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, second: second))
        else { return nil }
        return HistoryDate(day: Day(of: date, in: zone).text, time: Timestamp.iso(date))
    }
}

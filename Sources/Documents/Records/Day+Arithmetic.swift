/// Whole-day arithmetic on calendar days, without a calendar object: schedules add days, weeks
/// and months to due dates thousands of times per run.
extension Day {
    /// `text`, already known to exist.
    init(checked text: String) { self.text = text }

    /// The day `number` days after 1970-01-01 (negative: before it).
    public init(number: Int) {
        // Civil from days (H. Hinnant's algorithm), proleptic Gregorian.
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    init(year: Int, month: Int, day: Int) {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        text = "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Year, month and day.
    var parts: (year: Int, month: Int, day: Int) {
        let bytes = Array(text.utf8).map { Int($0) - 48 }
        return (bytes[0] * 1000 + bytes[1] * 100 + bytes[2] * 10 + bytes[3], bytes[5] * 10 + bytes[6], bytes[8] * 10 + bytes[9])
    }

    /// Days since 1970-01-01.
    public var number: Int {
        let (year, month, day) = parts
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public func adding(days: Int) -> Day { Day(number: number + days) }

    /// The same day of the month `months` later; the month's last day when it is shorter
    /// (2026-01-31 plus one month is 2026-02-28).
    public func adding(months: Int) -> Day {
        let (year, month, day) = parts
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12, newMonth = index % 12 + 1
        let leap = newYear % 4 == 0 && (newYear % 100 != 0 || newYear % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return Day(year: newYear, month: newMonth, day: min(day, lengths[newMonth - 1]))
    }

    /// Whole months from `self` to `other`, counting by the month number only.
    func months(to other: Day) -> Int {
        let (a, b) = (parts, other.parts)
        return (b.year - a.year) * 12 + (b.month - a.month)
    }
}

import Foundation
import RecordRepo

/// How a PM occurrence stands at a moment: a rule anyone can recompute from the job alone.
public enum OccurrenceClass: String, Sendable, CaseIterable, Codable {
    /// The window is not over and the job is not completed.
    case open
    /// Completed at or before the end of the window.
    case onTime = "on-time"
    /// Completed after the window but before the occurrence's next due date.
    case late
    /// Not completed before the next due date (whenever it was completed after), or cancelled.
    case missed
    /// The window is over, the job is not completed, and the next due date has not come.
    case overdue

    public var word: String {
        switch self {
        case .onTime: "on time"
        default: rawValue
        }
    }

    /// The class of `occurrence` on `today`, its job completed on the day `completed` (nil: not
    /// completed) or cancelled. Days are whole days of the plant's time zone: a window ends at the
    /// end of its last day.
    public static func of(_ occurrence: WorkOrder.Occurrence, completed: Day?, cancelled: Bool, today: Day) -> OccurrenceClass {
        of(closes: occurrence.closes, nextDue: occurrence.nextDue, completed: completed, cancelled: cancelled, today: today)
    }

    /// The class of an occurrence whose window ends with the day `closes`.
    public static func of(closes: String, nextDue: String, completed: Day?, cancelled: Bool, today: Day) -> OccurrenceClass {
        if cancelled { return .missed }
        if let completed {
            if completed.text <= closes { return .onTime }
            return completed.text < nextDue ? .late : .missed
        }
        if today.text <= closes { return .open }
        return today.text < nextDue ? .overdue : .missed
    }
}

/// One occurrence as `pm compliance` lists it.
public struct OccurrenceLine: Sendable, Equatable, Codable {
    public let order: String
    public let plan: String
    public let number: Int
    public let equipment: String
    public let due: String
    public let closes: String
    public let nextDue: String
    /// The day the technician completed the job, in the plant's time zone.
    public let completed: String?
    public let cancelled: Bool
    public let classification: OccurrenceClass

    public init(order: String, plan: String, number: Int, equipment: String, due: String, closes: String, nextDue: String,
                completed: String?, cancelled: Bool, today: Day) {
        self.order = order
        self.plan = plan
        self.number = number
        self.equipment = equipment
        self.due = due
        self.closes = closes
        self.nextDue = nextDue
        self.completed = completed
        self.cancelled = cancelled
        classification = OccurrenceClass.of(closes: closes, nextDue: nextDue, completed: completed.flatMap { Day.exists($0) ? Day(checked: $0) : nil },
                                            cancelled: cancelled, today: today)
    }

    /// `order`'s occurrence as it stands on `today`; nil for a job no plan generated.
    public init?(_ order: WorkOrder, today: Day) {
        guard let occurrence = order.occurrence else { return nil }
        let completed = occurrence.completed.flatMap { Day.exists($0) ? Day(checked: $0) : nil }
        let cancelled = order.status == .cancelled
        self.order = order.id
        plan = occurrence.plan
        number = occurrence.number
        equipment = order.equipment
        due = occurrence.due
        closes = occurrence.closes
        nextDue = occurrence.nextDue
        self.completed = completed?.text
        self.cancelled = cancelled
        classification = OccurrenceClass.of(occurrence, completed: completed, cancelled: cancelled, today: today)
    }
}

/// The figures an investigator judges a maintenance programme by: over the occurrences due in a
/// range, how many are open, on time, late, missed and overdue, and the compliance rate
/// on time / (on time + late + missed).
public struct ComplianceReport: Sendable, Equatable, Codable {
    public let from: String?
    public let to: String?
    public let today: String
    /// How many occurrences are in each class, by the class's name.
    public let counts: [String: Int]
    /// The occurrences listed, by due date: every one counted when `complete`, else only those
    /// not on time (what an investigator asks about).
    public let occurrences: [OccurrenceLine]
    public let complete: Bool

    /// The report on `occurrences`, every one listed.
    public init(from: String?, to: String?, today: String, occurrences: [OccurrenceLine]) {
        var counts = Dictionary(uniqueKeysWithValues: OccurrenceClass.allCases.map { ($0.rawValue, 0) })
        for line in occurrences { counts[line.classification.rawValue, default: 0] += 1 }
        self.init(from: from, to: to, today: today, counts: counts, occurrences: occurrences, complete: true)
    }

    public init(from: String?, to: String?, today: String, counts: [String: Int], occurrences: [OccurrenceLine], complete: Bool) {
        self.from = from
        self.to = to
        self.today = today
        self.counts = Dictionary(uniqueKeysWithValues: OccurrenceClass.allCases.map { ($0.rawValue, counts[$0.rawValue] ?? 0) })
        self.occurrences = occurrences.sorted { ($0.due, $0.plan, $0.number) < ($1.due, $1.plan, $1.number) }
        self.complete = complete
    }

    public func count(_ kind: OccurrenceClass) -> Int { counts[kind.rawValue] ?? 0 }

    /// Nil when no occurrence in the range has a decided outcome yet.
    public var rate: Double? { Self.rate(onTime: count(.onTime), late: count(.late), missed: count(.missed)) }

    /// The compliance rate: on time over decided (on time, late, missed); nil before anything is decided.
    public static func rate(onTime: Int, late: Int, missed: Int) -> Double? {
        let decided = onTime + late + missed
        return decided == 0 ? nil : Double(onTime) / Double(decided)
    }
}

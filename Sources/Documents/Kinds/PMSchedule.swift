import Foundation
import RecordRepo

/// When an approved plan calls for work: the rule `pm run` follows and verify replays.
///
/// - Calendar, fixed: due dates fall on anchor + k × interval; the next is the first after the
///   last one generated.
/// - Calendar, floating: the first is due on the anchor; each next one is due an interval after
///   the day the last was completed. A last occurrence cancelled, or still not completed when an
///   interval has passed since its due date (it is missed then), counts from its due date instead.
/// - Meter: when the meter has advanced by the interval since the reading the plan counts from.
/// - Condition: when a reading is beyond the threshold and the plan is armed; a reading back
///   inside re-arms it (an act of its own, `pm.rearm`).
///
/// Nothing is generated for equipment out of service or retired, or while the plan's SOP is
/// retired: the occurrence waits, and is generated (late) once the work may be planned again.
public enum PMSchedule {
    /// How far ahead `pm run --through` may plan.
    public static let maxDaysAhead = 366

    /// What the plan calls for next.
    public enum Step: Sendable, Equatable {
        /// A job for this occurrence, generated once its window opens on or before the day run for.
        case generate(WorkOrder.Occurrence)
        /// A condition plan armed again by the reading at this time.
        case rearm(readingAt: String)
    }

    /// Why an approved plan generates nothing at the moment, when it is something to look at.
    public struct Waiting: Sendable, Equatable {
        public let plan: String
        public let reason: String
    }

    /// The next step `plan` calls for, on `today` (the signing day), planning up to `through`;
    /// nil when it calls for nothing yet. Throws `Waiting` reasons as `DocumentsError` when the
    /// step is due but cannot be taken.
    static func next(_ plan: PMPlan, in context: any RecordContext, today: Day, through: Day) throws(DocumentsError) -> Step? {
        guard plan.status == .approved else { return nil }
        let definition = plan.definition
        let schedule = plan.schedule ?? PMPlan.Schedule()
        let number = schedule.generated + 1
        let step: Step?
        switch definition.trigger.kind {
        case .calendar: step = try calendarStep(plan, number: number, in: context, today: today, through: through)
        case .meter: step = meterStep(plan, number: number, in: context)
        case .condition: step = conditionStep(plan, number: number, in: context)
        }
        if case .generate? = step {
            guard let unit = context.record(Equipment.self, kind: .equipment, id: definition.equipment), unit.status == .active else {
                throw .notPermitted(user: Signer.systemPrincipal, action: "generate work from \(plan.id)",
                                    reason: "\(definition.equipment) is not in service; the occurrence waits until it is")
            }
            guard let sop = context.record(SOP.self, kind: .sop, id: definition.sop), !sop.isRetired else {
                throw .notPermitted(user: Signer.systemPrincipal, action: "generate work from \(plan.id)",
                                    reason: "\(definition.sop) is retired; revise the plan to name an SOP in force")
            }
        }
        return step
    }

    /// The due date after `due` that classification counts against: an interval later for a
    /// calendar plan (fixed or floating), the response days later for meter and condition plans.
    static func nextDue(after due: Day, _ trigger: PMPlan.Trigger) -> Day {
        switch trigger.kind {
        case .calendar: add(trigger, to: due)
        case .meter, .condition: due.adding(days: trigger.responseDays ?? 0)
        }
    }

    static func add(_ trigger: PMPlan.Trigger, to day: Day, times: Int = 1) -> Day {
        let every = (trigger.every ?? 1) * times
        switch trigger.unit ?? .days {
        case .days: return day.adding(days: every)
        case .weeks: return day.adding(days: 7 * every)
        case .months: return day.adding(months: every)
        }
    }

    private static func calendarStep(_ plan: PMPlan, number: Int, in context: any RecordContext, today: Day,
                                     through: Day) throws(DocumentsError) -> Step? {
        let definition = plan.definition, trigger = definition.trigger
        guard let from = trigger.from, Day.exists(from) else { return nil }
        let anchor = Day(checked: from)
        let schedule = plan.schedule ?? PMPlan.Schedule()
        let due: Day
        if let last = schedule.lastDue.flatMap({ Day.exists($0) ? Day(checked: $0) : nil }) {
            if trigger.floating == true {
                guard let next = floatingDue(after: last, order: schedule.lastOrder, trigger, in: context, today: today) else { return nil }
                due = next
            } else {
                due = fixedDue(after: last, anchor: anchor, trigger)
            }
        } else {
            due = anchor
        }
        let opens = due.adding(days: -definition.graceBefore)
        guard opens <= through else { return nil }
        return .generate(WorkOrder.Occurrence(plan: plan.id, number: number, due: due.text, opens: opens.text,
                                              closes: due.adding(days: definition.graceAfter).text,
                                              nextDue: nextDue(after: due, trigger).text))
    }

    /// The first of anchor + k × interval after `last`.
    static func fixedDue(after last: Day, anchor: Day, _ trigger: PMPlan.Trigger) -> Day {
        let every = max(1, trigger.every ?? 1)
        var k: Int
        switch trigger.unit ?? .days {
        case .days: k = (last.number - anchor.number) / every
        case .weeks: k = (last.number - anchor.number) / (7 * every)
        case .months: k = anchor.months(to: last) / every
        }
        k = max(0, k - 1)
        var due = add(trigger, to: anchor, times: k)
        while due <= last {
            k += 1
            due = add(trigger, to: anchor, times: k)
        }
        return due
    }

    /// A floating plan's next due date, or nil while its last occurrence may still be completed.
    private static func floatingDue(after last: Day, order: String?, _ trigger: PMPlan.Trigger, in context: any RecordContext,
                                    today: Day) -> Day? {
        let missedFrom = add(trigger, to: last)
        let job = order.flatMap { context.record(WorkOrder.self, kind: .workOrder, id: $0) }
        if let completed = job?.occurrence?.completed, Day.exists(completed) {
            return add(trigger, to: Day(checked: completed))
        }
        if job?.status == .cancelled || today >= missedFrom { return missedFrom }
        return nil
    }

    private static func latestReading(_ plan: PMPlan, in context: any RecordContext) -> Equipment.Reading? {
        guard let name = plan.definition.trigger.meter,
              let unit = context.record(Equipment.self, kind: .equipment, id: plan.definition.equipment) else { return nil }
        return unit.meter(name)?.meter.reading
    }

    private static func triggered(_ plan: PMPlan, number: Int, by reading: Equipment.Reading,
                                  in context: any RecordContext) -> Step? {
        guard let at = Timestamp.parse(reading.at) else { return nil }
        let trigger = plan.definition.trigger
        let opens = Day(of: at, in: context.policy.zone)
        let due = opens.adding(days: trigger.responseDays ?? 0)
        return .generate(WorkOrder.Occurrence(plan: plan.id, number: number, due: due.text, opens: opens.text,
                                              closes: due.adding(days: plan.definition.graceAfter).text,
                                              nextDue: nextDue(after: due, trigger).text, reading: reading.value, readingAt: reading.at))
    }

    private static func meterStep(_ plan: PMPlan, number: Int, in context: any RecordContext) -> Step? {
        guard let reading = latestReading(plan, in: context), let every = plan.definition.trigger.everyUnits else { return nil }
        let base = plan.schedule?.base ?? plan.meterBase ?? 0
        guard reading.value - base >= every else { return nil }
        return triggered(plan, number: number, by: reading, in: context)
    }

    private static func conditionStep(_ plan: PMPlan, number: Int, in context: any RecordContext) -> Step? {
        guard let reading = latestReading(plan, in: context) else { return nil }
        let trigger = plan.definition.trigger
        let beyond = trigger.above.map { reading.value > $0 } ?? trigger.below.map { reading.value < $0 } ?? false
        let armed = plan.schedule?.armed ?? true
        // A reading is used once: the one that triggered or re-armed the plan moves it no further.
        guard reading.at != plan.schedule?.readingAt else { return nil }
        if armed, beyond { return triggered(plan, number: number, by: reading, in: context) }
        if !armed, !beyond { return .rearm(readingAt: reading.at) }
        return nil
    }

    /// The plan once `occurrence`'s job (`order`) is generated.
    static func advanced(_ plan: PMPlan, by occurrence: WorkOrder.Occurrence, order: String) -> PMPlan {
        var plan = plan
        var schedule = plan.schedule ?? PMPlan.Schedule()
        schedule.generated = occurrence.number
        schedule.lastOrder = order
        schedule.lastDue = occurrence.due
        switch plan.definition.trigger.kind {
        case .calendar: break
        case .meter: schedule.base = occurrence.reading
        case .condition:
            schedule.armed = false
            schedule.readingAt = occurrence.readingAt
        }
        plan.schedule = schedule
        return plan
    }
}

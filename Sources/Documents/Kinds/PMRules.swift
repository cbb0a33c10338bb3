import Foundation
import RecordRepo

/// What a PM plan's definition must be, checked at draft, revision and approval, by the service
/// and by verify alike.
enum PMRules {
    static let maxDays = 3_650

    static func check(_ definition: PMPlan.Definition, of id: String, in context: any RecordContext) throws(DocumentsError) {
        if let problem = TextRules.problem(with: definition.title, maxLength: 200) {
            throw .invalidField(record: id, field: "title", reason: problem)
        }
        guard let unit = context.record(Equipment.self, kind: .equipment, id: definition.equipment) else {
            throw .invalidField(record: id, field: "equipment", reason: "\(definition.equipment) is no equipment here")
        }
        guard unit.status != .retired else {
            throw .invalidField(record: id, field: "equipment", reason: "\(definition.equipment) is retired")
        }
        guard let sop = context.record(SOP.self, kind: .sop, id: definition.sop) else {
            throw .invalidField(record: id, field: "SOP", reason: "\(definition.sop) is no SOP here")
        }
        guard !sop.isRetired else { throw .invalidField(record: id, field: "SOP", reason: "\(definition.sop) is retired") }
        switch (definition.assignee, definition.assigneeRole) {
        case (let user?, nil): try context.require(.woExecute, of: user, to: "be assigned work orders")
        case (nil, let role?):
            guard context.policy.roles(for: .woExecute).contains(role) else {
                throw .invalidField(record: id, field: "assignee role", reason: "\(role.rawValue) may not execute work orders under the policy")
            }
        default:
            throw .invalidField(record: id, field: "assignee", reason: "name one user (--assign) or one role (--assign-role)")
        }
        for (field, days) in [("grace days before", definition.graceBefore), ("grace days after", definition.graceAfter)]
        where !(0...365).contains(days) {
            throw .invalidField(record: id, field: field, reason: "it is a whole number of days from 0 to 365")
        }
        try check(definition.trigger, of: id, on: unit)
    }

    static func check(_ trigger: PMPlan.Trigger, of id: String, on unit: Equipment) throws(DocumentsError) {
        func refuse(_ reason: String) -> DocumentsError { .invalidField(record: id, field: "trigger", reason: reason) }
        let calendarFields = trigger.every != nil || trigger.unit != nil || trigger.from != nil || trigger.floating != nil
        let meterFields = trigger.meter != nil || trigger.everyUnits != nil || trigger.above != nil || trigger.below != nil
            || trigger.responseDays != nil
        switch trigger.kind {
        case .calendar:
            guard !meterFields else { throw refuse("a calendar trigger names no meter, threshold or response days") }
            guard let every = trigger.every, (1...maxDays).contains(every), trigger.unit != nil else {
                throw refuse("a calendar trigger is every N days, weeks or months, N from 1 to \(maxDays)")
            }
            guard let from = trigger.from, Day.exists(from) else { throw refuse("a calendar trigger starts from a day written YYYY-MM-DD") }
        case .meter, .condition:
            guard !calendarFields else { throw refuse("a meter or condition trigger has no calendar interval or anchor") }
            guard let name = trigger.meter, let (_, meter) = unit.meter(name) else {
                let known = (unit.meters ?? []).map(\.name)
                throw refuse("name a meter of \(unit.id)" + (known.isEmpty ? " (it has none)" : ": \(known.joined(separator: ", "))"))
            }
            guard (0...365).contains(trigger.responseDays ?? 0) else { throw refuse("response days are 0 to 365") }
            if trigger.kind == .meter {
                guard meter.kind == .counter else { throw refuse("a meter trigger counts units of a counter; \(name) is a gauge") }
                guard let units = trigger.everyUnits, units.isFinite, units > 0, trigger.above == nil, trigger.below == nil else {
                    throw refuse("a meter trigger is every N units (N > 0) and has no threshold")
                }
            } else {
                guard trigger.everyUnits == nil, (trigger.above == nil) != (trigger.below == nil),
                      (trigger.above ?? trigger.below ?? .nan).isFinite else {
                    throw refuse("a condition trigger has exactly one threshold, above or below, and no interval")
                }
            }
        }
    }

    /// The reading a meter plan counts from when approved now: the meter's latest, or 0 before any.
    static func meterBase(of definition: PMPlan.Definition, in context: any RecordContext) -> Double? {
        guard definition.trigger.kind == .meter, let name = definition.trigger.meter else { return nil }
        let unit = context.record(Equipment.self, kind: .equipment, id: definition.equipment)
        return unit?.meter(name)?.meter.reading?.value ?? 0
    }
}

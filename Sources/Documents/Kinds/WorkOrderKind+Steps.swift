import Foundation
import RecordRepo

/// What a signed step holds besides its signature, and what may happen to it after: the value
/// read against the limits the bound SOP revision set, a deviation, not applicable with its
/// justification, a supervisor's disposition of an out-of-limits value, and corrections.
extension WorkOrderKind {
    /// A supervisor's decision on step `number`'s out-of-limits value.
    public struct DispositionEntry: Sendable, Equatable {
        public var number: Int
        public var decision: WorkOrder.Disposition.Decision
        public var reason: String

        public init(number: Int, decision: WorkOrder.Disposition.Decision, reason: String) {
            self.number = number
            self.decision = decision
            self.reason = reason
        }
    }

    /// A correction of step `number`: a new value, a new note, or both (nil: left as it was).
    public struct CorrectionEntry: Sendable, Equatable {
        public var number: Int
        public var value: Double?
        public var note: String?
        public var reason: String

        public init(number: Int, value: Double?, note: String?, reason: String) {
            self.number = number
            self.value = value
            self.note = note
            self.reason = reason
        }
    }

    /// The largest value a reading may hold: twelve digits before the point.
    static let largestValue = 1e12

    public static let disposition = RecordEvent<WorkOrder, DispositionEntry>(
        "disposition", meaning: .review, permission: .woReview, action: "decide on out-of-limits readings",
        summary: { id, entry, _ in "Disposition of step \(entry.number) of \(id): \(entry.decision.rawValue)" },
        input: { before, written, _ in
            changed(before, written, \.dispositions).map { DispositionEntry(number: $0.number, decision: $0.entry.decision, reason: $0.entry.reason) }
        },
        check: { before, entry, _, signing throws(DocumentsError) in
            let order = try amendable(before, "decide on a reading")
            let step = try signed(order, entry.number, "decide on")
            guard step.needsDisposition else {
                throw .invalidTransition(record: order.id, from: order.status.rawValue, event: "disposition",
                                         reason: step.outOfLimits == true ? "the value of step \(entry.number) is accepted already"
                                             : "step \(entry.number) has no value outside its limits")
            }
            if step.signedBy == signing.user {
                throw .notPermitted(user: signing.user, action: "decide on step \(entry.number) of \(order.id)",
                                    reason: "\(signing.user) signed that step; another supervisor decides")
            }
            try text(entry.reason, field: "reason", of: order, maxLength: 500)
        },
        apply: { before, entry, signing throws(DocumentsError) in
            var order = try existing(before)
            let index = try stepIndex(order, entry.number)
            let disposition = WorkOrder.Disposition(decision: entry.decision, value: order.steps[index].value, reason: entry.reason,
                                                    by: signing.user, at: signing.time)
            order.steps[index].dispositions = (order.steps[index].dispositions ?? []) + [disposition]
            order.revision += 1
            return order
        })

    /// Who corrects: while the job is in progress, the person who signed the step; once it is
    /// completed, a supervisor (someone who may review jobs) other than its technician.
    public static let correct = RecordEvent<WorkOrder, CorrectionEntry>(
        "correct", meaning: .correction, permission: nil, action: "correct signed steps",
        summary: { id, entry, _ in "Correct step \(entry.number) of \(id)" },
        input: { before, written, _ in
            guard let (number, correction) = changed(before, written, \.corrections) else { return nil }
            return CorrectionEntry(number: number, value: correction.value, note: correction.note, reason: correction.reason)
        },
        check: { before, entry, context, signing throws(DocumentsError) in
            let order = try amendable(before, "correct a step")
            let step = try signed(order, entry.number, "correct")
            if order.status == .inProgress {
                guard step.signedBy == signing.user else {
                    throw .notPermitted(user: signing.user, action: "correct step \(entry.number) of \(order.id)",
                                        reason: "while the job is in progress only \(step.signedBy ?? "its signer"), who signed the step, corrects it; once it is completed, a supervisor")
                }
                try context.require(.woExecute, of: signing.user, to: "correct their own steps")
            } else {
                try context.require(.woReview, of: signing.user, to: "correct steps of a completed job")
                if signing.user == order.assignee {
                    throw .notPermitted(user: signing.user, action: "correct step \(entry.number) of \(order.id)",
                                        reason: "the job is completed: a supervisor other than its technician corrects it")
                }
            }
            guard entry.value != nil || entry.note != nil else {
                throw .invalidField(record: order.id, field: "value", reason: "a correction gives a new value or a new note")
            }
            if let value = entry.value {
                guard step.notApplicable != true, step.reading != nil else {
                    throw .invalidField(record: order.id, field: "value", reason: "step \(entry.number) \(step.notApplicable == true ? "did not apply" : "asks for no reading"), so it has no value to correct")
                }
                try checkValue(value, of: order)
                if value == step.value { throw .invalidField(record: order.id, field: "value", reason: "the step holds that value already") }
            }
            if let note = entry.note {
                try text(note, field: "note", of: order, maxLength: 2000)
                if note == step.note { throw .invalidField(record: order.id, field: "note", reason: "the step holds that note already") }
            }
            try text(entry.reason, field: "reason", of: order, maxLength: 500)
        },
        apply: { before, entry, signing throws(DocumentsError) in
            var order = try existing(before)
            let index = try stepIndex(order, entry.number)
            var step = order.steps[index]
            let correction = WorkOrder.Correction(previousValue: entry.value == nil ? nil : step.value,
                                                  previousNote: entry.note == nil ? nil : step.note,
                                                  value: entry.value, note: entry.note, reason: entry.reason, by: signing.user, at: signing.time)
            step.corrections = (step.corrections ?? []) + [correction]
            if let value = entry.value {
                step.value = value
                step.outOfLimits = outOfLimits(step.reading, value)
            }
            if let note = entry.note { step.note = note }
            order.steps[index] = step
            order.revision += 1
            return order
        })
}

// The rules of `wo.step` on what a signature holds (the signature itself is the lifecycle's).
extension WorkOrderKind {
    static func stepSummary(_ step: Step) -> String {
        if step.notApplicable { return " (not applicable)" }
        if let opened = step.opening { return " (with deviation \(opened.id))" }
        if step.deviation != nil { return " (with a deviation)" }
        return step.value.map { ": \(CanonicalJSON.number($0))" } ?? ""
    }

    static func stepInput(_ before: WorkOrder?, _ written: WorkOrder) -> Step? {
        guard let number = before?.nextStep?.number, written.steps.indices.contains(number - 1) else { return nil }
        let step = written.steps[number - 1]
        var input = Step(number: number, note: step.note, value: step.value, deviation: step.deviation,
                         notApplicable: step.notApplicable == true, justification: step.justification, deviationClass: step.deviationClass)
        input.opening = recoveredOpening(written, step)
        return input
    }

    /// A value where the step asks for one, none where it does not; a justification exactly
    /// when it did not apply. A step the job does not have is the lifecycle's to refuse.
    static func checkStep(_ order: WorkOrder, _ input: Step) throws(DocumentsError) {
        guard let step = order.steps.first(where: { $0.number == input.number }) else { return }
        if let deviation = input.deviation { try text(deviation, field: "deviation", of: order, maxLength: 2000) }
        if input.notApplicable {
            try text(input.justification ?? "", field: "justification", of: order, maxLength: 500)
            if input.value != nil || input.deviation != nil {
                throw .invalidField(record: order.id, field: input.value != nil ? "value" : "deviation",
                                    reason: "step \(input.number) is signed as not applicable: it has no value and no deviation")
            }
            return
        }
        if input.justification != nil {
            throw .invalidField(record: order.id, field: "justification",
                                reason: "a justification goes with a step signed as not applicable (--not-applicable)")
        }
        switch (step.reading, input.value) {
        case (_?, let value?): try checkValue(value, of: order)
        case (let reading?, nil):
            throw .invalidField(record: order.id, field: "value",
                                reason: "step \(input.number) asks for a reading of \(reading.quantity)\(reading.unit.map { " in \($0)" } ?? "") (\(reading.limits)): sign it with the value read (--value), or as not applicable with a justification")
        case (nil, _?):
            throw .invalidField(record: order.id, field: "value",
                                reason: "step \(input.number) asks for no reading: sign it without a value and put what was observed in the note")
        case (nil, nil): break
        }
    }

    /// The order after the lifecycle signed `input`'s step, with what the signature holds.
    static func signedStep(_ signed: WorkOrder, _ input: Step) throws(DocumentsError) -> WorkOrder {
        var order = signed
        let index = try stepIndex(order, input.number)
        order.steps[index].value = input.value
        order.steps[index].outOfLimits = input.value.flatMap { outOfLimits(order.steps[index].reading, $0) }
        order.steps[index].deviation = input.deviation
        order.steps[index].deviationID = input.opening?.id
        order.steps[index].deviationClass = input.opening == nil ? nil : input.deviationClass ?? .minor
        order.steps[index].notApplicable = input.notApplicable ? true : nil
        order.steps[index].justification = input.justification
        return order
    }

    /// True (marked) when `value` is outside `reading`'s limits; nil (no mark) otherwise.
    static func outOfLimits(_ reading: WorkOrder.Reading?, _ value: Double) -> Bool? {
        guard let reading, !reading.admits(value) else { return nil }
        return true
    }

    /// A finite value with at most 12 digits before the point: what a gauge shows, not NaN or 1e300.
    static func checkValue(_ value: Double, of order: WorkOrder) throws(DocumentsError) {
        guard value.isFinite, abs(value) < largestValue else {
            throw .invalidField(record: order.id, field: "value",
                                reason: "a reading is a finite number with at most 12 digits before the point, not \(value)")
        }
    }

    static func text(_ value: String, field: String, of order: WorkOrder, maxLength: Int) throws(DocumentsError) {
        if let problem = TextRules.problem(with: value, maxLength: maxLength) {
            throw .invalidField(record: order.id, field: field, reason: problem)
        }
    }

    /// A disposition or correction lands while the job is in progress or completed, before review.
    static func amendable(_ order: WorkOrder?, _ doing: String) throws(DocumentsError) -> WorkOrder {
        let order = try existing(order)
        guard order.status == .inProgress || order.status == .completed else {
            throw .invalidTransition(record: order.id, from: order.status.rawValue, event: doing,
                                     reason: "steps are amended while the job is in progress or completed, before its review")
        }
        return order
    }

    static func signed(_ order: WorkOrder, _ number: Int, _ doing: String) throws(DocumentsError) -> WorkOrder.Step {
        let step = order.steps[try stepIndex(order, number)]
        guard step.signedBy != nil else {
            throw .invalidTransition(record: order.id, from: order.status.rawValue, event: "\(doing) step \(number)",
                                     reason: "step \(number) is not signed yet")
        }
        return step
    }

    static func stepIndex(_ order: WorkOrder, _ number: Int) throws(DocumentsError) -> Int {
        guard let index = order.steps.firstIndex(where: { $0.number == number }) else {
            throw .invalidField(record: order.id, field: "step", reason: "it has no step \(number); its steps are 1 to \(order.steps.count)")
        }
        return index
    }

    /// The one step whose `list` grew by one entry from `before` to `written`, and that entry.
    static func changed<T: Equatable>(_ before: WorkOrder?, _ written: WorkOrder,
                                      _ list: KeyPath<WorkOrder.Step, [T]?>) -> (number: Int, entry: T)? {
        guard let before, before.steps.count == written.steps.count else { return nil }
        for (old, new) in zip(before.steps, written.steps) where old != new {
            return added(old[keyPath: list], new[keyPath: list]).map { (old.number, $0) }
        }
        return nil
    }
}

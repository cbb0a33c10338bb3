import RecordRepo

extension WorkOrder {
    /// The reading a step asks for, taken at start from the bound SOP revision's checklist
    /// (`reading:` code span): what is read, in what unit, within which limits (inclusive).
    public struct Reading: Codable, Sendable, Hashable {
        public var quantity: String
        public var unit: String?
        public var low: Double?
        public var high: Double?

        public init(quantity: String, unit: String? = nil, low: Double? = nil, high: Double? = nil) {
            self.quantity = quantity
            self.unit = unit
            self.low = low
            self.high = high
        }

        /// Whether `value` keeps the limits.
        public func admits(_ value: Double) -> Bool {
            (low.map { value >= $0 } ?? true) && (high.map { value <= $0 } ?? true)
        }

        /// The limits in words: "between 2 and 8 °C", "at least 40 N", "no limits".
        public var limits: String {
            let unit = self.unit.map { " \($0)" } ?? ""
            switch (low, high) {
            case (let low?, let high?): return "between \(CanonicalJSON.number(low)) and \(CanonicalJSON.number(high))\(unit)"
            case (let low?, nil): return "at least \(CanonicalJSON.number(low))\(unit)"
            case (nil, let high?): return "at most \(CanonicalJSON.number(high))\(unit)"
            case (nil, nil): return "no limits"
            }
        }
    }

    /// A supervisor's decision on a value outside its limits.
    public struct Disposition: Codable, Sendable, Equatable {
        public enum Decision: String, Codable, Sendable, CaseIterable {
            /// The value is accepted as it is; the job may be completed.
            case accept
            /// The reading is to be taken again and recorded by a correction; the job stays blocked
            /// until the value is within limits or accepted.
            case `repeat`
        }

        public var decision: Decision
        /// The value decided on.
        public var value: Double?
        public var reason: String
        public var by: String
        public var at: String

        public init(decision: Decision, value: Double?, reason: String, by: String, at: String) {
            self.decision = decision
            self.value = value
            self.reason = reason
            self.by = by
            self.at = at
        }
    }

    /// A correction of a signed step, as GMP corrects paper: what the entry said before stays.
    public struct Correction: Codable, Sendable, Equatable {
        /// The value before the correction (nil: none, or it was not corrected).
        public var previousValue: Double?
        /// The note before the correction (nil: none, or it was not corrected).
        public var previousNote: String?
        /// The value the correction gave (nil: the value was not corrected).
        public var value: Double?
        /// The note the correction gave (nil: the note was not corrected).
        public var note: String?
        public var reason: String
        public var by: String
        public var at: String

        public init(previousValue: Double?, previousNote: String?, value: Double? = nil, note: String? = nil, reason: String, by: String,
                    at: String) {
            self.previousValue = previousValue
            self.previousNote = previousNote
            self.value = value
            self.note = note
            self.reason = reason
            self.by = by
            self.at = at
        }
    }
}

extension WorkOrder.Step {
    /// True when the step's value is outside its limits and no supervisor has accepted that value.
    public var needsDisposition: Bool {
        guard outOfLimits == true else { return false }
        guard let last = dispositions?.last else { return true }
        return last.decision != .accept || last.value != value
    }
}

/// One checklist item of an SOP revision as a job takes it: its text and the reading it asks for.
public struct ChecklistItem: Sendable, Hashable {
    public var text: String
    public var reading: WorkOrder.Reading?

    public init(text: String, reading: WorkOrder.Reading? = nil) {
        self.text = text
        self.reading = reading
    }
}

extension ChecklistItem {
    /// A reader of items from a reader of the steps' text only: no step asks for a reading.
    public static func plain(_ texts: @escaping @Sendable (String) -> [String]) -> @Sendable (String) -> [ChecklistItem] {
        { texts($0).map { ChecklistItem(text: $0) } }
    }
}

extension WorkOrder {
    /// Why the job cannot be completed or reviewed yet because of a value outside its limits, or nil.
    public var awaitingDisposition: String? {
        guard let step = steps.first(where: \.needsDisposition) else { return nil }
        let value = step.value.map { CanonicalJSON.number($0) + (step.reading?.unit.map { " \($0)" } ?? "") } ?? "?"
        return "step \(step.number) read \(value), outside its limits (\(step.reading?.limits ?? "?")); a supervisor decides first: "
            + "'recrepo wo disposition \(id) \(step.number) --decision accept|repeat --reason …'"
    }
}

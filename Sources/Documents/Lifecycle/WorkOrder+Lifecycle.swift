extension WorkOrder {
    /// What can happen to a work order. `at` is the signing time of the act (ISO 8601 UTC).
    public enum Event: Sendable, Equatable {
        /// `by` starts the job against `bound`, whose checklist items are `steps`, in order.
        case start(by: String, bound: BoundSOP, steps: [String], at: String)
        /// `by` signs checklist step `number` (from 1), with an optional note.
        case signStep(number: Int, by: String, note: String?, at: String)
        case complete(by: String, at: String)
        case review(by: String, at: String)
        case close(by: String, at: String)
        case cancel(by: String, at: String)

        /// The event's name in messages: `start`, `sign-step`…
        public var name: String {
            switch self {
            case .start: "start"
            case .signStep: "sign-step"
            case .complete: "complete"
            case .review: "review"
            case .close: "close"
            case .cancel: "cancel"
            }
        }
    }

    /// The first step not yet signed, or nil when every step is signed.
    public var nextStep: Step? { steps.first { $0.signedBy == nil } }

    /// Applies `event` and counts one more revision, or throws `invalidTransition` and leaves the
    /// work order unchanged.
    ///
    /// Only the assignee starts, signs steps (in order, each once) and completes; someone other
    /// than the assignee reviews and closes. Roles are not checked here: that is the policy's business.
    public mutating func apply(_ event: Event) throws(DocumentsError) {
        self = try applying(event)
    }

    /// The work order after `event`, or throws `invalidTransition`.
    public func applying(_ event: Event) throws(DocumentsError) -> WorkOrder {
        func refuse(_ reason: String) -> DocumentsError {
            .invalidTransition(record: id, from: status.rawValue, event: event.name, reason: reason)
        }
        func requireAssignee(_ user: String, _ doing: String) throws(DocumentsError) {
            if let assignee, assignee != user { throw refuse("it is assigned to \(assignee); only \(assignee) may \(doing)") }
        }
        func requireOther(_ user: String, _ doing: String) throws(DocumentsError) {
            if user == assignee { throw refuse("\(user) did the job and may not also \(doing) it; someone else must") }
        }
        var next = self
        switch (status, event) {
        case (.open, .start(let user, let bound, let texts, let time)):
            try requireAssignee(user, "start it")
            guard bound.id == sop else { throw refuse("it follows \(sop), not \(bound.id)") }
            next.assignee = user
            next.boundSOP = bound
            next.steps = texts.enumerated().map { Step(number: $0.offset + 1, text: $0.element) }
            next.startedAt = time
            next.status = .inProgress
        case (.inProgress, .signStep(let number, let user, let note, let time)):
            try requireAssignee(user, "sign its steps")
            guard let index = steps.firstIndex(where: { $0.number == number }) else {
                throw refuse("it has no step \(number); its steps are 1 to \(steps.count)")
            }
            if let signer = steps[index].signedBy { throw refuse("step \(number) was signed already by \(signer)") }
            if let first = nextStep, first.number != number { throw refuse("steps are signed in order; sign step \(first.number) first") }
            next.steps[index].signedBy = user
            next.steps[index].signedAt = time
            next.steps[index].note = note
        case (.inProgress, .complete(let user, let time)):
            try requireAssignee(user, "complete it")
            if let first = nextStep { throw refuse("step \(first.number) is not signed; every step must be signed first") }
            if let blocked = awaitingDisposition { throw refuse(blocked) }
            next.completedBy = user
            next.completedAt = time
            next.status = .completed
        case (.completed, .review(let user, let time)):
            try requireOther(user, "review")
            if let blocked = awaitingDisposition { throw refuse(blocked) }
            next.reviewedBy = user
            next.reviewedAt = time
            next.status = .reviewed
        case (.reviewed, .close(let user, let time)):
            try requireOther(user, "close")
            next.closedBy = user
            next.closedAt = time
            next.status = .closed
        case (.open, .cancel(let user, let time)), (.inProgress, .cancel(let user, let time)):
            next.cancelledBy = user
            next.cancelledAt = time
            next.status = .cancelled
        default:
            throw refuse(status == .closed || status == .cancelled
                ? "a \(status.rawValue) work order never changes again"
                : "a work order that is \(status.rawValue) allows only: \(Self.allowed[status] ?? "")")
        }
        next.revision += 1
        return next
    }

    /// The events each state accepts, for messages.
    static let allowed: [Status: String] = [
        .open: "start, cancel",
        .inProgress: "sign-step, complete, cancel",
        .completed: "review",
        .reviewed: "close",
    ]
}

extension SOPRevision {
    /// What can happen to one revision. Dates are `YYYY-MM-DD` and compare as text.
    public enum Event: Sendable, Equatable {
        /// `by` changed the content; only a draft can be edited.
        case edit(by: String)
        case submit(by: String)
        /// The review signature; never by an author, and only once.
        case review(by: String)
        /// Back to draft; the review is cleared.
        case reject(by: String)
        /// The approval signature, effective from `effectiveDate` (on `today` or later).
        case approve(by: String, effectiveDate: String, today: String)
        /// An approved revision's effective date has come.
        case becomeEffective(today: String)
        /// A newer revision became effective.
        case supersede
        case retire(by: String)

        /// The event's name in messages: `approve`, `become-effective`…
        public var name: String {
            switch self {
            case .edit: "edit"
            case .submit: "submit"
            case .review: "review"
            case .reject: "reject"
            case .approve: "approve"
            case .becomeEffective: "become-effective"
            case .supersede: "supersede"
            case .retire: "retire"
            }
        }
    }

    /// Applies `event`, or throws `invalidTransition` and leaves the revision unchanged.
    ///
    /// Checks the state and the segregation of identities (no self-review, no self-approval, the
    /// approver is not the reviewer), not roles: who may sign what is the policy's business.
    /// - Parameter record: how the revision is named in errors, e.g. `SOP-0001 revision 2`.
    public mutating func apply(_ event: Event, record: String) throws(DocumentsError) {
        self = try applying(event, record: record)
    }

    /// The revision after `event`, or throws `invalidTransition` (`invalidField` for a malformed date).
    public func applying(_ event: Event, record: String) throws(DocumentsError) -> SOPRevision {
        func refuse(_ reason: String) -> DocumentsError {
            .invalidTransition(record: record, from: status.rawValue, event: event.name, reason: reason)
        }
        var next = self
        switch (status, event) {
        case (.draft, .edit(let user)):
            if !authors.contains(user) { next.authors.append(user) }
        case (.draft, .submit):
            next.status = .inReview
        case (.draft, .retire), (.inReview, .retire), (.approved, .retire), (.effective, .retire):
            next.status = .retired
        case (.inReview, .edit):
            throw refuse("a revision in review cannot change; reject it back to draft first")
        case (.inReview, .review(let user)):
            if let reviewer { throw refuse("\(reviewer) has reviewed it already; approve it, or reject it back to draft") }
            if authors.contains(user) { throw refuse("\(user) is an author of this revision and may not review it; someone else must") }
            next.reviewer = user
        case (.inReview, .reject):
            next.status = .draft
            next.reviewer = nil
        case (.inReview, .approve(let user, let date, let today)):
            try Self.checkDate(date, field: "effectiveDate", record: record)
            try Self.checkDate(today, field: "today", record: record)
            guard let reviewer else { throw refuse("it has not been reviewed; a reviewer must sign first") }
            if authors.contains(user) { throw refuse("\(user) is an author of this revision and may not approve it; someone else must") }
            if user == reviewer { throw refuse("\(user) reviewed it and may not also approve it; someone else must") }
            next.approver = user
            next.effectiveDate = date
            next.status = date <= today ? .effective : .approved
        case (.approved, .becomeEffective(let today)):
            try Self.checkDate(today, field: "today", record: record)
            guard let date = effectiveDate else { throw refuse("it has no effective date; the record is damaged") }
            if today < date { throw refuse("it becomes effective on \(date), not before") }
            next.status = .effective
        case (.effective, .supersede):
            next.status = .superseded
        default:
            throw refuse(status.isTerminal
                ? "a \(status.rawValue) revision never changes again; revise the SOP to open a new revision"
                : "a revision that is \(status.rawValue) allows only: \(Self.allowed[status] ?? "")")
        }
        return next
    }

    /// The events each state accepts, for messages.
    static let allowed: [Status: String] = [
        .draft: "edit, submit, retire",
        .inReview: "review, reject, approve, retire",
        .approved: "become-effective (on its effective date), retire",
        .effective: "supersede (when a newer revision takes effect), retire",
    ]

    /// Whether `text` is a day that exists, written `YYYY-MM-DD` (see `Day`).
    public static func isDate(_ text: String) -> Bool { Day.exists(text) }

    static func checkDate(_ text: String, field: String, record: String) throws(DocumentsError) {
        guard isDate(text) else {
            throw .invalidField(record: record, field: field, reason: "\(RecordID.quoted(text)) is not a date written YYYY-MM-DD")
        }
    }
}

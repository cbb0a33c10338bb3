extension SOP {
    /// The newest revision, the one that is edited, submitted, reviewed and approved.
    public var latest: SOPRevision? { revisions.last }

    /// Whether every revision is superseded or retired: the SOP never changes again.
    public var isRetired: Bool { !revisions.isEmpty && revisions.allSatisfy(\.status.isTerminal) }

    /// The revision numbered `number`, if any.
    public func revision(_ number: Int) -> SOPRevision? { revisions.first { $0.number == number } }

    /// The revision a job gets on `today`: the newest that is effective, or approved with an
    /// effective date on or before `today`. Nil when none is (a new or retired SOP).
    public func effectiveRevision(today: String) -> SOPRevision? {
        revisions.last { $0.status == .effective || Self.isDue($0, today: today) }
    }

    /// The status of `revision` on `today`, including the transitions that dates alone make: an
    /// approved revision whose date has come is effective, and an effective one that a newer
    /// revision has overtaken is superseded. `settle(today:)` writes these into the record.
    public func status(of revision: SOPRevision, today: String) -> SOPRevision.Status {
        var status = revision.status
        if Self.isDue(revision, today: today) { status = .effective }
        if status == .effective, revisions.contains(where: { $0.number > revision.number && Self.hasTakenEffect($0, today: today) }) {
            status = .superseded
        }
        return status
    }

    /// The status of the revision numbered `number` on `today`, or nil when there is none.
    public func status(ofRevision number: Int, today: String) -> SOPRevision.Status? {
        revision(number).map { status(of: $0, today: today) }
    }

    /// Writes the transitions that dates make (see `status(of:today:)`) into the revisions, through
    /// the revision state machine. Returns the numbers of the revisions that changed.
    @discardableResult
    public mutating func settle(today: String) -> [Int] {
        var changed: [Int] = []
        for index in revisions.indices where Self.isDue(revisions[index], today: today) {
            if (try? revisions[index].apply(.becomeEffective(today: today), record: name(of: revisions[index]))) != nil {
                changed.append(revisions[index].number)
            }
        }
        for index in revisions.indices where status(of: revisions[index], today: today) == .superseded
            && revisions[index].status == .effective {
            if (try? revisions[index].apply(.supersede, record: name(of: revisions[index]))) != nil {
                changed.append(revisions[index].number)
            }
        }
        return Array(Set(changed)).sorted()
    }

    /// Edits the open draft (adding `user` to its authors), or opens the next revision as a draft
    /// written by `user`. Refused while the latest revision is in review, or when the SOP is retired.
    public mutating func revise(by user: String) throws(DocumentsError) {
        guard let last = revisions.last, !isRetired else {
            throw .invalidTransition(record: id, from: "retired", event: "revise",
                                     reason: "a retired SOP never changes again; create a new SOP instead")
        }
        switch last.status {
        case .draft:
            try revisions[revisions.count - 1].apply(.edit(by: user), record: name(of: last))
        case .inReview:
            throw .invalidTransition(record: name(of: last), from: last.status.rawValue, event: "revise",
                                     reason: "reject it back to draft first, or finish its review and approval")
        case .approved, .effective, .superseded, .retired:
            revisions.append(SOPRevision(number: last.number + 1, status: .draft, authors: [user]))
        }
    }

    /// Submits the latest revision for review.
    public mutating func submit(by user: String) throws(DocumentsError) { try applyToLatest(.submit(by: user)) }

    /// Signs the review of the latest revision.
    public mutating func review(by user: String) throws(DocumentsError) { try applyToLatest(.review(by: user)) }

    /// Sends the latest revision back to draft.
    public mutating func reject(by user: String) throws(DocumentsError) { try applyToLatest(.reject(by: user)) }

    /// Approves the latest revision, then settles: approving with immediate effect supersedes the
    /// revision that was effective. Returns the numbers of every revision that changed.
    @discardableResult
    public mutating func approve(by user: String, effectiveDate: String, today: String) throws(DocumentsError) -> [Int] {
        try applyToLatest(.approve(by: user, effectiveDate: effectiveDate, today: today))
        return Array(Set(settle(today: today) + revisions.suffix(1).map(\.number))).sorted()
    }

    /// Retires every revision that is not yet superseded or retired; refused when there is none.
    /// Call `settle(today:)` first so that overtaken revisions end as superseded, not retired.
    /// Returns the numbers of the revisions retired.
    @discardableResult
    public mutating func retire(by user: String) throws(DocumentsError) -> [Int] {
        var next = self
        for index in next.revisions.indices where !next.revisions[index].status.isTerminal {
            try next.revisions[index].apply(.retire(by: user), record: name(of: next.revisions[index]))
        }
        let retired = zip(revisions, next.revisions).filter { $0.status != $1.status }.map(\.0.number)
        guard !retired.isEmpty else {
            throw .invalidTransition(record: id, from: "retired", event: "retire",
                                     reason: "every revision is already superseded or retired; there is nothing to retire")
        }
        self = next
        return retired
    }

    /// How revision errors name the revision: `SOP-0001 revision 2`.
    public func name(of revision: SOPRevision) -> String { "\(id) revision \(revision.number)" }

    private mutating func applyToLatest(_ event: SOPRevision.Event) throws(DocumentsError) {
        guard let last = revisions.last else {
            throw .invalidTransition(record: id, from: "empty", event: event.name, reason: "the SOP has no revision; the record is damaged")
        }
        try revisions[revisions.count - 1].apply(event, record: name(of: last))
    }

    private static func isDue(_ revision: SOPRevision, today: String) -> Bool {
        revision.status == .approved && (revision.effectiveDate.map { $0 <= today } ?? false)
    }

    private static func hasTakenEffect(_ revision: SOPRevision, today: String) -> Bool {
        revision.status == .effective || revision.status == .superseded || isDue(revision, today: today)
    }
}

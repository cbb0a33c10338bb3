import Documents
import Testing

@Suite struct SOPLifecycleTests {
    static let today = "2026-11-25"
    static let later = "2026-12-01"

    /// A revision in each state; `reviewed` is in review with a review signature.
    enum Situation: String, CaseIterable, Sendable {
        case draft, inReview, reviewed, approved, effective, superseded, retired

        var revision: SOPRevision {
            let signed = SOPRevision(number: 2, status: .approved, authors: ["alice"], reviewer: "bob", approver: "carol",
                                     effectiveDate: SOPLifecycleTests.later)
            switch self {
            case .draft: return SOPRevision(number: 2, status: .draft, authors: ["alice"])
            case .inReview: return SOPRevision(number: 2, status: .inReview, authors: ["alice"])
            case .reviewed: return SOPRevision(number: 2, status: .inReview, authors: ["alice"], reviewer: "bob")
            case .approved: return signed
            case .effective, .superseded, .retired:
                var revision = signed
                revision.effectiveDate = "2026-06-01"
                revision.status = self == .effective ? .effective : self == .superseded ? .superseded : .retired
                return revision
            }
        }
    }

    /// Each event, signed by someone who is not an author (identity rules are tested separately).
    enum EventCase: String, CaseIterable, Sendable {
        case edit, submit, review, reject, approveNow, approveLater, becomeEffective, supersede, retire

        var event: SOPRevision.Event {
            switch self {
            case .edit: .edit(by: "dave")
            case .submit: .submit(by: "alice")
            case .review: .review(by: "bob")
            case .reject: .reject(by: "bob")
            case .approveNow: .approve(by: "carol", effectiveDate: SOPLifecycleTests.today, today: SOPLifecycleTests.today)
            case .approveLater: .approve(by: "carol", effectiveDate: SOPLifecycleTests.later, today: SOPLifecycleTests.today)
            case .becomeEffective: .becomeEffective(today: SOPLifecycleTests.later)
            case .supersede: .supersede
            case .retire: .retire(by: "dave")
            }
        }
    }

    /// The whole transition table: what each state becomes after each event; absent = refused.
    static let table: [Situation: [EventCase: SOPRevision.Status]] = [
        .draft: [.edit: .draft, .submit: .inReview, .retire: .retired],
        .inReview: [.review: .inReview, .reject: .draft, .retire: .retired],
        .reviewed: [.reject: .draft, .approveNow: .effective, .approveLater: .approved, .retire: .retired],
        .approved: [.becomeEffective: .effective, .retire: .retired],
        .effective: [.supersede: .superseded, .retire: .retired],
        .superseded: [:],
        .retired: [:],
    ]

    @Test("every state × event pair gives the table's state or is refused from that state",
          arguments: Situation.allCases, EventCase.allCases)
    func transition(situation: Situation, event: EventCase) throws {
        let before = situation.revision
        var revision = before
        if let expected = Self.table[situation]?[event] {
            try revision.apply(event.event, record: "SOP-0001 revision 2")
            #expect(revision.status == expected)
        } else {
            #expect {
                try revision.apply(event.event, record: "SOP-0001 revision 2")
            } throws: { error in
                guard case DocumentsError.invalidTransition(let record, let from, let name, _) = error else { return false }
                return record == "SOP-0001 revision 2" && from == before.status.rawValue && name == event.event.name
            }
            #expect(revision == before, "a refused event changes nothing")
        }
    }

    @Test("an edit adds a new author once; the review and reject record and clear the reviewer")
    func fields() throws {
        var revision = Situation.draft.revision
        try revision.apply(.edit(by: "dave"), record: "R")
        try revision.apply(.edit(by: "alice"), record: "R")
        try revision.apply(.edit(by: "dave"), record: "R")
        #expect(revision.authors == ["alice", "dave"])
        try revision.apply(.submit(by: "alice"), record: "R")
        try revision.apply(.review(by: "bob"), record: "R")
        #expect(revision.reviewer == "bob")
        try revision.apply(.reject(by: "bob"), record: "R")
        #expect(revision.status == .draft && revision.reviewer == nil)
        try revision.apply(.submit(by: "alice"), record: "R")
        try revision.apply(.review(by: "erin"), record: "R")
        try revision.apply(.approve(by: "carol", effectiveDate: Self.later, today: Self.today), record: "R")
        #expect(revision == SOPRevision(number: 2, status: .approved, authors: ["alice", "dave"], reviewer: "erin",
                                        approver: "carol", effectiveDate: Self.later))
    }

    /// Expects `event` on `revision` to be refused with a reason containing `reason`.
    static func refuses(_ revision: SOPRevision, _ event: SOPRevision.Event, because reason: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        var copy = revision
        #expect(sourceLocation: sourceLocation) { try copy.apply(event, record: "R") } throws: { error in
            guard case DocumentsError.invalidTransition(_, _, _, let why) = error else { return false }
            return why.contains(reason)
        }
    }

    @Test("no author may review their own revision, even one of several authors")
    func selfReview() {
        var revision = Situation.inReview.revision
        revision.authors = ["alice", "dave"]
        Self.refuses(revision, .review(by: "alice"), because: "alice is an author")
        Self.refuses(revision, .review(by: "dave"), because: "dave is an author")
    }

    @Test("a revision is reviewed once; a second review is refused")
    func secondReview() {
        Self.refuses(Situation.reviewed.revision, .review(by: "erin"), because: "bob has reviewed it already")
    }

    @Test("approval needs a review, and neither an author nor the reviewer may approve")
    func approvalIdentities() {
        Self.refuses(Situation.inReview.revision, .approve(by: "carol", effectiveDate: Self.today, today: Self.today),
                     because: "has not been reviewed")
        Self.refuses(Situation.reviewed.revision, .approve(by: "alice", effectiveDate: Self.today, today: Self.today),
                     because: "alice is an author")
        Self.refuses(Situation.reviewed.revision, .approve(by: "bob", effectiveDate: Self.today, today: Self.today),
                     because: "bob reviewed it")
    }

    @Test("a revision in review cannot be edited: it must be rejected to draft first")
    func editInReview() {
        Self.refuses(Situation.inReview.revision, .edit(by: "alice"), because: "reject it back to draft first")
    }

    @Test("an approved revision becomes effective on its date, not a day before")
    func becomeEffectiveOnDate() throws {
        Self.refuses(Situation.approved.revision, .becomeEffective(today: "2026-11-30"), because: "becomes effective on 2026-12-01")
        var revision = Situation.approved.revision
        try revision.apply(.becomeEffective(today: "2026-12-02"), record: "R")
        #expect(revision.status == .effective)
    }

    @Test("malformed dates are refused as an invalid field, not compared", arguments: ["2026-1-05", "20261205", "2026-13-01", "next week"])
    func malformedDates(date: String) {
        var revision = Situation.reviewed.revision
        #expect {
            try revision.apply(.approve(by: "carol", effectiveDate: date, today: Self.today), record: "R")
        } throws: { error in
            guard case DocumentsError.invalidField(_, let field, _) = error else { return false }
            return field == "effectiveDate"
        }
        #expect(revision == Situation.reviewed.revision)
    }
}

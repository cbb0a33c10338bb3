import Documents
import Testing

/// SOP-level operations: revising, approving, effective dating, settling and retiring.
extension SOPLifecycleTests {
    /// An SOP with revision 1 effective since 2026-06-01 (authored by alice, reviewed by bob, approved by carol).
    static func effectiveSOP() throws -> SOP {
        var sop = try SOP.draft(id: "SOP-0001", title: "Gauge calibration", author: "alice", at: "2026-05-01T08:00:00Z")
        try sop.submit(by: "alice")
        try sop.review(by: "bob")
        #expect(try sop.approve(by: "carol", effectiveDate: "2026-06-01", today: "2026-06-01") == [1])
        return sop
    }

    /// Opens, submits, reviews and approves the next revision.
    static func approveNext(_ sop: inout SOP, effective date: String, today: String) throws -> [Int] {
        try sop.revise(by: "dave")
        try sop.submit(by: "dave")
        try sop.review(by: "bob")
        return try sop.approve(by: "carol", effectiveDate: date, today: today)
    }

    @Test("a new SOP is a draft revision 1 by its author; bad IDs and titles are refused")
    func newSOP() throws {
        let sop = try SOP.draft(id: "SOP-0007", title: "T", author: "alice", at: "2026-05-01T08:00:00Z")
        #expect(sop.revisions == [SOPRevision(number: 1, status: .draft, authors: ["alice"])])
        #expect(sop.effectiveRevision(today: "2030-01-01") == nil)
        #expect(throws: DocumentsError.self) { _ = try SOP.draft(id: "SOP-7", title: "T", author: "a", at: "") }
        #expect(throws: DocumentsError.self) { _ = try SOP.draft(id: "SOP-0007", title: "A\nB", author: "a", at: "") }
        #expect(throws: DocumentsError.self) { _ = try SOP.draft(id: "SOP-0007", title: "", author: "a", at: "") }
    }

    @Test("revise edits the open draft, or opens the next revision; it is refused while in review")
    func revise() throws {
        var sop = try Self.effectiveSOP()
        try sop.revise(by: "dave")
        try sop.revise(by: "erin")
        #expect(sop.revisions.map(\.number) == [1, 2])
        #expect(sop.latest == SOPRevision(number: 2, status: .draft, authors: ["dave", "erin"]))
        try sop.submit(by: "dave")
        #expect {
            try sop.revise(by: "dave")
        } throws: { error in
            guard case DocumentsError.invalidTransition(let record, let from, _, let why) = error else { return false }
            return record == "SOP-0001 revision 2" && from == "in-review" && why.contains("reject it back to draft first")
        }
    }

    @Test("approval with immediate effect supersedes the revision that was effective")
    func immediateEffect() throws {
        var sop = try Self.effectiveSOP()
        #expect(try Self.approveNext(&sop, effective: "2026-11-25", today: "2026-11-25") == [1, 2])
        #expect(sop.revisions.map(\.status) == [.superseded, .effective])
        #expect(sop.effectiveRevision(today: "2026-11-25")?.number == 2)
    }

    @Test("a future effective date keeps the previous revision effective until that date; settle writes the change")
    func futureEffectiveDate() throws {
        var sop = try Self.effectiveSOP()
        #expect(try Self.approveNext(&sop, effective: "2026-12-01", today: "2026-11-25") == [2])
        #expect(sop.revisions.map(\.status) == [.effective, .approved])
        for (day, served, statuses) in [
            ("2026-11-30", 1, [SOPRevision.Status.effective, .approved]),
            ("2026-12-01", 2, [.superseded, .effective]),
        ] {
            #expect(sop.effectiveRevision(today: day)?.number == served)
            #expect(sop.revisions.map { sop.status(of: $0, today: day) } == statuses)
            #expect(sop.status(ofRevision: 2, today: day) == statuses[1])
        }
        #expect(sop.settle(today: "2026-11-30") == [])
        #expect(sop.revisions.map(\.status) == [.effective, .approved])
        #expect(sop.settle(today: "2026-12-01") == [1, 2])
        #expect(sop.revisions.map(\.status) == [.superseded, .effective])
        #expect(sop.settle(today: "2027-01-01") == [], "settling twice changes nothing")
    }

    @Test("a newer revision that takes effect first overtakes an older pending one, which is never served")
    func overtaken() throws {
        var sop = try Self.effectiveSOP()
        _ = try Self.approveNext(&sop, effective: "2026-12-15", today: "2026-11-25")
        _ = try Self.approveNext(&sop, effective: "2026-12-01", today: "2026-11-25")
        #expect(sop.effectiveRevision(today: "2026-12-01")?.number == 3)
        #expect(sop.effectiveRevision(today: "2026-12-20")?.number == 3)
        #expect(sop.revisions.map { sop.status(of: $0, today: "2026-12-20") } == [.superseded, .superseded, .effective])
        sop.settle(today: "2026-12-20")
        #expect(sop.revisions.map(\.status) == [.superseded, .superseded, .effective])
    }

    @Test("retire retires every open revision, then the SOP never changes again")
    func retire() throws {
        var sop = try Self.effectiveSOP()
        _ = try Self.approveNext(&sop, effective: "2026-11-25", today: "2026-11-25")
        try sop.revise(by: "dave")
        #expect(try sop.retire(by: "quinn") == [2, 3])
        #expect(sop.revisions.map(\.status) == [.superseded, .retired, .retired])
        #expect(sop.isRetired && sop.effectiveRevision(today: "2030-01-01") == nil)
        var copy = sop
        #expect { try copy.revise(by: "dave") } throws: { Self.isRefusalOfRetiredSOP($0) }
        #expect { _ = try copy.retire(by: "quinn") } throws: { Self.isRefusalOfRetiredSOP($0) }
        #expect(copy == sop)
    }

    static func isRefusalOfRetiredSOP(_ error: any Error) -> Bool {
        guard case DocumentsError.invalidTransition(let record, let from, _, _) = error else { return false }
        return record == "SOP-0001" && from == "retired"
    }
}

import Documents
import Foundation
import RecordRepo
import Testing

/// Days that do not exist are refused everywhere a day is typed; the plant's time zone decides
/// which day an act falls on.
@Suite struct DayAndZoneTests {
    @Test("only days of the calendar are days", arguments: [
        ("2024-02-29", true), ("2025-02-29", false), ("2026-02-31", false), ("2026-04-31", false), ("2026-12-31", true),
        ("0000-01-01", false), ("2026-13-01", false), ("2026-00-10", false), ("2026-1-01", false), ("2026-01-01 ", false),
    ])
    func calendar(text: String, exists: Bool) {
        #expect(Day.exists(text) == exists)
    }

    @Test("an approval effective on a day that does not exist is refused naming the field; main stays put")
    func impossibleEffectiveDate() throws {
        let plant = try Plant()
        plant.tick()
        let sop = try plant.records.createSOP(title: "Check", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora)
        plant.tick(); _ = try plant.records.submitSOP(sop.id, reason: "Ready", by: plant.dora)
        plant.tick(); _ = try plant.records.reviewSOP(sop.id, reason: "Fine", by: plant.dan)
        let head = try plant.repo.head()
        #expect {
            _ = try plant.records.approveSOP(sop.id, effective: "2026-02-31", reason: "x", by: plant.quinn)
        } throws: { error in
            guard case DocumentsError.invalidField(_, let field, let reason) = error else { return false }
            return field == "effective date" && reason.contains("2026-02-31")
        }
        #expect(try plant.repo.head() == head)
    }

    @Test("with the plant in Auckland, 12:00 UTC on 25 November is already the 26th: an approval effective the 25th is backdated")
    func plantTimeZone() throws {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.proposePolicyChange(PolicyKind.Proposal(grant: [], revoke: [], set: [], timeZone: "Pacific/Auckland"),
                                                  reason: "The plant is in New Zealand", by: try plant.repo.admin())
        plant.tick(); _ = try plant.records.approvePolicyChange(reason: "Agreed", by: plant.quinn)
        #expect(try plant.records.policy().timeZone == "Pacific/Auckland")
        plant.tick()
        let sop = try plant.records.createSOP(title: "Check", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora)
        plant.tick(); _ = try plant.records.submitSOP(sop.id, reason: "Ready", by: plant.dora)
        plant.tick(); _ = try plant.records.reviewSOP(sop.id, reason: "Fine", by: plant.dan)
        let noon = Date(timeIntervalSince1970: 1_764_072_000)  // 2025-11-25T12:00:00Z
        plant.repo.clock.advance(noon.timeIntervalSince(plant.repo.clock.now))
        #expect {
            _ = try plant.records.approveSOP(sop.id, effective: "2025-11-25", reason: "x", by: plant.quinn)
        } throws: { error in
            guard case DocumentsError.invalidField(_, _, let reason) = error else { return false }
            return reason.contains("in the past")
        }
        let approved = try plant.records.approveSOP(sop.id, effective: nil, reason: "Approved", by: plant.quinn)
        #expect(approved.latest?.effectiveDate == "2025-11-26")
        #expect(ReplayTests.verify(plant).ok, "\(ReplayTests.verify(plant).failures)")
    }

    @Test("a time zone that does not exist is refused when proposed")
    func unknownZone() throws {
        let plant = try Plant()
        #expect(throws: DocumentsError.self) {
            try plant.records.proposePolicyChange(PolicyKind.Proposal(grant: [], revoke: [], set: [], timeZone: "Mars/Olympus"),
                                                  reason: "x", by: try plant.repo.admin())
        }
    }

    @Test("audit refuses an unknown user, kind or impossible day, naming the valid values")
    func auditArguments() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let user = try cli.run(["audit", "--user", "nobody"])
        #expect(user.status == 1 && user.stderr.contains("has no account") && user.stderr.contains("alice, dan"), "\(user.stderr)")
        let kind = try cli.run(["audit", "--kind", "workorder"])
        #expect(kind.status == 2 && kind.stderr.contains("sop, wo, pm, req, train, dev, capa, drill, review, alert, clock, mh, imp, equipment, std, cal, account, policy"), "\(kind.stderr)")
        let record = try cli.run(["audit", "--record", "WO-999999"])
        #expect(record.status == 1 && record.stderr.contains("is no record here"), "\(record.stderr)")
        let equipment = try cli.run(["audit", "--equipment", "PUMP-1"])
        #expect(equipment.status == 1 && equipment.stderr.contains("the equipment is AC-101"), "\(equipment.stderr)")
        let day = try cli.run(["audit", "--since", "2026-02-31"])
        #expect(day.status == 2 && day.stderr.contains("calendar day"), "\(day.stderr)")
    }
}

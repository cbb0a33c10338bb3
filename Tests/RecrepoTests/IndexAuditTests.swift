import Documents
import Foundation
import RecordIndex
import RecordRepo
import Testing

/// Audit queries over three days, two pieces of equipment in two departments and several users;
/// every expected list is taken from the acts' own trailers read back from git, not from the index.
@Suite struct IndexAuditTests {
    let plant: Plant
    let index: RecordIndex
    /// Every act on main, oldest first.
    let log: [ActInfo]
    let sop: String
    var pumpAdd = "", wo1Create = "", wo1Start = "", wo2Create = "", wo2Start = "", wo2Step = ""
    static let day0 = "2025-11-25", day1 = "2025-11-26", day2 = "2025-11-27"

    init() throws {
        plant = try Plant()
        sop = try plant.effectiveSOP(Plant.checklist).id
        plant.tick(86_400)
        _ = try plant.records.addEquipment("PUMP-201", name: "Feed pump", location: "Plant room", department: "Utilities",
                                           reason: "Commissioned", by: plant.sam)
        pumpAdd = try IndexTests.head(plant)
        let wo1 = try plant.job(sop)
        wo1Create = try IndexTests.head(plant)
        plant.tick(); _ = try plant.records.startWorkOrder(wo1.id, reason: nil, by: plant.tess)
        wo1Start = try IndexTests.head(plant)
        plant.tick(86_400)
        let wo2 = try plant.records.createWorkOrder(sop: sop, equipment: "PUMP-201", title: "Seal check", assignee: "tom",
                                                    reason: "Leak reported", by: plant.sam)
        wo2Create = try IndexTests.head(plant)
        plant.tick(); _ = try plant.records.startWorkOrder(wo2.id, reason: nil, by: plant.tom)
        wo2Start = try IndexTests.head(plant)
        plant.tick(); _ = try plant.records.signStep(wo2.id, number: 1, note: nil, by: plant.tom)
        wo2Step = try IndexTests.head(plant)
        log = try plant.records.ledger.log().reversed()
        index = try RecordIndex.open(for: plant.records)
        try index.update()
    }

    func audit(_ filter: AuditFilter) throws -> [String] { try index.audit(filter).map(\.commit) }
    func expected(_ include: (ActInfo) -> Bool) -> [String] { log.filter(include).map(\.commit.hex) }
    func day(_ act: ActInfo) -> String { String(Timestamp.iso(act.time).prefix(10)) }

    @Test("each filter on its own returns exactly the matching acts, oldest first")
    func singleFilters() throws {
        #expect(try audit(AuditFilter()) == log.map(\.commit.hex))
        // Besides their jobs, each user signed the change of their one-time password.
        #expect(try audit(AuditFilter(user: "tess")) == expected { $0.signer == "tess" && $0.record == "tess" } + [wo1Start])
        #expect(try audit(AuditFilter(user: "tom")) == expected { $0.signer == "tom" && $0.record == "tom" } + [wo2Start, wo2Step])
        #expect(try audit(AuditFilter(user: "sam")) == expected { $0.signer == "sam" })
        #expect(try audit(AuditFilter(kind: "wo")) == [wo1Create, wo1Start, wo2Create, wo2Start, wo2Step])
        #expect(try audit(AuditFilter(kind: "equipment")) == expected { $0.record == "AC-101" } + [pumpAdd])
        let sopActs = expected { $0.record == sop }
        #expect(sopActs.count == 4)
        #expect(try audit(AuditFilter(kind: "sop")) == sopActs)
        let people = ["alice", "dora", "dan", "quinn", "quentin", "sam", "tess", "tom"]
        #expect(try audit(AuditFilter(kind: "account")) == expected { people.contains($0.record) })
        #expect(try audit(AuditFilter(record: "WO-000002")) == [wo2Create, wo2Start, wo2Step])
        #expect(try audit(AuditFilter(record: "tom")) == expected { $0.record == "tom" })
        #expect(try audit(AuditFilter(meaning: .execution)) == [wo1Start, wo2Start, wo2Step])
        #expect(try audit(AuditFilter(meaning: .approval)) == expected { $0.meaning == .approval })
    }

    @Test("equipment and department filters follow the work order's equipment, else the signer's department")
    func equipmentAndDepartment() throws {
        let ac = expected { $0.record == "AC-101" } + [wo1Create, wo1Start]
        #expect(try audit(AuditFilter(equipment: "AC-101")) == ac)
        #expect(try audit(AuditFilter(equipment: "PUMP-201")) == [pumpAdd, wo2Create, wo2Start, wo2Step])
        #expect(try audit(AuditFilter(department: "Sterile")) == ac)
        #expect(try audit(AuditFilter(department: "Utilities")) == [pumpAdd, wo2Create, wo2Start, wo2Step])
        // Everything else signed by someone of Maintenance (alice, the admin, has no department).
        let equipmentActs = ["AC-101", "PUMP-201", "WO-000001", "WO-000002"]
        let maintenance = expected { $0.signer != "alice" && !equipmentActs.contains($0.record) }
        #expect(maintenance.count > 8)
        #expect(try audit(AuditFilter(department: "Maintenance")) == maintenance)
        #expect(try audit(AuditFilter(equipment: "AC-999")).isEmpty)
    }

    @Test("days are inclusive at both ends, in UTC")
    func days() throws {
        #expect(try audit(AuditFilter(since: Self.day1)) == expected { day($0) >= Self.day1 })
        #expect(try audit(AuditFilter(since: Self.day1)) == [pumpAdd, wo1Create, wo1Start, wo2Create, wo2Start, wo2Step])
        #expect(try audit(AuditFilter(until: Self.day0)) == expected { day($0) == Self.day0 })
        #expect(try audit(AuditFilter(since: Self.day1, until: Self.day1)) == [pumpAdd, wo1Create, wo1Start])
        #expect(try audit(AuditFilter(since: Self.day2, until: Self.day2)) == [wo2Create, wo2Start, wo2Step])
        #expect(try audit(AuditFilter(since: "2025-11-28")).isEmpty)
        #expect(try audit(AuditFilter(until: "2025-11-24")).isEmpty)
        for bad in ["2025-13-01", "yesterday", "2025-11-26T00:00:00Z", "2025-1-26", ""] {
            #expect(throws: IndexError.self, "\(bad)") { try index.audit(AuditFilter(since: bad)) }
            #expect(throws: IndexError.self, "\(bad)") { try index.audit(AuditFilter(until: bad)) }
        }
    }

    @Test("filters combine with AND")
    func combinations() throws {
        let all = AuditFilter(since: Self.day2, until: Self.day2, user: "tom", kind: "wo", record: "WO-000002",
                              meaning: .execution, equipment: "PUMP-201", department: "Utilities")
        #expect(try audit(all) == [wo2Start, wo2Step])
        #expect(try audit(AuditFilter(since: Self.day1, until: Self.day1, kind: "wo")) == [wo1Create, wo1Start])
        #expect(try audit(AuditFilter(user: "sam", equipment: "PUMP-201")) == [pumpAdd, wo2Create])
        #expect(try audit(AuditFilter(user: "tess", equipment: "PUMP-201")).isEmpty)
        #expect(try audit(AuditFilter(since: Self.day2, kind: "equipment")).isEmpty)
    }

    @Test("acts after a commit are counted for the unreviewed total")
    func actCount() throws {
        #expect(try index.actCount(after: nil) == log.count)
        #expect(try index.actCount(after: wo1Start) == 3)
        #expect(try index.actCount(after: wo2Step) == 0)
        #expect(try index.actCount(after: log[0].commit.hex) == log.count - 1)
        #expect(throws: IndexError.self) { try index.actCount(after: String(repeating: "0", count: 40)) }
    }
}

import Documents
import RecordRepo
import Testing

@Suite struct RecordIDTests {
    @Test("well-formed IDs of each kind are accepted", arguments: [
        ("SOP-0001", RecordKind.sop), ("SOP-123456789", .sop), ("WO-000001", .workOrder), ("WO-123456789", .workOrder),
        ("PUMP-101", .equipment), ("AB-1", .equipment), ("ABCDEFGHIJK9-123456789", .equipment), ("P2-7", .equipment),
        ("DRILL-000001", .drill), ("AR-000001", .review), ("AR-123456789", .review),
    ])
    func accepted(id: String, kind: RecordKind) throws {
        try RecordID.validate(id, kind: kind)
    }

    @Test("hostile or malformed IDs are refused, naming the field", arguments: [
        "", "../x", ".git", "a/b", "SOP-0001\n", "SOP-0001\0", "SOP-0001/../x", "sop-0001", "SOP-1234567890",
        " SOP-0001", "SOP-0001 ", "SOP-０００１", "SOP-00a1", "SOP--0001", "SOP0001", "SOP-", "-0001",
        "WO-1234567890", "wo-000001", "P-1", "PUMP-", "1PUMP-1", "pump-1", "ABCDEFGHIJKLM-1",
        "PUMP-1234567890", "PÜMP-1", "PUMP_1", "PUMP-1.json", String(repeating: "A", count: 300) + "-1",
    ])
    func refused(id: String) {
        for kind in RecordKind.allCases where kind.form == .numbered {
            #expect {
                try RecordID.validate(id, kind: kind, field: "equipment")
            } throws: { error in
                guard case DocumentsError.invalidField(_, let field, _) = error else { return false }
                return field == "equipment"
            }
            #expect(throws: DocumentsError.self) { _ = try RecordID.path(kind: kind, id: id) }
        }
    }

    @Test("an ID of one kind is not an ID of another")
    func kindsDiffer() throws {
        #expect(throws: DocumentsError.self) { try RecordID.validate("WO-000001", kind: .sop) }
        #expect(throws: DocumentsError.self) { try RecordID.validate("SOP-0001", kind: .workOrder) }
        #expect(throws: DocumentsError.self) { try RecordID.validate("SOP-000001", kind: .workOrder) }
        #expect(throws: DocumentsError.self) { try RecordID.validate("SOP-001", kind: .sop) }
        #expect(throws: DocumentsError.self) { try RecordID.validate("WO-00001", kind: .workOrder) }
        // Well-formed equipment IDs nonetheless; each kind has its own folder, so they never collide.
        try RecordID.validate("SOP-001", kind: .equipment)
        try RecordID.validate("WO-00001", kind: .equipment)
        #expect(throws: DocumentsError.self) { try RecordID.validate("AR-00001", kind: .review) }
        #expect(throws: DocumentsError.self) { try RecordID.validate("AR-000001", kind: .drill) }
        #expect(try RecordID.generatedID(kind: .review, number: 7) == "AR-000007")
        #expect(try RecordID.path(kind: .review, id: "AR-000123") == "review/0000/01/AR-000123.json")
    }

    @Test("generated IDs are zero-padded to 4 (SOP) and 6 (work order) digits")
    func generated() throws {
        #expect(try RecordID.generatedID(kind: .sop, number: 1) == "SOP-0001")
        #expect(try RecordID.generatedID(kind: .sop, number: 9999) == "SOP-9999")
        #expect(try RecordID.generatedID(kind: .sop, number: 12345) == "SOP-12345")
        #expect(try RecordID.generatedID(kind: .workOrder, number: 1) == "WO-000001")
        #expect(try RecordID.generatedID(kind: .workOrder, number: 1_234_567) == "WO-1234567")
        for number in [0, -1, 1_000_000_000] {
            #expect(throws: DocumentsError.self) { _ = try RecordID.generatedID(kind: .sop, number: number) }
            #expect(throws: DocumentsError.self) { _ = try RecordID.generatedID(kind: .workOrder, number: number) }
        }
        for number in [1, 99, 100, 999_999_999] {
            try RecordID.validate(try RecordID.generatedID(kind: .sop, number: number), kind: .sop)
            try RecordID.validate(try RecordID.generatedID(kind: .workOrder, number: number), kind: .workOrder)
        }
    }

    @Test("records are sharded in two levels: number / 10,000, then number / 100 modulo 100")
    func paths() throws {
        #expect(try RecordID.path(kind: .sop, id: "SOP-0001") == "sop/0000/00/SOP-0001.json")
        #expect(try RecordID.sopBodyPath(id: "SOP-0001") == "sop/0000/00/SOP-0001.md")
        #expect(try RecordID.path(kind: .sop, id: "SOP-0100") == "sop/0000/01/SOP-0100.json")
        #expect(try RecordID.path(kind: .workOrder, id: "WO-000123") == "wo/0000/01/WO-000123.json")
        #expect(try RecordID.path(kind: .workOrder, id: "WO-999999") == "wo/0099/99/WO-999999.json")
        #expect(try RecordID.path(kind: .workOrder, id: "WO-123456789") == "wo/12345/67/WO-123456789.json")
        #expect(try RecordID.path(kind: .equipment, id: "PUMP-101") == "equipment/0000/01/PUMP-101.json")
        #expect(throws: DocumentsError.self) { _ = try RecordID.sopBodyPath(id: "WO-000001") }
    }

    @Test("no folder of 100,000 work orders holds more than 100 entries")
    func shardSize() throws {
        var folders: [String: Set<String>] = [:]
        for number in 1...100_000 {
            let path = try RecordID.path(kind: .workOrder, id: try RecordID.generatedID(kind: .workOrder, number: number))
            var parts = path.split(separator: "/").map(String.init)
            while parts.count > 1 {
                let name = parts.removeLast()
                folders[parts.joined(separator: "/"), default: []].insert(name)
            }
        }
        #expect(folders.values.map(\.count).max() == 100)
        #expect(folders["wo"]?.count == 11)
        #expect(try RecordID.shard(of: "SOP-0099", kind: .sop) != RecordID.shard(of: "SOP-0100", kind: .sop))
        #expect(try RecordID.shard(of: "SOP-0100", kind: .sop) == RecordID.shard(of: "SOP-0199", kind: .sop))
    }

    @Test("every generated path is a path the ledger accepts")
    func ledgerAcceptsPaths() throws {
        for (id, kind) in [("SOP-0001", RecordKind.sop), ("WO-123456789", .workOrder), ("ABCDEFGHIJK9-123456789", .equipment)] {
            _ = try RecordPath(try RecordID.path(kind: kind, id: id))
        }
        _ = try RecordPath(try RecordID.sopBodyPath(id: "SOP-123456789"))
    }

    @Test("user IDs follow ^[a-z][a-z0-9._-]{1,31}$", arguments: [
        ("jdoe", true), ("a.b_c-d9", true), ("ab", true), (String(repeating: "a", count: 32), true),
        ("a", false), ("", false), ("Jdoe", false), ("9lives", false), ("j doe", false), ("jdoe\n", false),
        ("../x", false), ("a/b", false), (String(repeating: "a", count: 33), false), ("jdöe", false),
    ])
    func users(id: String, valid: Bool) {
        #expect(((try? RecordID.validateUser(id, field: "assignee")) != nil) == valid)
    }
}

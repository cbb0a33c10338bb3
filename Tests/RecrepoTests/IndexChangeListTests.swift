import Documents
import Foundation
@testable import RecordIndex
import RecordRepo
import Testing

/// The index keeps each act's changes to a record in one row, as a list: it must give back every
/// value exactly, keep an absent side apart from JSON `null`, and hold the deepest record the JSON
/// parser accepts.
@Suite struct IndexChangeListTests {
    /// `[[…[value]…]]`, `depth` arrays deep around `value`.
    static func nested(_ depth: Int, around value: JSONValue = .integer(1)) -> JSONValue {
        (0..<depth).reduce(value) { inner, _ in .array([inner]) }
    }

    @Test("a change list reads back as written: absent apart from null, escapes, Unicode, containers")
    func roundTrip() throws {
        let changes = [
            FieldChange(field: "status", old: .string("open"), new: .string("closed")),
            FieldChange(field: "note", old: nil, new: .null),
            FieldChange(field: "gone", old: .null, new: nil),
            FieldChange(field: "a \"quoted\" field\n", old: .string("Tèss\u{7}"), new: .object(["b": .array([.integer(-1), .number(1.5)])])),
            FieldChange(field: "", old: .integer(1), new: .integer(2)),
            FieldChange(field: "=+-", old: nil, new: .array([])),
            FieldChange(field: "-", old: .object([:]), new: nil),
        ]
        #expect(try ChangeList.changes(ChangeList.text(changes), record: "WO-000001") == changes)
        #expect(try ChangeList.changes(ChangeList.text([]), record: "WO-000001") == [])
    }

    @Test("a damaged change list is refused, naming the record")
    func damaged() {
        for text in ["", "{}", "[1]", #"[{"old": 1}]"#, #"[{"field": "a", "extra": 1}]"#, #"[["a", 1]]"#, #"[["+a"]]"#,
                     #"[["=a", 1]]"#, #"[["+a", 1, 2]]"#, #"[["-a", 1, 2]]"#, #"[[""]]"#, #"[[1, 2]]"#] {
            #expect {
                _ = try ChangeList.changes(text, record: "WO-000001")
            } throws: { error in
                "\(error)".contains("WO-000001")
            }
        }
    }

    @Test("a record as deep as the parser allows keeps its values in the index, rebuilt or updated")
    func deepRecord() throws {
        let plant = try Plant()
        let index = try RecordIndex.open(for: plant.records)
        // The deepest document JSONParser accepts: the innermost value sits 63 levels down.
        let deepest = Self.nested(63)
        let path = try RecordID.path(kind: .workOrder, id: "WO-000009")
        for (number, content) in [JSONValue.object(["a": .null]), .object([:]), deepest].enumerated() {
            _ = try ReplayTests.forge(plant, record: "WO-000009", meaning: .authorship, event: nil, path: path,
                                      content: Data(CanonicalJSON.bytes(of: content)), by: plant.sam)
            try index.update()
            #expect(try index.revisions(of: "WO-000009").count == number + 1)
        }
        let history = try index.history(of: "WO-000009")
        // A change of type at the root removes the empty object and adds the array's one leaf.
        #expect(history.map(\.field) == ["a", "a", "$", String(repeating: "[0]", count: 63)])
        #expect(history.map(\.old) == [nil, .null, .object([:]), nil])
        #expect(history.map(\.new) == [.null, nil, nil, .integer(1)])
        let incremental = try index.contentDigest()
        try index.rebuild()
        #expect(try index.contentDigest() == incremental)
    }

    @Test("records of two kinds with one ID, changed by one act: one revision, the fields of both in kind order")
    func sharedID() throws {
        let plant = try Plant()
        let index = try RecordIndex.open(for: plant.records)
        plant.tick()
        let act = Act(record: "WO-000010", revision: 1, meaning: .authorship, reason: "Forged", summary: "Two kinds, one ID",
                      changes: [(try RecordPath(try RecordID.path(kind: .workOrder, id: "WO-000010")), Data(#"{"w":1}"#.utf8)),
                                (try RecordPath(try RecordID.path(kind: .equipment, id: "WO-000010")), Data(#"{"e":2}"#.utf8))])
        _ = try plant.records.ledger.append(act, by: plant.sam.signer, basedOn: try plant.repo.head())
        try index.update()
        #expect(try index.revisions(of: "WO-000010").count == 1)
        #expect(try index.history(of: "WO-000010").map(\.field) == ["e", "w"])
        let incremental = try index.contentDigest()
        try index.rebuild()
        #expect(try index.contentDigest() == incremental)
    }
}

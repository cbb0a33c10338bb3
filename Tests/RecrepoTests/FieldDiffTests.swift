import Documents
import Foundation
import Testing

@Suite struct FieldDiffTests {
    private func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Data(text.utf8)) }

    @Test("equal records give no change, and neither does nothing to nothing")
    func noChange() throws {
        let record = try json(#"{"a": 1, "b": {"c": [1, 2, {"d": null}]}}"#)
        #expect(FieldDiff.changes(from: record, to: record).isEmpty)
        #expect(FieldDiff.changes(from: nil, to: nil).isEmpty)
        #expect(FieldDiff.bodyChanges(from: "same\ntext\n", to: "same\ntext\n").isEmpty)
    }

    @Test("creation shows every leaf with old nil, keys sorted, arrays by index, empty containers as leaves")
    func creation() throws {
        let record = try json(#"{"status": "open", "b": {"y": true, "x": null}, "steps": [], "tags": ["p", "q"], "m": {}}"#)
        #expect(FieldDiff.changes(from: nil, to: record) == [
            FieldChange(field: "b.x", old: nil, new: .null),
            FieldChange(field: "b.y", old: nil, new: .bool(true)),
            FieldChange(field: "m", old: nil, new: .object([:])),
            FieldChange(field: "status", old: nil, new: .string("open")),
            FieldChange(field: "steps", old: nil, new: .array([])),
            FieldChange(field: "tags[0]", old: nil, new: .string("p")),
            FieldChange(field: "tags[1]", old: nil, new: .string("q")),
        ])
        #expect(FieldDiff.changes(from: record, to: nil).allSatisfy { $0.new == nil && $0.old != nil })
        #expect(FieldDiff.changes(from: record, to: nil).count == 7)
    }

    @Test("nested objects inside arrays give paths like steps[1].signedBy and revisions[0].reviewer")
    func nested() throws {
        let old = try json(#"{"steps": [{"n": 1, "signedBy": "tess"}, {"n": 2}], "revisions": [{"reviewer": null, "number": 1}]}"#)
        let new = try json(#"{"steps": [{"n": 1, "signedBy": "tess"}, {"n": 2, "signedBy": "tom"}], "revisions": [{"reviewer": "dan", "number": 1}]}"#)
        #expect(FieldDiff.changes(from: old, to: new) == [
            FieldChange(field: "revisions[0].reviewer", old: .null, new: .string("dan")),
            FieldChange(field: "steps[1].signedBy", old: nil, new: .string("tom")),
        ])
    }

    @Test("an array that grows reports the new items' leaves; one that shrinks reports the removed ones")
    func arrays() throws {
        let short = try json(#"{"items": [{"a": 1}], "n": [10]}"#)
        let long = try json(#"{"items": [{"a": 1}, {"a": 2, "b": "x"}], "n": [10, 11, 12]}"#)
        let grown = [
            FieldChange(field: "items[1].a", old: nil, new: .integer(2)),
            FieldChange(field: "items[1].b", old: nil, new: .string("x")),
            FieldChange(field: "n[1]", old: nil, new: .integer(11)),
            FieldChange(field: "n[2]", old: nil, new: .integer(12)),
        ]
        #expect(FieldDiff.changes(from: short, to: long) == grown)
        #expect(FieldDiff.changes(from: long, to: short) == grown.map { FieldChange(field: $0.field, old: $0.new, new: nil) })
        // An array that becomes empty or fills up is compared item by item, without a row for `[]`.
        #expect(FieldDiff.changes(from: try json(#"{"s": []}"#), to: try json(#"{"s": [1]}"#))
                == [FieldChange(field: "s[0]", old: nil, new: .integer(1))])
        // Indices order numerically: [9] before [10]. A root that is not an object has no name before its index.
        let many = try json("[" + (0...10).map(String.init).joined(separator: ",") + "]")
        #expect(FieldDiff.changes(from: nil, to: many).map(\.field).suffix(2) == ["[9]", "[10]"])
        #expect(FieldDiff.changes(from: .integer(1), to: .integer(2)) == [FieldChange(field: "$", old: .integer(1), new: .integer(2))])
    }

    @Test("null and absent differ; a change of type removes the old leaves and adds the new")
    func nullAndTypes() throws {
        #expect(FieldDiff.changes(from: try json(#"{"a": null}"#), to: try json("{}"))
                == [FieldChange(field: "a", old: .null, new: nil)])
        #expect(FieldDiff.changes(from: try json(#"{"a": "x"}"#), to: try json(#"{"a": {"b": 1}}"#)) == [
            FieldChange(field: "a", old: .string("x"), new: nil),
            FieldChange(field: "a.b", old: nil, new: .integer(1)),
        ])
        #expect(FieldDiff.changes(from: try json(#"{"a": 1}"#), to: try json(#"{"a": 1.5}"#))
                == [FieldChange(field: "a", old: .integer(1), new: .number(1.5))])
    }

    @Test("a key that is not an identifier is quoted in brackets")
    func quotedKeys() throws {
        #expect(FieldDiff.changes(from: nil, to: try json(#"{"a b": {"c.d": 1}, "x-y": 2}"#)).map(\.field)
                == [#"["a b"]["c.d"]"#, #"["x-y"]"#])
    }

    @Test("a markdown body gives one change per hunk, removed and added lines joined")
    func body() {
        let old = "# Title\n\n- [ ] Check the seal\n- [ ] Run the test\n\nEnd\n"
        let new = "# Title\n\n- [ ] Check the door seal\n- [ ] Run the test\n\nEnd\nSigned off\n"
        #expect(FieldDiff.bodyChanges(from: old, to: new) == [
            FieldChange(field: "body", old: .string("- [ ] Check the seal"), new: .string("- [ ] Check the door seal")),
            FieldChange(field: "body", old: nil, new: .string("Signed off")),
        ])
        #expect(FieldDiff.bodyChanges(from: nil, to: "a\nb\n") == [FieldChange(field: "body", old: nil, new: .string("a\nb"))])
        #expect(FieldDiff.bodyChanges(from: "a\nb\nc\n", to: "a\nc\n") == [FieldChange(field: "body", old: .string("b"), new: nil)])
        #expect(FieldDiff.bodyChanges(from: nil, to: "") == [FieldChange(field: "body", old: nil, new: .string(""))])
    }

    @Test("FieldChange keeps absent (a missing key) and null apart through JSON")
    func codable() throws {
        for change in [FieldChange(field: "steps[0].signedBy", old: nil, new: .string("tess")),
                       FieldChange(field: "reviewer", old: .null, new: nil)] {
            let data = try JSONEncoder().encode(change)
            #expect(try JSONDecoder().decode(FieldChange.self, from: data) == change)
        }
        let text = String(decoding: try JSONEncoder().encode(FieldChange(field: "a", old: nil, new: .null)), as: UTF8.self)
        #expect(!text.contains("old") && text.contains(#""new":null"#))
    }
}

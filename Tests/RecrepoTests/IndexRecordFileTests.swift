@testable import RecordIndex
import RecordRepo
import Testing

/// Which record a changed file belongs to, from its path alone, and object IDs as hex: both are
/// read or written for every file of every act a rebuild reads.
@Suite struct IndexRecordFileTests {
    @Test("a path names its record's kind, ID and the file's role", arguments: [
        ("wo/0000/01/WO-000123.json", "wo", "WO-000123", "json"),
        ("sop/0000/00/SOP-0001.md", "sop", "SOP-0001", "body"),
        ("accounts/dora.json", "account", "dora", "json"),
        ("policy.json", "policy", "policy", "json"),
        ("equipment/AC-1.json", "equipment", "AC-1", "json"),
        ("wo/0000/01/notes", "wo", "notes", "other"),
        ("wo/0000/01/WO-1.v2.json", "wo", "WO-1.v2", "json"),
        ("wo/0000/01/WO-1.jsonl", "wo", "WO-1", "other"),
        ("accountsx/a.md", "accountsx", "a", "body"),
        ("README", "README", "README", "other"),
    ])
    func path(path: String, kind: String, id: String, role: String) {
        let file = RecordFile(path: path)
        let named = switch file.role {
        case .json: "json"
        case .body: "body"
        case .other: "other"
        }
        #expect(file.kind == kind && file.id == id && named == role)
    }

    @Test("an object ID is written as the forty lowercase hex digits it was read from")
    func hex() throws {
        for text in ["0000000000000000000000000000000000000000", "ffffffffffffffffffffffffffffffffffffffff",
                     "0123456789abcdef0123456789abcdef01234567", "fedcba9876543210fedcba9876543210fedcba98"] {
            #expect(try #require(ObjectID(hex: text)).hex == text)
        }
        #expect(try #require(ObjectID(hex: "ABCDEF0123456789ABCDEF0123456789ABCDEF01")).hex == "abcdef0123456789abcdef0123456789abcdef01")
    }
}

import Documents
import Foundation
import Testing

/// The RFC 4180 reader the history import uses.
@Suite struct CSVTableTests {
    static func table(_ text: String) throws -> CSVTable { try CSVTable(parsing: Data(text.utf8), name: "t.csv") }

    @Test("CRLF and LF read alike; the last line may lack its break; empty lines at the end are skipped")
    func lineBreaks() throws {
        let crlf = try Self.table("a,b\r\n1,2\r\n3,4\r\n\r\n")
        let lf = try Self.table("a,b\n1,2\n3,4")
        #expect(crlf.header == ["a", "b"] && lf.header == ["a", "b"])
        #expect(crlf.rows.map(\.fields) == [["1", "2"], ["3", "4"]] && lf.rows.map(\.fields) == crlf.rows.map(\.fields))
        #expect(crlf.rows.map(\.number) == [2, 3])
        #expect(Array(crlf.bytes(of: crlf.rows[0])) == Array("1,2".utf8), "a row's bytes leave out its line break")
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks; empty and quoted-empty fields are empty")
    func quoting() throws {
        let table = try Self.table("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"one\r\ntwo\nthree\"\n,\"\",z\n")
        #expect(table.rows[0].fields == ["x, y", "say \"hi\"", "one\r\ntwo\nthree"])
        #expect(table.rows[1].fields == ["", "", "z"])
        #expect(table.rows[1].number == 3 && table.rows[1].line == 5, "a row after a quoted field of three lines starts on line 5")
        #expect(String(decoding: table.bytes(of: table.rows[0]), as: UTF8.self) == "\"x, y\",\"say \"\"hi\"\"\",\"one\r\ntwo\nthree\"")
    }

    @Test("a byte-order mark is skipped; text is UTF-8 as written")
    func bom() throws {
        let table = try CSVTable(parsing: Data([0xEF, 0xBB, 0xBF]) + Data("Größe,b\nÄ,€\n".utf8), name: "t.csv")
        #expect(table.header == ["Größe", "b"] && table.rows[0].fields == ["Ä", "€"])
    }

    @Test("malformed input is refused naming the row and the field", arguments: [
        ("a,b\n1\n", "row 2", "number of fields"),
        ("a,b\n1,2,3\n", "row 2", "number of fields"),
        ("a,b\n1,x\"y\n", "row 2", "field 2"),
        ("a,b\n1,\"open\n", "row 2", "field 2"),
        ("a,b\n\"1\"2,3\n", "row 2", "field 1"),
        ("a,b\n1,2\r3,4\n", "row 2", "field 2"),
        ("a,b\n", "t.csv", "no rows"),
        ("\n\n", "t.csv", "empty"),
    ])
    func malformed(text: String, row: String, field: String) throws {
        let error = #expect(throws: DocumentsError.self) { try Self.table(text) }
        let sentence = error?.description ?? ""
        #expect(sentence.contains(row) && sentence.contains(field), "\(sentence)")
    }
}

import Documents
import Foundation
import Testing

/// The strict parser every record goes through: it must read RFC 8259 JSON exactly and refuse
/// everything else, with the byte where it stopped.
@Suite struct JSONParserTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Data(text.utf8)) }

    @Test("strings: plain, escaped, Unicode and surrogate pairs read as written")
    func strings() throws {
        #expect(try Self.parse(#""""#) == .string(""))
        #expect(try Self.parse(#""open""#) == .string("open"))
        #expect(try Self.parse(#""Tèss 日本""#) == .string("Tèss 日本"))
        #expect(try Self.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try Self.parse(#""\u00e8\u65E5 \ud83d\ude00""#) == .string("è日 😀"))
        #expect(try Self.parse(#"{"k\u0065y": "v"}"#) == .object(["key": .string("v")]))
    }

    @Test("numbers, literals, containers and white space")
    func values() throws {
        #expect(try Self.parse(" \t\r\n[0, -1, 9223372036854775807, 1.5, -2e3, 1E+2, true, false, null] \n") == .array([
            .integer(0), .integer(-1), .integer(.max), .number(1.5), .number(-2000), .number(100), .bool(true), .bool(false), .null,
        ]))
        #expect(try Self.parse(#"{"a": {"b": []}, "c": {}}"#) == .object(["a": .object(["b": .array([])]), "c": .object([:])]))
        #expect(try Self.parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
                == (0..<63).reduce(JSONValue.array([])) { inner, _ in .array([inner]) })
    }

    @Test("malformed input is refused with the reason and where it stopped", arguments: [
        (#""abc"#, "an unterminated string"),
        ("\"a\u{1}b\"", "a control character inside a string"),
        (#""\x""#, "an unknown escape"),
        (#""\u12""#, "a short \u{5C}u escape"),
        (#""\u12G4""#, "a bad \u{5C}u escape"),
        (#""\ud83d""#, "a lone surrogate"),
        (#""\ude00""#, "a lone surrogate"),
        (#"{"a": 1, "a": 2}"#, "appears twice"),
        ("[1, 2,]", "unexpected character"),
        (#"{"a": 1,}"#, "expected a key"),
        ("01", "a number with a leading zero"),
        ("-", "unexpected character"),
        ("1.2.3", "a malformed number"),
        ("1e999", "a malformed number"),
        ("[1] [2]", "text after the JSON value"),
        ("tru", "unexpected character"),
        ("[nul]", "unexpected character"),
        ("[falsy]", "unexpected character"),
        ("[true1]", "expected ',' or ']'"),
        ("nullnull", "text after the JSON value"),
        ("", "unexpected end"),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "nesting deeper than 64 levels"),
    ])
    func malformed(text: String, reason: String) {
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test("bytes that are not UTF-8 inside a string are refused, escaped or not")
    func invalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0x5C, 0x6E, 0xFF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect {
                _ = try JSONParser.parse(Data(bytes))
            } throws: { error in
                "\(error)".contains("not valid UTF-8")
            }
        }
    }

    @Test("the offset of a failure is the byte where the parser stopped")
    func offsets() throws {
        let error = try #require(throws: JSONParser.Failure.self) { try Self.parse(#"{"a": "x"#) }
        #expect(error.offset == 8, "the end of the text")
        let control = try #require(throws: JSONParser.Failure.self) { try Self.parse("[\"ab\u{1}\"]") }
        #expect(control.offset == 5)
    }
}

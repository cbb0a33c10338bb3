import Documents
import Foundation
@testable import RecordIndex
import Testing

/// The index writes the common leaves itself; every value must read exactly as canonical JSON
/// writes it, whichever path it takes.
@Suite struct IndexCompactTextTests {
    static func canonical(_ value: JSONValue) -> String {
        var bytes = CanonicalJSON.bytes(of: value)
        if bytes.last == 0x0A { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("compact text is canonical JSON for leaves of every kind, escapes and Unicode included", arguments: [
        JSONValue.null, .bool(true), .bool(false), .integer(0), .integer(-42), .integer(.max), .integer(.min),
        .string(""), .string("open"), .string("2026-11-25T09:00:00Z"), .string("a \"quoted\" word"), .string("back\\slash"),
        .string("tab\there"), .string("line\nbreak"), .string("bell\u{7}"), .string("del\u{7F}"), .string("~ and space"),
        .string("Tèss"), .string("e\u{301}"), .string("日本"), .number(1.5), .number(2), .number(-0.25),
        .array([]), .object([:]), .array([.integer(1), .string("x")]), .object(["b": .null, "a": .integer(1)]),
    ])
    func leaves(value: JSONValue) {
        #expect(value.compactText == Self.canonical(value))
    }
}

import Foundation

/// A strict JSON parser straight to `JSONValue` (RFC 8259): no trailing commas, no comments, no
/// duplicate keys, nesting at most 64 deep. Verification parses every record of the history, and
/// this is several times faster than going through `Codable`; it also refuses duplicate keys,
/// which `JSONDecoder` silently resolves.
public struct JSONParser {
    public struct Failure: Error, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "\(reason) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    public static func parse(_ data: Data) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: [UInt8](data))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.fail("text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 32, 9, 10, 13: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ literal: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        // Compared in place: `true`, `false` and `null` are most of a record's values.
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count, bytes[index..<(index + count)].elementsEqual(
            UnsafeBufferPointer(start: literal.utf8Start, count: count)) else {
            throw fail("unexpected character")
        }
        index += count
        return value
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < 64 else { throw fail("nesting deeper than 64 levels") }
        guard index < bytes.count else { throw fail("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        default: return try number()
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var fields: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
        // Room for a record's fields at once: a dictionary that grows rehashes every key each time.
        fields.reserveCapacity(12)
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let key = try string()
            guard fields[key] == nil else { throw fail("the key \"\(key)\" appears twice") }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipSpace()
            fields[key] = try value(depth: depth + 1)
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
            index += 1
            return .object(fields)
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
            index += 1
            return .array(items)
        }
    }

    /// A string without escapes (most are) is made from its bytes in place; the first backslash
    /// sends it to `escapedString`.
    private mutating func string() throws(Failure) -> String {
        let start = index + 1
        var end = start
        // The bytes OR-ed together: below 0x80, the string is ASCII and needs no validation.
        var high: UInt8 = 0
        while end < bytes.count {
            switch bytes[end] {
            case UInt8(ascii: "\\"):
                return try escapedString()
            case UInt8(ascii: "\""):
                index = end + 1
                let text = bytes.withUnsafeBufferPointer { buffer in
                    let run = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    // String(validating:) is generic and not specialised: ten times the work of
                    // decoding ASCII, which most strings of a record are.
                    return high < 0x80 ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self)
                }
                guard let text else { throw fail("a string is not valid UTF-8") }
                return text
            case 0..<0x20:
                index = end + 1
                throw fail("a control character inside a string")
            default:
                high |= bytes[end]
                end += 1
            }
        }
        index = end
        throw fail("an unterminated string")
    }

    private mutating func escapedString() throws(Failure) -> String {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw fail("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw fail("unexpected end") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
                default: throw fail("an unknown escape")
                }
            case 0..<0x20: throw fail("a control character inside a string")
            default: out.append(byte)
            }
        }
        throw fail("an unterminated string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4 else { throw fail("a short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            guard let digit = Int(String(UnicodeScalar(byte)), radix: 16) else { throw fail("a bad \\u escape") }
            value = value * 16 + UInt32(digit)
        }
        return value
    }

    private mutating func unicodeEscape() throws(Failure) -> [UInt8] {
        var code = try hex4()
        if (0xD800...0xDBFF).contains(code) {
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw fail("a lone surrogate")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            throw fail("a lone surrogate")
        }
        guard let scalar = UnicodeScalar(code) else { throw fail("a bad \\u escape") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        var isInteger = true
        scan: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 48...57: index += 1
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                isInteger = false
                index += 1
            default: break scan
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty, text != "-" else { throw fail("unexpected character") }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if digits.count > 1, digits.hasPrefix("0"), digits.dropFirst().first?.isNumber == true { throw fail("a number with a leading zero") }
        if isInteger, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else { throw fail("a malformed number") }
        return .number(value)
    }
}

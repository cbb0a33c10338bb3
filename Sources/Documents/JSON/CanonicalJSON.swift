import Foundation

/// Canonical JSON, the form every structured record is stored in: keys sorted, two-space indent,
/// one field per line, UTF-8 in NFC, LF line ends, a final newline. Equal records give equal
/// bytes, so a line diff of two revisions is a field diff.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        bytes(of: try JSONParser.parse(try JSONEncoder().encode(value)))
    }

    /// The canonical bytes of a parsed value.
    public static func bytes(of value: JSONValue) -> Data {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        // ASCII text is already in NFC; normalising only the rest keeps verify fast.
        return Data((out.utf8.allSatisfy { $0 < 0x80 } ? out : out.precomposedStringWithCanonicalMapping).utf8)
    }

    /// A number as canonical JSON writes it (and as a person reads it): `1250`, `12.5`.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .number(let number): out += Self.number(number)
        case .string(let text): quote(text, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += close + "]"
        case .object(let fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{\n"
            let keys = fields.keys.sortedByUTF8()
            for (index, key) in keys.enumerated() {
                out += pad
                quote(key, into: &out)
                out += ": "
                write(fields[key] ?? .null, indent: indent + 1, into: &out)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += close + "}"
        }
    }

    static func quote(_ text: String, into out: inout String) {
        out += "\""
        // Most values are printable ASCII with nothing to escape: appended as they are.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f && $0 != 0x22 && $0 != 0x5c }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

import Documents
import Foundation

/// One step of a path into a JSON document: an object key or an array index.
enum JSONKey: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }

    var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): "[\(index)]"
        }
    }
}

extension JSONValue {
    /// Parses canonical JSON of `value` back into a tree.
    static func of(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: try CanonicalJSON.encode(value))
    }

    /// The document with the value at `path` replaced by `new`, or removed when `new` is nil.
    func replacing(_ path: [JSONKey], with new: JSONValue?) -> JSONValue {
        guard let first = path.first else { return new ?? .null }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.object(var fields), .key(let key)):
            if rest.isEmpty, new == nil { fields[key] = nil } else {
                fields[key] = (fields[key] ?? .null).replacing(rest, with: new)
            }
            return .object(fields)
        case (.array(var items), .index(let index)) where items.indices.contains(index):
            if rest.isEmpty, new == nil { items.remove(at: index) } else {
                items[index] = items[index].replacing(rest, with: new)
            }
            return .array(items)
        default:
            return self
        }
    }

    /// The keys of an object document.
    var keys: [String] {
        guard case .object(let fields) = self else { return [] }
        return fields.keys.sorted()
    }

    var data: Data { (try? CanonicalJSON.encode(self)) ?? Data() }
}

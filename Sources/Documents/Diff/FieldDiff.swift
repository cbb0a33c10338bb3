/// One field of a record that an act changed: its JSON path and its value before and after.
///
/// `old` is nil when the field was absent before (creation shows every field with `old` nil) and
/// `new` is nil when the act removed it; a field that holds JSON `null` has `.null`, not nil.
public struct FieldChange: Codable, Sendable, Equatable {
    /// A JSON path: `status`, `boundSOP.revision`, `steps[2].signedBy`, `revisions[0].reviewer`.
    public let field: String
    public let old: JSONValue?
    public let new: JSONValue?

    public init(field: String, old: JSONValue?, new: JSONValue?) {
        self.field = field
        self.old = old
        self.new = new
    }

    enum CodingKeys: String, CodingKey { case field, old, new }

    /// Encoded, an absent value is a missing key and JSON `null` is `null`; decoding keeps the two apart.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decode(String.self, forKey: .field)
        old = container.contains(.old) ? try container.decode(JSONValue.self, forKey: .old) : nil
        new = container.contains(.new) ? try container.decode(JSONValue.self, forKey: .new) : nil
    }
}

/// Field-level differences between two versions of a record. Pure: no I/O, no clock.
public enum FieldDiff {
    /// The leaves that differ between `old` and `new` (nil: the record does not exist on that side).
    ///
    /// Objects are compared key by key (keys in UTF-8 order, as canonical JSON sorts them), arrays
    /// index by index, so an array that grows shows its new items' fields with `old` nil and one
    /// that shrinks shows the removed items' fields with `new` nil. A subtree that appears or
    /// disappears is reported leaf by leaf; an empty object or array is itself a leaf when the
    /// other side is absent or of another type (creation shows `steps` as `[]`). When a value
    /// changes type (a string becomes an object) the old leaves are reported removed and the new
    /// ones added. Equal inputs give no change.
    public static func changes(from old: JSONValue?, to new: JSONValue?) -> [FieldChange] {
        var out: [FieldChange] = []
        // A record's creation lists every field: room for a work order's, not grown five times.
        out.reserveCapacity(16)
        compare(old, new, path: "", into: &out)
        return out
    }

    /// The changes of a markdown body, one `FieldChange` per hunk, all with the field `body`.
    ///
    /// A hunk is a run of consecutive removed and added lines (`LineDiff` without context):
    /// `old` holds its removed lines and `new` its added lines, each joined with LF and without a
    /// final newline, as `.string`; nil when the hunk only adds or only removes. A new body (`old`
    /// nil) is one hunk with `old` nil. Hunks rather than one row for the whole body keep each row
    /// readable beside the others in a field history; `recrepo diff` shows them with line numbers.
    public static func bodyChanges(from old: String?, to new: String) -> [FieldChange] {
        var out: [FieldChange] = []
        var removed: [String] = [], added: [String] = []
        func flush() {
            guard !removed.isEmpty || !added.isEmpty else { return }
            out.append(FieldChange(field: "body", old: joined(removed), new: joined(added)))
            removed = []
            added = []
        }
        for line in LineDiff(from: old ?? "", to: new).lines {
            switch line {
            case .same: flush()
            case .removed(let text): removed.append(text)
            case .added(let text): added.append(text)
            }
        }
        flush()
        if out.isEmpty, old == nil { out.append(FieldChange(field: "body", old: nil, new: .string(""))) }
        return out
    }

    private static func joined(_ lines: [String]) -> JSONValue? {
        lines.isEmpty ? nil : .string(lines.joined(separator: "\n"))
    }

    private static func compare(_ old: JSONValue?, _ new: JSONValue?, path: String, into out: inout [FieldChange]) {
        if old == new { return }
        switch (old, new) {
        case (.object(let a)?, .object(let b)?):
            var keys = Array(a.keys)
            for key in b.keys where a[key] == nil { keys.append(key) }
            keys = keys.sortedByUTF8()
            for key in keys { compare(a[key], b[key], path: member(path, key), into: &out) }
        case (.array(let a)?, .array(let b)?):
            for index in 0..<max(a.count, b.count) {
                compare(index < a.count ? a[index] : nil, index < b.count ? b[index] : nil,
                        path: "\(path)[\(index)]", into: &out)
            }
        default:
            if isLeaf(old), isLeaf(new) {
                out.append(FieldChange(field: path.isEmpty ? "$" : path, old: old, new: new))
            } else {
                leaves(of: old, path: path) { out.append(FieldChange(field: $0, old: $1, new: nil)) }
                leaves(of: new, path: path) { out.append(FieldChange(field: $0, old: nil, new: $1)) }
            }
        }
    }

    /// Nil, a scalar, or an empty object or array: a value reported as one field.
    private static func isLeaf(_ value: JSONValue?) -> Bool {
        switch value {
        case .object(let fields)?: fields.isEmpty
        case .array(let items)?: items.isEmpty
        default: true
        }
    }

    private static func leaves(of value: JSONValue?, path: String, _ visit: (String, JSONValue) -> Void) {
        switch value {
        case nil: return
        case .object(let fields)? where !fields.isEmpty:
            for key in fields.keys.sortedByUTF8() {
                leaves(of: fields[key], path: member(path, key), visit)
            }
        case .array(let items)? where !items.isEmpty:
            for (index, item) in items.enumerated() { leaves(of: item, path: "\(path)[\(index)]", visit) }
        case let leaf?:
            visit(path.isEmpty ? "$" : path, leaf)
        }
    }

    /// `path.key`, or `path["key"]` when the key is not a plain identifier.
    private static func member(_ path: String, _ key: String) -> String {
        let bytes = key.utf8
        let plain = bytes.first.map { !(48...57).contains($0) } == true
            && bytes.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 95 }
        if plain { return path.isEmpty ? key : path + "." + key }
        var quoted = ""
        CanonicalJSON.quote(key, into: &quoted)
        return path + "[" + quoted + "]"
    }
}

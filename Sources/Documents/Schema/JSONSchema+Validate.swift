extension JSONSchema {
    /// Checks `value` and throws the first violation as `DocumentsError.schemaViolation`, naming
    /// `record` and the field's JSON path (`title`, `steps[2].signedBy`, indexes from 0).
    ///
    /// Fields are checked in a fixed order (type, required, unknown fields, then each field by
    /// name), so the same document always gives the same error.
    public func validate(_ value: JSONValue, record: String) throws(DocumentsError) {
        try check(value, at: "", record: record, root: self)
    }

    private func check(_ value: JSONValue, at path: String, record: String, root: JSONSchema) throws(DocumentsError) {
        func fail(_ reason: String) -> DocumentsError { .schemaViolation(record: record, path: path, reason: reason) }
        if let ref {
            guard let target = root.definitions[ref] else { throw fail("has no schema (#/$defs/\(ref) is missing)") }
            try target.check(value, at: path, record: record, root: root)
        }
        if let types, !types.contains(where: { Self.value(value, is: $0) }) {
            let names = types.map(Self.article).joined(separator: " or ")
            throw fail("must be \(names), not \(Self.article(Self.typeName(of: value)))")
        }
        if let constValue, !Self.same(value, constValue) { throw fail("must be \(Self.display(constValue))") }
        if let enumValues, !enumValues.contains(where: { Self.same(value, $0) }) {
            throw fail("must be one of \(enumValues.map(Self.display).joined(separator: ", ")), not \(Self.display(value))")
        }
        switch value {
        case .string(let text): try checkString(text, fail: fail)
        case .integer(let number): try checkNumber(Double(number), fail: fail)
        case .number(let number): try checkNumber(number, fail: fail)
        case .array(let items):
            if let minItems, items.count < minItems { throw fail("must have at least \(minItems) item\(minItems == 1 ? "" : "s")") }
            if let maxItems, items.count > maxItems { throw fail("must have at most \(maxItems) items, not \(items.count)") }
            if uniqueItems {
                for (index, item) in items.enumerated() where items[..<index].contains(where: { Self.same($0, item) }) {
                    throw fail("must not repeat an item; \(Self.display(item)) appears twice")
                }
            }
            for (index, item) in items.enumerated() {
                for schema in itemSchema { try schema.check(item, at: "\(path)[\(index)]", record: record, root: root) }
            }
        case .object(let fields):
            for name in required where fields[name] == nil {
                throw DocumentsError.schemaViolation(record: record, path: Self.child(path, name), reason: "is required but missing")
            }
            for name in fields.keys.sorted() {
                if let schema = properties[name] {
                    try schema.check(fields[name] ?? .null, at: Self.child(path, name), record: record, root: root)
                } else if closed {
                    let known = properties.keys.sorted().joined(separator: ", ")
                    throw DocumentsError.schemaViolation(record: record, path: Self.child(path, name),
                                                         reason: "is not a known field here (the fields are: \(known))")
                }
            }
        case .null, .bool: break
        }
    }

    private func checkString(_ text: String, fail: (String) -> DocumentsError) throws(DocumentsError) {
        let length = text.unicodeScalars.count
        if let minLength, length < minLength { throw fail("must have at least \(minLength) character\(minLength == 1 ? "" : "s")") }
        if let maxLength, length > maxLength { throw fail("must have at most \(maxLength) characters, not \(length)") }
        if let pattern, !pattern.matches(text) {
            throw fail("must match the pattern \(pattern.source); \(RecordID.quoted(text)) does not")
        }
    }

    private func checkNumber(_ number: Double, fail: (String) -> DocumentsError) throws(DocumentsError) {
        if let minimum, number < minimum { throw fail("must be at least \(Self.display(minimum)), not \(Self.display(number))") }
        if let maximum, number > maximum { throw fail("must be at most \(Self.display(maximum)), not \(Self.display(number))") }
    }

    /// `name` appended to a JSON path: `boundSOP.commit`, or `a["odd key"]` for a name that is not an identifier.
    static func child(_ path: String, _ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        if plain { return path.isEmpty ? name : "\(path).\(name)" }
        return "\(path)[\(RecordID.quoted(name))]"
    }

    static func value(_ value: JSONValue, is type: JSONType) -> Bool {
        switch (type, value) {
        case (.null, .null), (.boolean, .bool), (.string, .string), (.array, .array), (.object, .object): true
        case (.integer, .integer), (.number, .integer), (.number, .number): true
        case (.integer, .number(let number)): number.rounded() == number && abs(number) < 9e15
        default: false
        }
    }

    static func typeName(of value: JSONValue) -> JSONType {
        switch value {
        case .null: .null
        case .bool: .boolean
        case .integer: .integer
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    static func article(_ type: JSONType) -> String {
        type == .null ? "null" : (type == .integer || type == .array || type == .object ? "an " : "a ") + type.rawValue
    }

    /// JSON equality: `1` and `1.0` are the same number.
    static func same(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): Double(a) == b
        case (.array(let a), .array(let b)): a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.object(let a), .object(let b)): a.count == b.count && a.allSatisfy { key, item in b[key].map { same(item, $0) } ?? false }
        default: lhs == rhs
        }
    }

    static func display(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer(let number): String(number)
        case .number(let number): display(number)
        case .string(let text): RecordID.quoted(text)
        case .array: "an array"
        case .object: "an object"
        }
    }

    static func display(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

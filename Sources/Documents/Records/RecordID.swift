/// The allowlists that IDs must pass before they are used anywhere, and the paths they map to.
///
/// Only an ID that passed `validate` ever becomes a path: `../x`, `.git`, `a/b`, newlines, NUL,
/// lowercase and over-long IDs are refused with `DocumentsError.invalidField` naming the field.
/// The checks are on ASCII bytes, so look-alike digits or letters from other scripts never pass.
public enum RecordID {
    /// Checks `id` against the allowlist of `kind`:
    /// SOP `^SOP-[0-9]{4,9}$`, equipment `^[A-Z][A-Z0-9]{1,11}-[0-9]{1,9}$`, work order `^WO-[0-9]{6,9}$`,
    /// drill `^DRILL-[0-9]{6,9}$`, audit-trail review `^AR-[0-9]{6,9}$`.
    /// - Parameter field: the field or argument the ID came from, named in the error.
    public static func validate(_ id: String, kind: RecordKind, field: String = "id") throws(DocumentsError) {
        switch kind.form {
        case .user: return try validateUser(id, field: field)
        case .single:
            guard id == kind.rawValue else { throw refusal(id, kind: kind, field: field) }
            return
        case .numbered: break
        }
        guard let (prefix, digits) = split(id) else { throw refusal(id, kind: kind, field: field) }
        let valid: Bool =
            if let expected = kind.prefix {
                prefix == Array(expected.utf8) && kind.digits.contains(digits.count)
            } else {
                (2...12).contains(prefix.count) && isUpper(prefix[0]) && kind.digits.contains(digits.count)
                    && prefix.allSatisfy { isUpper($0) || isDigit($0) }
            }
        guard valid else { throw refusal(id, kind: kind, field: field) }
    }

    /// Checks a user ID against `^[a-z][a-z0-9._-]{1,31}$` (the form every signer's ID has).
    public static func validateUser(_ id: String, field: String) throws(DocumentsError) {
        let bytes = Array(id.utf8)
        guard (2...32).contains(bytes.count), (97...122).contains(bytes[0]),
              bytes.allSatisfy({ (97...122).contains($0) || isDigit($0) || $0 == 46 || $0 == 95 || $0 == 45 })
        else {
            throw .invalidField(record: quoted(id), field: field, reason:
                "a user ID is 2 to 32 characters: a lowercase letter, then lowercase letters, digits, '.', '_' or '-'")
        }
    }

    /// The ID of the `number`th record of a kind with generated IDs (every kind but equipment).
    public static func generatedID(kind: RecordKind, number: Int) throws(DocumentsError) -> String {
        guard let prefix = kind.prefix else {
            throw .invalidField(record: kind.noun, field: "id", reason: "\(kind.noun) IDs are the plant's own, never generated")
        }
        return prefix + "-" + (try padded(number, width: kind.width, field: "\(kind.noun) number"))
    }

    /// The numeric part of a valid ID: 1 for `SOP-0001`, 101 for `PUMP-101`.
    public static func number(of id: String, kind: RecordKind) throws(DocumentsError) -> Int {
        try validate(id, kind: kind)
        guard let (_, digits) = split(id) else { throw refusal(id, kind: kind, field: "id") }
        return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    /// The shard folders of an ID, two levels: its number / 10,000 (4 digits), then its number / 100
    /// modulo 100 (2 digits): `0000/01` for `WO-000123`, `0012/34` for `WO-123456`. A folder of the
    /// second level holds 100 records and the levels above at most 100 folders each up to a million
    /// records, so every directory stays at or under about 200 entries and a commit rewrites only
    /// small trees even at 100,000 records.
    public static func shard(of id: String, kind: RecordKind) throws(DocumentsError) -> String {
        let number = try number(of: id, kind: kind)
        let high = String(number / 10_000), low = String(number / 100 % 100)
        return String(repeating: "0", count: max(0, 4 - high.count)) + high + "/"
            + String(repeating: "0", count: 2 - low.count) + low
    }

    /// Where a record's JSON lives in the tree: `<kind>/<shard>/<ID>.json`, e.g. `wo/0000/01/WO-000123.json`.
    public static func path(kind: RecordKind, id: String) throws(DocumentsError) -> String {
        switch kind.form {
        case .numbered: "\(kind.rawValue)/\(try shard(of: id, kind: kind))/\(id).json"
        case .user: "\(kind.rawValue)/\(try checked(id, kind)).json"
        case .single: "\(try checked(id, kind)).json"
        }
    }

    private static func checked(_ id: String, _ kind: RecordKind) throws(DocumentsError) -> String {
        try validate(id, kind: kind)
        return id
    }

    /// Where an SOP's markdown body lives, beside its JSON: `sop/0000/00/SOP-0001.md`.
    public static func sopBodyPath(id: String) throws(DocumentsError) -> String {
        try bodyPath(kind: .sop, id: id) ?? ""
    }

    /// Where the file beside a record's JSON lives (an SOP's markdown), or nil for kinds without one.
    public static func bodyPath(kind: RecordKind, id: String) throws(DocumentsError) -> String? {
        guard let ext = kind.bodyExtension else { return nil }
        return "\(kind.rawValue)/\(try shard(of: id, kind: kind))/\(id).\(ext)"
    }

    /// Splits `LETTERS-DIGITS` into its two parts as bytes, or nil when it has another shape.
    private static func split(_ id: String) -> ([UInt8], [UInt8])? {
        let bytes = Array(id.utf8)
        guard bytes.count <= 22, let dash = bytes.firstIndex(of: 45) else { return nil }
        let prefix = Array(bytes[..<dash]), digits = Array(bytes[(dash + 1)...])
        guard !prefix.isEmpty, !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        return (prefix, digits)
    }

    private static func padded(_ number: Int, width: Int, field: String) throws(DocumentsError) -> String {
        guard (1...999_999_999).contains(number) else {
            throw .invalidField(record: String(number), field: field, reason: "it must be between 1 and 999999999")
        }
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func refusal(_ id: String, kind: RecordKind, field: String) -> DocumentsError {
        .invalidField(record: quoted(id), field: field, reason: kind.idRule)
    }

    /// A safe rendering of untrusted text for messages: escaped, at most 40 characters.
    public static func quoted(_ text: String) -> String {
        let short = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
        return short.debugDescription
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { (65...90).contains(byte) }
}

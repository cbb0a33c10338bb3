/// A user ID: `^[a-z][a-z0-9._-]{1,31}$`. It is the commit author's email slot and the
/// allowed-signers principal, and it is never reused, even after the account is disabled.
public struct UserID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let value: String

    public init(_ text: String) throws(DocumentsError) {
        let bytes = Array(text.utf8)
        guard (2...32).contains(bytes.count), let first = bytes.first, (97...122).contains(first),
              bytes.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 46 || $0 == 95 || $0 == 45 }),
              !text.contains(".."), !text.hasSuffix("."), !text.hasSuffix(".lock")
        else {
            throw .invalidField(record: text.debugDescription, field: "user ID", reason:
                "a user ID is 2 to 32 characters: a lowercase letter, then lowercase letters, digits, '.', '_' or '-'")
        }
        guard text != "system" else {
            throw .invalidField(record: text, field: "user ID", reason: "'system' is reserved for the system key")
        }
        value = text
    }

    init(unchecked text: String) { value = text }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
    public static func < (lhs: UserID, rhs: UserID) -> Bool { lhs.value < rhs.value }
}

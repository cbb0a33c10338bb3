/// A path inside the record tree. Every component is checked against an allowlist, so nothing a
/// user types can become `..`, `.git`, an absolute path, or a name with a newline or NUL.
public struct RecordPath: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let value: String

    /// Components: start with a letter or digit, then letters, digits, `.`, `_`, `-`; at most 64.
    public init(_ value: String) throws(LedgerError) {
        let components = value.split(separator: "/", omittingEmptySubsequences: false)
        guard !components.isEmpty, components.count <= 8 else { throw .invalidPath(value, "too many levels") }
        for component in components {
            // The first byte is a letter or digit, so no component is `.git` (in any case), `.` or `..`.
            guard let first = component.utf8.first, component.utf8.count <= 64, Self.isAlnum(first),
                  component.utf8.allSatisfy({ Self.isAlnum($0) || $0 == 46 || $0 == 95 || $0 == 45 }),
                  !zip(component.utf8, component.utf8.dropFirst()).contains(where: { $0 == 46 && $1 == 46 })
            else { throw .invalidPath(value, "component '\(component)' is not an allowed name") }
        }
        self.value = value
    }

    public var description: String { value }
    public static func < (lhs: RecordPath, rhs: RecordPath) -> Bool { lhs.value < rhs.value }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }
}

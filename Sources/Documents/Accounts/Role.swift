/// What a person may do. Which role may sign which meaning on which kind lives in the policy.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case admin
    case qa
    case documentControl = "document-control"
    case supervisor
    case technician
    case auditor

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a role name, or explains which names exist.
    public static func parse(_ text: String) throws(DocumentsError) -> Role {
        guard let role = Role(rawValue: text) else {
            throw .invalidField(record: "roles", field: "role", reason:
                "'\(text)' is not a role; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return role
    }
}

import RecordRepo

/// The signed policy (`policy.json`): password rules, lockout, KDF cost, review interval, and which
/// roles may sign what.
public struct Policy: Codable, Sendable, Equatable {
    public var passwordMinLength: Int
    public var passwordMaxAgeDays: Int
    public var lockoutThreshold: Int
    public var kdf: KDFParameters
    public var auditReviewIntervalDays: Int
    /// Which roles may sign what on which kind of record.
    public var permissions: [Permission: [Role]]
    public var revision: Int

    public static let standard = Policy(
        passwordMinLength: 12, passwordMaxAgeDays: 90, lockoutThreshold: 5, kdf: .standard,
        auditReviewIntervalDays: 30, permissions: Permission.standard, revision: 1)

    public static let path: RecordPath = {
        guard let path = try? RecordPath("policy.json") else { preconditionFailure("constant path") }
        return path
    }()

    /// Why `password` is not acceptable for `user`, or nil.
    public func problem(withPassword password: String, user: String) -> String? {
        if password.count < passwordMinLength { return "it must have at least \(passwordMinLength) characters" }
        if password.lowercased().contains(user.lowercased()) { return "it must not contain the user ID" }
        if Set(password).count < 5 { return "it must use at least 5 different characters" }
        return nil
    }
}

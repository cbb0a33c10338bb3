/// A security event that a person must look at (§11.300(d)): raised by the system, signed with
/// the system key, and acknowledged once by qa or an administrator with a reason. Stored at
/// `alert/<shard>/ALERT-000001.json`.
public struct Alert: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A wrong password for an existing account.
        case failedSignIn = "failed-sign-in"
        /// A sign-in as a user ID that has no account.
        case unknownUser = "unknown-user"
        /// An account locked after too many wrong passwords.
        case lockout
    }

    /// `^ALERT-[0-9]{6,9}$`.
    public var id: String
    public var kind: Kind
    /// The user ID the event is about (it may have no account).
    public var user: String
    public var message: String
    /// The signing time of the act that raised it.
    public var raisedAt: String
    public var acknowledgedBy: String?
    public var acknowledgedAt: String?
    /// 1 when raised, 2 once acknowledged.
    public var revision: Int

    public init(id: String, kind: Kind, user: String, message: String, raisedAt: String, acknowledgedBy: String? = nil,
                acknowledgedAt: String? = nil, revision: Int) {
        self.id = id
        self.kind = kind
        self.user = user
        self.message = message
        self.raisedAt = raisedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.revision = revision
    }
}

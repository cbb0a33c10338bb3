import Foundation
import RecordRepo

/// What an event's cross-record checks may read besides the record itself: the records as of the
/// head a service builds an act on, or as of the parent verify replays an act on. The same checks
/// run against both, so a rule is written once.
public protocol RecordContext {
    /// The policy in force.
    var policy: Policy { get }
    func account(_ id: String) -> Account?
    /// The record `id` of `kind`, or nil when it does not exist (or cannot be read).
    func record<T: Decodable & Sendable>(_ type: T.Type, kind: RecordKind, id: String) -> T?
    /// The JSON file at `path` (one a declared event writes beside its record, such as a training
    /// mark), decoded, or nil when it does not exist or cannot be read: one read, no scan.
    func file<T: Decodable & Sendable>(_ type: T.Type, at path: String) -> T?
    /// The signed act of `commit` (40 hex digits), when it lies on the history before the act.
    func act(_ commit: String) -> ActInfo?
    /// The checklist steps of `sop`'s body as of `commit`, with the reading each asks for, or nil
    /// when it cannot be read.
    func checklist(sop: String, at commit: String) -> [ChecklistItem]?
    /// The IDs of every account.
    func accountIDs() -> [String]
    /// The commit the act is built on (its parent), nil before the first act.
    var base: ObjectID? { get }
    /// Walks the acts from `base` back towards the root, newest first, while `visit` returns true.
    func walkBack(_ visit: (ActInfo) -> Bool)
}

/// Who signs an act and when: the inputs of every event besides the record and its own input.
public struct Signing: Sendable, Equatable {
    /// The signer's user ID.
    public let user: String
    /// The signing time, ISO 8601 UTC (`2026-12-02T10:00:00Z`): what the act's `Signed-At` says.
    public let time: String
    /// The signing day in the plant's time zone, `YYYY-MM-DD`, against which effective and due
    /// dates are compared.
    public let day: String

    public init(user: String, at date: Date, in zone: TimeZone) {
        self.user = user
        self.time = Timestamp.iso(date)
        self.day = Day(of: date, in: zone).text
    }
}

extension RecordContext {
    /// Refuses `user` when their account is missing or not active, or lacks `permission`.
    func require(_ permission: Permission, of user: String, to action: String) throws(DocumentsError) {
        guard let account = account(user), account.status == .active else {
            throw .notFound(record: "user \(user), or the account is not active")
        }
        try policy.require(permission, of: account, to: action)
    }
}

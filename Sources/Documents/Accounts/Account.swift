import Foundation
import RecordRepo

/// A user account: a record in the repository (`accounts/<id>.json`), changed only by signed acts.
public struct Account: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// May sign, subject to the policy.
        case active
        /// Can do nothing, for ever; its keys have `validBefore`.
        case disabled
        /// Locked after too many failed passwords, until an admin resets it.
        case locked
    }

    public var id: String
    public var name: String
    public var roles: [Role]
    public var department: String?
    public var status: Status
    public var keys: [KeyGrant]
    /// A one-time password (new or reset account) must be changed before any other signing.
    public var mustChangePassword: Bool
    public var passwordSetAt: String
    /// Who verified the person's identity before the account was created (§11.100(b)).
    public var identityVerifiedBy: String
    /// The person's acknowledgement that their electronic signature is binding (§11.10(j), §11.100(c)).
    public var signatureAcknowledgement: String
    public var createdAt: String
    public var revision: Int

    public static let acknowledgement =
        "I agree that my electronic signature in recrepo is the legally binding equivalent of my handwritten signature."

    /// The key the account signs with now: the newest one still open-ended.
    public var currentKey: KeyGrant? { keys.last(where: { $0.validBefore == nil }) }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    public static func path(_ id: String) throws(DocumentsError) -> RecordPath {
        do { return try PrincipalKeys.path(for: id) } catch { throw .ledger(error) }
    }

    /// Closes every open key at `time` (inclusive), as a disable, reset or password change does.
    mutating func closeKeys(at time: String) {
        for index in keys.indices where keys[index].validBefore == nil { keys[index].validBefore = time }
    }

    /// Closes the open keys and grants `key`, both at `time`, and records the password change.
    mutating func replaceKey(with key: PublicKeyInfo, at time: String) {
        closeKeys(at: time)
        keys.append(key.granted(at: time))
        passwordSetAt = time
    }
}

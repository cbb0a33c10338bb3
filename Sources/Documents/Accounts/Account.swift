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
    /// How the person's identity was checked before the account was made (§11.100(b)): a method
    /// and a reference (`passport: P1234567`). Nil on accounts made before it was recorded.
    public var identity: Identity?
    /// When the person signed the acknowledgement with their own key (their first act); nil
    /// until they do, and then they can sign nothing else.
    public var acknowledgedAt: String?
    /// Who holds the second half of the current one-time password (`user issue`); nil when the
    /// administrator issued it whole because no other admin or qa account existed.
    public var custodian: String?

    /// How an identity was verified.
    public struct Identity: Codable, Sendable, Equatable {
        /// `passport`, `badge`, `HR record`…
        public var method: String
        /// The document's number or the file's reference.
        public var reference: String

        public init(method: String, reference: String) {
            self.method = method
            self.reference = reference
        }

        /// Parses `METHOD: REFERENCE`, refusing anything else with the field named.
        public init(parsing text: String, record: String) throws(DocumentsError) {
            let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalidField(record: record, field: "identity",
                                    reason: "give how the identity was checked and its reference as 'METHOD: REFERENCE', e.g. 'passport: P1234567'")
            }
            for part in parts {
                if let problem = TextRules.problem(with: part, maxLength: 100) {
                    throw .invalidField(record: record, field: "identity", reason: problem)
                }
            }
            self.init(method: parts[0], reference: parts[1])
        }
    }

    public static let acknowledgement =
        "I agree that my electronic signature in recrepo is the legally binding equivalent of my handwritten signature."

    /// The key the account signs with now: the newest one still open-ended.
    public var currentKey: KeyGrant? { keys.last(where: { $0.validBefore == nil }) }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// The account's file; an ID that is no valid user ID is refused as such, naming the rule.
    public static func path(_ id: String) throws(DocumentsError) -> RecordPath {
        if id != Signer.systemPrincipal { _ = try UserID(id) }
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

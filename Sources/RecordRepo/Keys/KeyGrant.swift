import Foundation

/// One public key granted to a principal, with the period in which it may sign (both ends
/// inclusive, as `ssh-keygen` reads `valid-after`/`valid-before`).
public struct KeyGrant: Codable, Sendable, Hashable {
    public var id: String
    /// `ssh-ed25519 AAAA…`
    public var publicKey: String
    /// ISO 8601 UTC.
    public var validAfter: String
    /// ISO 8601 UTC; nil while the key is in use.
    public var validBefore: String?

    public init(id: String, publicKey: String, validAfter: String, validBefore: String? = nil) {
        self.id = id
        self.publicKey = publicKey
        self.validAfter = validAfter
        self.validBefore = validBefore
    }

    public func isValid(at time: Date) -> Bool {
        guard let after = Timestamp.parse(validAfter), after <= time else { return false }
        guard let validBefore else { return true }
        guard let before = Timestamp.parse(validBefore) else { return false }
        return time <= before
    }
}

/// The public half of a key in the keystore, not yet granted to anyone.
public struct PublicKeyInfo: Sendable, Hashable {
    public let id: String
    /// `ssh-ed25519 AAAA…`
    public let publicKey: String

    public init(id: String, publicKey: String) {
        self.id = id
        self.publicKey = publicKey
    }

    /// The grant that makes this key valid from `validAfter` (ISO 8601 UTC).
    public func granted(at validAfter: String) -> KeyGrant {
        KeyGrant(id: id, publicKey: publicKey, validAfter: validAfter)
    }
}

/// What the ledger reads of an account record (`accounts/<principal>.json`) to check signatures:
/// its status and its keys. The rest of the record belongs to the Documents layer.
public struct PrincipalKeys: Decodable, Sendable {
    public var status: String
    public var keys: [KeyGrant]

    public static let activeStatus = "active"

    /// Where a principal's account record lives in the tree.
    public static func path(for principal: String) throws(LedgerError) -> RecordPath {
        try RecordPath("accounts/\(principal).json")
    }
}

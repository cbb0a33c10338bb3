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

import Documents
import RecordRepo

/// One act on `main` as the index holds it: its signature manifestation and what it was about.
public struct IndexedAct: Codable, Sendable, Equatable {
    /// 1 for the first act on `main`, then +1 per act.
    public let seq: Int
    /// The commit's 40 hex digits.
    public let commit: String
    public let parent: String?
    /// `Signed-At`, ISO 8601 UTC (`2026-11-25T09:00:00Z`).
    public let time: String
    public let signer: String
    public let name: String
    public let meaning: Meaning
    /// The `Record` trailer.
    public let record: String
    /// The kind of that record: `sop`, `equipment`, `wo`, `drill`, `account`, `policy`, or the
    /// top-level folder of a kind added later.
    public let kind: String
    public let revision: Int?
    public let reason: String
    public let summary: String
    /// The equipment the act concerns: a work order's equipment, or the equipment record itself.
    public let equipment: String?
    /// The equipment's department for acts on equipment or work orders; otherwise the signer's
    /// department in the account they signed with.
    public let department: String?
}

/// One field change in a record's history, as `recrepo history --format json` prints it.
public struct HistoryRow: Codable, Sendable, Equatable {
    public let commit: String
    public let time: String
    public let signer: String
    public let name: String
    public let meaning: Meaning
    public let reason: String
    public let revision: Int?
    /// A JSON path (`status`, `steps[2].signedBy`), or `body` for a hunk of an SOP's markdown.
    public let field: String
    /// Nil when the field did not exist before the act (creation).
    public let old: JSONValue?
    /// Nil when the act removed the field.
    public let new: JSONValue?

    enum CodingKeys: String, CodingKey { case commit, time, signer, name, meaning, reason, revision, field, old, new }

    /// Writes every key, absent values as `null`, so that creation shows `"old": null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(commit, forKey: .commit)
        try container.encode(time, forKey: .time)
        try container.encode(signer, forKey: .signer)
        try container.encode(name, forKey: .name)
        try container.encode(meaning, forKey: .meaning)
        try container.encode(reason, forKey: .reason)
        try container.encode(revision, forKey: .revision)
        try container.encode(field, forKey: .field)
        try container.encode(old, forKey: .old)
        try container.encode(new, forKey: .new)
    }
}

/// A record as of the last indexed act.
public struct IndexedRecord: Codable, Sendable, Equatable {
    public let id: String
    public let kind: String
    /// The path of its JSON in the record tree.
    public let path: String
    /// The blob of its JSON (40 hex digits).
    public let blob: String
    /// The blob of its markdown body, for SOPs.
    public let bodyBlob: String?
    /// The last act that changed it.
    public let commit: String
    /// Its `status` field, or for an SOP the status of its latest revision.
    public let status: String?
    public let equipment: String?
    public let department: String?
}

/// What `RecordIndex.update()` did.
public struct IndexUpdate: Sendable, Equatable {
    /// How many acts were added to the index.
    public let indexed: Int
    /// True when the index was built again from the first act.
    public let rebuilt: Bool
    /// Set when the index was rebuilt because the history it held is no longer the history of
    /// `main` (rewritten or rolled back): a finding worth an auditor's attention.
    public let warning: String?
    /// The commit the index now ends at; nil for an empty repository.
    public let head: String?

    public init(indexed: Int, rebuilt: Bool, warning: String?, head: String?) {
        self.indexed = indexed
        self.rebuilt = rebuilt
        self.warning = warning
        self.head = head
    }
}

/// Which acts `RecordIndex.audit(_:)` returns: every set field must match (AND).
public struct AuditFilter: Sendable, Equatable {
    /// `YYYY-MM-DD`: acts signed on or after that day (UTC).
    public var since: String?
    /// `YYYY-MM-DD`: acts signed on or before that day (UTC).
    public var until: String?
    /// The signer's user ID.
    public var user: String?
    public var kind: String?
    /// Acts that changed this record (as `revisions(of:)` lists them).
    public var record: String?
    public var meaning: Meaning?
    public var equipment: String?
    public var department: String?

    public init(since: String? = nil, until: String? = nil, user: String? = nil, kind: String? = nil,
                record: String? = nil, meaning: Meaning? = nil, equipment: String? = nil, department: String? = nil) {
        self.since = since
        self.until = until
        self.user = user
        self.kind = kind
        self.record = record
        self.meaning = meaning
        self.equipment = equipment
        self.department = department
    }
}

/// The outcome of `recrepo verify`: each failure names the check, the commit and the record.
public struct VerificationReport: Codable, Sendable, Equatable {
    public var ok: Bool { failures.isEmpty }
    public var commits: Int
    public var objects: Int
    public var checkpoints: Int
    public var failures: [VerificationFailure]
    /// Acts whose recorded time an approved clock incident put in question: not failures, but
    /// reported with every verification so that nobody relies on those times.
    public var disputed: [DisputedAct] = []
    /// A clock incident proposed at the head that qa has not decided yet.
    public var awaitingIncident: String?

    enum CodingKeys: String, CodingKey { case ok, commits, objects, checkpoints, failures, disputed, awaitingIncident }

    public init(commits: Int = 0, objects: Int = 0, checkpoints: Int = 0, failures: [VerificationFailure] = []) {
        self.commits = commits
        self.objects = objects
        self.checkpoints = checkpoints
        self.failures = failures
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commits = try container.decode(Int.self, forKey: .commits)
        objects = try container.decodeIfPresent(Int.self, forKey: .objects) ?? 0
        checkpoints = try container.decodeIfPresent(Int.self, forKey: .checkpoints) ?? 0
        failures = try container.decode([VerificationFailure].self, forKey: .failures)
        disputed = try container.decodeIfPresent([DisputedAct].self, forKey: .disputed) ?? []
        awaitingIncident = try container.decodeIfPresent(String.self, forKey: .awaitingIncident)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(commits, forKey: .commits)
        try container.encode(objects, forKey: .objects)
        try container.encode(checkpoints, forKey: .checkpoints)
        try container.encode(failures, forKey: .failures)
        try container.encode(disputed, forKey: .disputed)
        try container.encodeIfPresent(awaitingIncident, forKey: .awaitingIncident)
    }
}

/// An act whose time is in question, and the clock incident that says so.
public struct DisputedAct: Codable, Sendable, Equatable {
    public let commit: String
    public let incident: String
}

public struct VerificationFailure: Codable, Sendable, Equatable {
    /// `objects`, `signature`, `authority` or `checkpoint` (checks 1 to 4 of the design).
    public var check: String
    public var commit: String?
    public var record: String?
    public var message: String

    public init(check: String, commit: String?, record: String?, message: String) {
        self.check = check
        self.commit = commit
        self.record = record
        self.message = message
    }
}

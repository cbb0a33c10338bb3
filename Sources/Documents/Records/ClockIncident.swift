/// Acts signed under a clock set ahead, named by an administrator at the true time and decided by
/// qa: approved, later acts go on from the true time and these are reported as disputed by every
/// verification; rejected, their times stand. Stored at `clock/<shard>/CLK-000001.json`.
public struct ClockIncident: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case proposed, approved, rejected
    }

    /// One act whose time is in question, as its commit says.
    public struct DisputedAct: Codable, Sendable, Equatable {
        public var commit: String
        public var signedAt: String
        public var signer: String
        public var record: String

        public init(commit: String, signedAt: String, signer: String, record: String) {
            self.commit = commit
            self.signedAt = signedAt
            self.signer = signer
            self.record = record
        }
    }

    /// `^CLK-[0-9]{6,9}$`.
    public var id: String
    public var status: Status
    /// The acts at the tip of `main` signed later than the proposal, newest first.
    public var disputed: [DisputedAct]
    public var proposedBy: String
    /// The true time, as the corrected clock gave it when the incident was proposed.
    public var proposedAt: String
    public var decidedBy: String?
    public var decidedAt: String?
    /// 1 when proposed, 2 once decided.
    public var revision: Int

    public init(id: String, status: Status, disputed: [DisputedAct], proposedBy: String, proposedAt: String,
                decidedBy: String? = nil, decidedAt: String? = nil, revision: Int) {
        self.id = id
        self.status = status
        self.disputed = disputed
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.revision = revision
    }
}

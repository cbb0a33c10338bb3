/// A request for corrective work: anyone may raise one; a supervisor accepts it into a work order
/// (in the same act that creates the job) or declines it with a reason. Stored at
/// `req/<shard>/REQ-000001.json`.
public struct MaintenanceRequest: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, accepted, declined
    }

    /// `^REQ-[0-9]{6,9}$`.
    public var id: String
    public var equipment: String
    public var title: String
    /// What is wrong, in the requester's words.
    public var description: String
    public var status: Status
    public var raisedBy: String
    public var raisedAt: String
    public var decidedBy: String?
    public var decidedAt: String?
    /// The job it was accepted into.
    public var workOrder: String?
    /// Why it was declined.
    public var declined: String?
    /// 1 when raised, 2 once decided.
    public var revision: Int

    public init(id: String, equipment: String, title: String, description: String, raisedBy: String, raisedAt: String) {
        self.id = id
        self.equipment = equipment
        self.title = title
        self.description = description
        self.status = .open
        self.raisedBy = raisedBy
        self.raisedAt = raisedAt
        self.revision = 1
    }
}

/// A piece of equipment that work orders are done on. Stored at `equipment/<shard>/<ID>.json`.
public struct Equipment: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// In service: work orders may be opened on it.
        case active
        /// Out of service for good; its history stays.
        case retired
    }

    /// `^[A-Z][A-Z0-9]{1,11}-[0-9]{1,9}$`, e.g. `PUMP-101`; chosen by the person who adds it.
    public var id: String
    /// 1 to 200 characters, no control characters.
    public var name: String
    public var location: String?
    public var department: String?
    public var status: Status
    public var createdBy: String
    /// ISO 8601 UTC: the signing time of the creating act.
    public var createdAt: String
    /// 1 at creation, +1 per act that changes the record.
    public var revision: Int

    public init(id: String, name: String, location: String? = nil, department: String? = nil,
                status: Status = .active, createdBy: String, createdAt: String, revision: Int = 1) {
        self.id = id
        self.name = name
        self.location = location
        self.department = department
        self.status = status
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.revision = revision
    }
}

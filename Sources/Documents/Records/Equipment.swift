/// A piece of equipment that work orders are done on: a system or one of its components (`parent`),
/// as deep as a plant needs. Stored at `equipment/<shard>/<ID>.json`. Every field added after the
/// first release is optional, so records written before read as they were.
public struct Equipment: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// In service: work orders may be opened on it (stored as `active`, its first name).
        case active
        /// Out of service: only a repair that returns it to service may be opened on it.
        case outOfService = "out-of-service"
        /// Out of service for good; its history stays.
        case retired

        /// What a person calls it: `in-service`, `out-of-service`, `retired`.
        public var word: String { self == .active ? "in-service" : rawValue }

        public init?(word: String) {
            guard let status = Self.allCases.first(where: { $0.word == word }) else { return nil }
            self = status
        }
    }

    /// A meter on the equipment and its latest reading.
    public struct Meter: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable, CaseIterable {
            /// Only goes up (running hours, cycles), unless the meter is replaced.
            case counter
            /// Goes up and down (a temperature, a pressure).
            case gauge
        }

        /// `^[a-z][a-z0-9-]{0,31}$`, e.g. `hours`.
        public var name: String
        public var unit: String
        public var kind: Kind
        public var reading: Reading?

        public init(name: String, unit: String, kind: Kind, reading: Reading? = nil) {
            self.name = name
            self.unit = unit
            self.kind = kind
            self.reading = reading
        }
    }

    /// One reading of a meter: its history is the history of this field.
    public struct Reading: Codable, Sendable, Equatable {
        public var value: Double
        public var by: String
        public var at: String
        /// True when the meter was replaced and a counter starts again lower.
        public var replacement: Bool?

        public init(value: Double, by: String, at: String, replacement: Bool? = nil) {
            self.value = value
            self.by = by
            self.at = at
            self.replacement = replacement
        }
    }

    /// `^[A-Z][A-Z0-9]{1,11}-[0-9]{1,9}$`, e.g. `PUMP-101`; chosen by the person who adds it.
    public var id: String
    /// 1 to 200 characters, no control characters.
    public var name: String
    public var type: String?
    public var make: String?
    public var model: String?
    public var serialNumber: String?
    public var location: String?
    public var department: String?
    /// The system this is a component of.
    public var parent: String?
    /// Whether it affects product quality (GMP-critical); nil in records written before it was asked.
    public var gmpCritical: Bool?
    public var status: Status
    /// The SOPs that apply to it.
    public var documents: [String]?
    public var meters: [Meter]?
    /// Manuals, drawings, certificates: each stored beside the record, named by its digest.
    public var attachments: [WorkOrder.Attachment]?
    /// Set when it is an instrument that needs calibration.
    public var instrument: Instrument?
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

    /// The meter called `name`, by its index.
    public func meter(_ name: String) -> (index: Int, meter: Meter)? {
        guard let index = meters?.firstIndex(where: { $0.name == name }), let meter = meters?[index] else { return nil }
        return (index, meter)
    }
}

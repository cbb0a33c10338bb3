/// A kind of record: where its records live, how their IDs are formed, which schema describes
/// them and which files one record has. Every kind is one constant below, listed once in
/// `allCases`: ID checks, paths, export, history and `show` take kinds from that list, and the
/// events of a kind are declared beside it (`KindDeclaration`).
public struct RecordKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How a kind's records are named and where they live.
    public enum Form: Sendable, Hashable {
        /// `PREFIX-digits` (or the plant's own `LETTERS-digits`), sharded: `wo/0000/01/WO-000123.json`.
        case numbered
        /// A user ID, one flat folder: `accounts/alice.json`.
        case user
        /// One record whose ID is the kind's name: `policy.json`.
        case single
    }

    /// The top-level folder of the kind's records (`wo`), also its name in commands and indexes.
    public let rawValue: String
    public let form: Form
    /// What one record is called in messages: "work order".
    public let noun: String
    /// The letters before the dash of a generated ID (`WO`), or nil when the plant chooses the
    /// IDs (equipment: 2 to 12 capital letters or digits starting with a letter).
    public let prefix: String?
    /// How many digits follow the dash.
    public let digits: ClosedRange<Int>
    /// How many digits a generated ID is padded to.
    public let width: Int
    /// An ID of the kind, for messages.
    public let example: String
    /// The file in `schemas/` that describes the kind's JSON.
    public let schemaName: String
    /// The extension of a file kept beside the JSON (an SOP's `md` body), or nil.
    public let bodyExtension: String?

    /// A person's account: roles, keys and status (the signer of every other act).
    public static let account = RecordKind(rawValue: "accounts", form: .user, noun: "account", prefix: nil, digits: 0...0,
                                           width: 0, example: "alice", schemaName: "account.schema.json", bodyExtension: nil)
    /// The signed policy: password rules, lockout, and which roles may sign what.
    public static let policy = RecordKind(rawValue: "policy", form: .single, noun: "policy", prefix: nil, digits: 0...0,
                                          width: 0, example: "policy", schemaName: "policy.schema.json", bodyExtension: nil)
    public static let sop = RecordKind(rawValue: "sop", noun: "SOP", prefix: "SOP", digits: 4...9, width: 4,
                                       example: "SOP-0001", schemaName: "sop.schema.json", bodyExtension: "md")
    public static let equipment = RecordKind(rawValue: "equipment", noun: "equipment", prefix: nil, digits: 1...9, width: 1,
                                             example: "PUMP-101", schemaName: "equipment.schema.json", bodyExtension: nil)
    /// A reference standard instruments are calibrated against, under the plant's own ID.
    public static let standard = RecordKind(rawValue: "std", noun: "reference standard", prefix: nil, digits: 1...9, width: 1,
                                            example: "STD-1", schemaName: "standard.schema.json", bodyExtension: nil)
    /// The calibration of an instrument against reference standards.
    public static let calibration = RecordKind(rawValue: "cal", noun: "calibration", prefix: "CAL", digits: 6...9, width: 6,
                                               example: "CAL-000001", schemaName: "calibration.schema.json", bodyExtension: nil)
    public static let workOrder = RecordKind(rawValue: "wo", noun: "work order", prefix: "WO", digits: 6...9, width: 6,
                                             example: "WO-000001", schemaName: "work-order.schema.json", bodyExtension: nil)
    /// A recovery drill's result.
    public static let drill = RecordKind(rawValue: "drill", noun: "drill", prefix: "DRILL", digits: 6...9, width: 6,
                                         example: "DRILL-000001", schemaName: "drill.schema.json", bodyExtension: nil)
    /// A signed audit-trail review.
    public static let review = RecordKind(rawValue: "review", noun: "audit-trail review", prefix: "AR", digits: 6...9,
                                          width: 6, example: "AR-000001", schemaName: "audit-review.schema.json",
                                          bodyExtension: nil)

    /// A security alert raised by the system.
    public static let alert = RecordKind(rawValue: "alert", noun: "alert", prefix: "ALERT", digits: 6...9, width: 6,
                                         example: "ALERT-000001", schemaName: "alert.schema.json", bodyExtension: nil)

    /// A preventive maintenance plan.
    public static let pm = RecordKind(rawValue: "pm", noun: "PM plan", prefix: "PM", digits: 4...9, width: 4,
                                      example: "PM-0001", schemaName: "pm-plan.schema.json", bodyExtension: nil)

    /// A clock incident: acts whose recorded times are in question, and qa's decision on them.
    public static let clock = RecordKind(rawValue: "clock", noun: "clock incident", prefix: "CLK", digits: 6...9, width: 6,
                                         example: "CLK-000001", schemaName: "clock-incident.schema.json", bodyExtension: nil)

    /// A request for corrective work, accepted into a work order or declined.
    public static let request = RecordKind(rawValue: "req", noun: "maintenance request", prefix: "REQ", digits: 6...9, width: 6,
                                           example: "REQ-000001", schemaName: "request.schema.json", bodyExtension: nil)

    /// A person's training on one SOP revision, recorded by the trainer and acknowledged by the trainee.
    public static let train = RecordKind(rawValue: "train", noun: "training record", prefix: "TRN", digits: 6...9, width: 6,
                                         example: "TRN-000001", schemaName: "training.schema.json", bodyExtension: nil)

    /// A deviation from a procedure or specification: classified, investigated, assessed, approved and closed.
    public static let deviation = RecordKind(rawValue: "dev", noun: "deviation", prefix: "DEV", digits: 6...9, width: 6,
                                             example: "DEV-000001", schemaName: "deviation.schema.json", bodyExtension: nil)

    /// A corrective and preventive action: planned actions, their implementation and the check of their effectiveness.
    public static let capa = RecordKind(rawValue: "capa", noun: "CAPA", prefix: "CAPA", digits: 6...9, width: 6,
                                        example: "CAPA-000001", schemaName: "capa.schema.json", bodyExtension: nil)

    /// A maintenance record brought in from a legacy system: read-only, dated as its source.
    public static let history = RecordKind(rawValue: "mh", noun: "imported maintenance record", prefix: "MH", digits: 6...9,
                                           width: 6, example: "MH-000001", schemaName: "maintenance-history.schema.json",
                                           bodyExtension: nil)

    /// The reconciliation of one import: the source file's checksum, what was read, imported and
    /// refused, and the re-read of every imported record against its row.
    public static let reconciliation = RecordKind(rawValue: "imp", noun: "import reconciliation", prefix: "IMP", digits: 6...9,
                                                  width: 6, example: "IMP-000001", schemaName: "import-reconciliation.schema.json",
                                                  bodyExtension: nil)

    /// The registry: every kind, those with a fixed prefix first, so that the first kind whose ID
    /// rule accepts an ID is the kind of that ID (equipment's rule is the most general).
    public static let allCases: [RecordKind] = [.sop, .workOrder, .pm, .request, .train, .deviation, .capa, .drill, .review, .alert, .clock,
                                                   .history, .reconciliation, .equipment, .standard, .calibration, .account, .policy]

    /// The kind whose folder is `name`, or nil.
    public init?(rawValue name: String) {
        guard let kind = Self.allCases.first(where: { $0.rawValue == name }) else { return nil }
        self = kind
    }

    private init(rawValue: String, form: Form = .numbered, noun: String, prefix: String?, digits: ClosedRange<Int>, width: Int, example: String,
                 schemaName: String, bodyExtension: String?) {
        self.rawValue = rawValue
        self.form = form
        self.noun = noun
        self.prefix = prefix
        self.digits = digits
        self.width = width
        self.example = example
        self.schemaName = schemaName
        self.bodyExtension = bodyExtension
    }

    public var description: String { rawValue }

    /// The kind's name in audit queries and the index: its folder, but `account` for accounts.
    public var name: String { form == .user ? "account" : rawValue }

    /// The rule an ID of the kind follows, in words.
    public var idRule: String {
        switch form {
        case .user: return "a user ID is 2 to 32 characters: a lowercase letter, then lowercase letters, digits, '.', '_' or '-'"
        case .single: return "the \(noun) has the one ID '\(rawValue)'"
        case .numbered: break
        }
        let article = noun.first.map { "AEIOU".contains($0.uppercased()) } == true ? "an" : "a"
        guard let prefix else {
            return "\(article) \(noun) ID is 2 to 12 capital letters or digits starting with a letter, '-', and \(digits.lowerBound) to \(digits.upperBound) digits, e.g. \(example)"
        }
        return "\(article) \(noun) ID is '\(prefix)-' and \(digits.lowerBound) to \(digits.upperBound) digits, e.g. \(example)"
    }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let kind = RecordKind(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no record kind '\(name)'"))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

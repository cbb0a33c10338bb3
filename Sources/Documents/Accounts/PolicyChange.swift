/// A proposed change of the policy: permissions granted to or revoked from roles, and settings.
/// It takes effect only when a person with `policy.approve` other than the proposer approves it.
public struct PolicyChange: Codable, Sendable, Equatable {
    /// A permission and a role.
    public struct Grant: Codable, Sendable, Equatable, CustomStringConvertible {
        public var permission: Permission
        public var role: Role

        public init(permission: Permission, role: Role) {
            self.permission = permission
            self.role = role
        }

        /// Parses `PERMISSION:ROLE` (`wo.cancel:qa`), naming the valid values when it is not one.
        public init(parsing text: String) throws(DocumentsError) {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let permission = Permission(rawValue: parts[0]) else {
                throw .invalidField(record: "policy", field: "permission", reason: "'\(text)' is not PERMISSION:ROLE with a permission of "
                    + Permission.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let role = Role(rawValue: parts[1]) else {
                throw .invalidField(record: "policy", field: "role",
                                    reason: "'\(parts[1])' is not a role; the roles are " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.init(permission: permission, role: role)
        }

        public var description: String { "\(permission.rawValue):\(role.rawValue)" }
    }

    /// A setting and its new value.
    public struct Setting: Codable, Sendable, Equatable, CustomStringConvertible {
        public var key: Policy.Setting
        public var value: Int

        public init(key: Policy.Setting, value: Int) {
            self.key = key
            self.value = value
        }

        /// Parses `KEY=VALUE`, checking the value against the setting's range.
        public init(parsing text: String) throws(DocumentsError) {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let key = Policy.Setting(rawValue: parts[0]) else {
                throw .invalidField(record: "policy", field: "setting", reason: "'\(text)' is not KEY=VALUE with a key of "
                    + Policy.Setting.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if key.isSwitch {
                guard let on = ["false": 0, "true": 1][parts[1]] else {
                    throw .invalidField(record: "policy", field: key.rawValue, reason: "'\(parts[1])' is not true or false")
                }
                self.init(key: key, value: on)
                return
            }
            guard let value = Int(parts[1]), key.range.contains(value) else {
                throw .invalidField(record: "policy", field: key.rawValue,
                                    reason: "'\(parts[1])' is not a whole number from \(key.range.lowerBound) to \(key.range.upperBound)")
            }
            self.init(key: key, value: value)
        }

        public var description: String { "\(key.rawValue)=\(key.text(of: value))" }
    }

    public var grant: [Grant]
    public var revoke: [Grant]
    public var set: [Setting]
    /// The plant's new time zone (an IANA name), when the change sets it.
    public var timeZone: String?
    public var proposedBy: String
    /// The proposal's signing time.
    public var proposedAt: String

    public init(grant: [Grant], revoke: [Grant], set: [Setting], timeZone: String? = nil, proposedBy: String, proposedAt: String) {
        self.grant = grant
        self.revoke = revoke
        self.set = set
        self.timeZone = timeZone
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
    }

    /// What the change does, in one line.
    public var summary: String {
        (grant.map { "grant \($0)" } + revoke.map { "revoke \($0)" } + set.map { "set \($0)" }
            + (timeZone.map { ["set timeZone=\($0)"] } ?? [])).joined(separator: ", ")
    }
}

extension Policy {
    /// The settings a policy change may set, by their names in `policy.json`.
    public enum Setting: String, Codable, Sendable, CaseIterable {
        case passwordMinLength
        case passwordMaxAgeDays
        case lockoutThreshold
        case auditReviewIntervalDays
        /// How many of a person's previous passwords a new one may not repeat.
        case passwordHistory
        /// The largest file that may be attached to a record, in KiB.
        case attachmentMaxKiB
        /// The least test uncertainty ratio (N:1) a calibration accepts.
        case calibrationMinRatio
        /// The training gate (§11.10(i)): `true` or `false`, kept as 1 or 0 in a change.
        case trainingGate = "training-gate"
        /// Months between periodic reviews of an SOP that sets no interval of its own.
        case sopReviewIntervalMonths

        /// True for a setting that is on or off (`true`/`false`) rather than a number.
        public var isSwitch: Bool { self == .trainingGate }

        /// The value as it is written on the command line: `true`/`false` for a switch.
        public func text(of value: Int) -> String { isSwitch ? (value == 0 ? "false" : "true") : String(value) }
        /// Days to close a minor deviation, from the day it is opened.
        case deviationMinorDays
        /// Days to close a major deviation.
        case deviationMajorDays
        /// Days to close a critical deviation.
        case deviationCriticalDays
        /// Days after a CAPA's last implemented action before its effectiveness may be verified.
        case capaEffectivenessDays
        /// Minutes without a request after which a web session ends.
        case sessionIdleMinutes
        /// Hours after sign-in after which a web session ends.
        case sessionMaxHours
        /// The hour of the plant's day at which the server runs the day's generation and checkpoint.
        case dailyRunHour

        /// The values the setting accepts.
        public var range: ClosedRange<Int> {
            switch self {
            case .passwordMinLength: 8...128
            case .passwordMaxAgeDays: 1...3_650
            case .lockoutThreshold: 1...20
            case .auditReviewIntervalDays: 1...366
            case .passwordHistory: 0...24
            case .attachmentMaxKiB: 1...100_000
            case .calibrationMinRatio: 1...100
            case .trainingGate: 0...1
            case .sopReviewIntervalMonths: 1...120
            case .deviationMinorDays, .deviationMajorDays, .deviationCriticalDays: 1...366
            case .capaEffectivenessDays: 0...366
            case .sessionIdleMinutes: 1...480
            case .sessionMaxHours: 1...24
            case .dailyRunHour: 0...23
            }
        }

        var keyPath: WritableKeyPath<Policy, Int> {
            switch self {
            case .passwordMinLength: \.passwordMinLength
            case .passwordMaxAgeDays: \.passwordMaxAgeDays
            case .lockoutThreshold: \.lockoutThreshold
            case .auditReviewIntervalDays: \.auditReviewIntervalDays
            case .passwordHistory: \.history
            case .attachmentMaxKiB: \.attachmentKiB
            case .calibrationMinRatio: \.minRatio
            case .trainingGate: \.trainingGateValue
            case .sopReviewIntervalMonths: \.sopReviewMonthsValue
            case .deviationMinorDays: \.deviationMinor
            case .deviationMajorDays: \.deviationMajor
            case .deviationCriticalDays: \.deviationCritical
            case .capaEffectivenessDays: \.capaEffectiveness
            case .sessionIdleMinutes: \.sessionIdle
            case .sessionMaxHours: \.sessionMax
            case .dailyRunHour: \.dailyRun
            }
        }
    }

    /// The value of `setting` in force.
    public func value(of setting: Setting) -> Int { self[keyPath: setting.keyPath] }

    /// `passwordHistory`, with the standard value for policies signed before it existed.
    var history: Int {
        get { passwordHistory ?? Policy.standardPasswordHistory }
        set { passwordHistory = newValue }
    }

    /// `attachmentMaxKiB`, with the standard value for policies signed before it existed.
    public var attachmentKiB: Int {
        get { attachmentMaxKiB ?? Policy.standardAttachmentMaxKiB }
        set { attachmentMaxKiB = newValue }
    }

    /// `calibrationMinRatio`, with the standard value for policies signed before it existed.
    var minRatio: Int {
        get { calibrationMinRatio ?? Policy.standardCalibrationMinRatio }
        set { calibrationMinRatio = newValue }
    }

    /// `trainingGate` as a setting's number: 1 on, 0 off.
    var trainingGateValue: Int {
        get { gatesTraining ? 1 : 0 }
        set { trainingGate = newValue != 0 }
    }

    /// `sopReviewIntervalMonths`, with the standard value for policies signed before it existed.
    var sopReviewMonthsValue: Int {
        get { sopReviewMonths }
        set { sopReviewIntervalMonths = newValue }
    }

    /// The policy with `change` applied: its grants, revokes and settings.
    func applying(_ change: PolicyChange) -> Policy {
        var policy = self
        for grant in change.grant {
            policy.permissions[grant.permission] = Array(Set(roles(for: grant.permission) + [grant.role])).sorted { $0.rawValue < $1.rawValue }
        }
        for revoke in change.revoke {
            policy.permissions[revoke.permission] = policy.roles(for: revoke.permission).filter { $0 != revoke.role }
        }
        for setting in change.set { policy[keyPath: setting.key.keyPath] = setting.value }
        if let zone = change.timeZone { policy.timeZone = zone }
        return policy
    }
}

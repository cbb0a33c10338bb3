import Foundation
import RecordRepo

/// The signed policy (`policy.json`): password rules, lockout, KDF cost, review interval, and which
/// roles may sign what.
public struct Policy: Codable, Sendable, Equatable {
    public var passwordMinLength: Int
    public var passwordMaxAgeDays: Int
    public var lockoutThreshold: Int
    public var kdf: KDFParameters
    public var auditReviewIntervalDays: Int
    /// Which roles may sign what on which kind of record.
    public var permissions: [Permission: [Role]]
    public var revision: Int
    /// How many previous passwords a new one may not repeat; nil in policies signed before it existed.
    public var passwordHistory: Int?
    /// A change proposed and not yet approved or rejected.
    public var pending: PolicyChange?
    /// The plant's time zone (an IANA name, `Europe/Berlin`): the days of effective and due dates
    /// are its days. Nil: UTC, as in policies signed before it existed.
    public var timeZone: String?
    /// The largest file that may be attached to a record, in KiB; nil: the standard 10 MiB.
    public var attachmentMaxKiB: Int?
    /// The least test uncertainty ratio a calibration accepts (a point's tolerance over the
    /// standard's uncertainty, N:1); nil: the standard 4:1.
    public var calibrationMinRatio: Int?
    /// Days to close a deviation by its class, from the day it is opened; nil: the standard
    /// (`Policy.standardDeviationDays`), as in policies signed before they existed.
    public var deviationMinorDays: Int?
    public var deviationMajorDays: Int?
    public var deviationCriticalDays: Int?
    /// Days after a CAPA's last implemented action before its effectiveness may be verified;
    /// nil: the standard 30.
    public var capaEffectivenessDays: Int?

    static let standardAttachmentMaxKiB = 10_240
    static let standardCalibrationMinRatio = 4
    /// True: a person starts a job or signs its steps only with an acknowledged training record
    /// on the SOP revision bound to it (§11.10(i)). Nil: off, as in policies signed before it existed.
    public var trainingGate: Bool?
    /// Minutes without a request after which a web session ends (§11.10(d)); nil: the standard 15.
    public var sessionIdleMinutes: Int?
    /// Hours after sign-in after which a web session ends however active; nil: the standard 12.
    public var sessionMaxHours: Int?
    /// The hour of the plant's day (0 to 23) at which the server generates the day's preventive
    /// maintenance and writes a checkpoint; nil: the standard 2 (two in the morning).
    public var dailyRunHour: Int?
    /// Months between periodic reviews of an effective SOP unless the SOP sets its own; nil: 24.
    public var sopReviewIntervalMonths: Int?

    static let standardSOPReviewIntervalMonths = 24

    /// Whether the training gate is on.
    public var gatesTraining: Bool { trainingGate ?? false }

    /// The months between periodic reviews of an SOP that sets no interval of its own.
    public var sopReviewMonths: Int { sopReviewIntervalMonths ?? Self.standardSOPReviewIntervalMonths }

    /// The largest attachment in bytes.
    public var attachmentLimit: Int { attachmentKiB * 1_024 }

    /// The plant's time zone as Foundation reads it (UTC when unset or unknown here).
    public var zone: TimeZone {
        timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    /// The plant's day at `date`.
    public func day(of date: Date) -> String { Day(of: date, in: zone).text }

    static let standardPasswordHistory = 5

    public static let standard = Policy(
        passwordMinLength: 12, passwordMaxAgeDays: 90, lockoutThreshold: 5, kdf: .standard,
        auditReviewIntervalDays: 30, permissions: Permission.standard, revision: 1,
        passwordHistory: standardPasswordHistory)

    public static let path: RecordPath = {
        guard let path = try? RecordPath("policy.json") else { preconditionFailure("constant path") }
        return path
    }()

    /// Every rule `password` breaks for `user`, all at once; empty when it is acceptable.
    public func problems(withPassword password: String, user: String) -> [String] {
        var problems: [String] = []
        if password.count < passwordMinLength { problems.append("it must have at least \(passwordMinLength) characters") }
        if password.lowercased().contains(user.lowercased()) { problems.append("it must not contain the user ID") }
        if Set(password).count < 5 { problems.append("it must use at least 5 different characters") }
        return problems
    }

    /// The rules a new password must meet, in one sentence, for prompts and refusals.
    public var passwordRules: String {
        "at least \(passwordMinLength) characters, at least 5 different characters, not containing the user ID, "
            + "different from the current password and from the last \(history)"
    }
}

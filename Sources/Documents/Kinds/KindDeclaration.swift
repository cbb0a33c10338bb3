import Foundation
import RecordRepo

/// A record kind's events, declared once; the registry (`Kinds`) lists every declared kind.
public struct KindDeclaration<Record: Codable & Sendable & Equatable>: Sendable {
    public let kind: RecordKind
    public let events: [ReplayableEvent<Record>]
    /// The record's revision, which the act's `Revision` trailer states.
    let revision: @Sendable (Record) -> Int?
    /// Fields named in the kind's own words (see `FieldLabels`); the rest read as their paths in words.
    public let labels: [String: String]

    public init(kind: RecordKind, events: [ReplayableEvent<Record>], revision: @escaping @Sendable (Record) -> Int?,
                labels: [String: String] = [:]) {
        self.kind = kind
        self.events = events
        self.revision = revision
        self.labels = labels
    }

    /// The `Event` trailer of `event`: `wo.cancel`.
    public func trailer<Input>(of event: RecordEvent<Record, Input>) -> String { "\(kind.rawValue).\(event.name)" }
}

/// Why verify refused an act that names a declared event: the rule, and what broke it.
public struct EventRefusal: Sendable, Equatable, CustomStringConvertible {
    /// Which rule refused the act.
    public enum Rule: String, Sendable, CaseIterable {
        /// The `Event` trailer names no event of the record's kind.
        case unknownEvent = "unknown event"
        /// The act's `Meaning` is not the one its event declares.
        case meaning
        /// The event creates a record that existed, or changes one that did not.
        case existence
        /// The signer had not acknowledged their signature, or still had to change a one-time
        /// or expired password.
        case signer
        /// The policy at the act's parent did not let the signer sign the event.
        case permission
        /// The event's lifecycle or cross-record checks refused it.
        case check
        /// The record written is not what the event gives.
        case result
        /// The act's `Revision` trailer is not the record's revision.
        case revision
        /// The act changed other records than those its event writes with its own, or wrote them
        /// differently.
        case companions = "other records"
    }

    public let record: String
    public let event: String
    public let rule: Rule
    public let reason: String

    public var description: String { "\(record) (\(event)) refused by the \(rule.rawValue) rule: \(reason)" }
}

/// A declared kind with its record type hidden, as verify's replay dispatches to it.
public protocol DeclaredKind: Sendable {
    var kind: RecordKind { get }
    /// The names of its events, in declaration order.
    var eventNames: [String] { get }
    /// Fields named in the kind's own words.
    var labels: [String: String] { get }
    /// Why `act`, which names `event` of this kind, would have been refused; nil when the record
    /// it wrote (`written`, from `before`) is exactly what the event gives, and `others` (the
    /// other files the act changed, by path, with their contents after it; nil: removed) exactly
    /// the other records it writes.
    func refusal(event: String, act: ActInfo, before: Data?, written: Data, bodies: Bodies, others: [String: Data?],
                 context: any RecordContext, skipping: Set<EventRefusal.Rule>) -> EventRefusal?
}

extension KindDeclaration: DeclaredKind {
    public var eventNames: [String] { events.map(\.name) }

    /// `skipping` names rules to leave out: always empty in verify; tests switch each rule off in
    /// turn to show that it is the one refusing its forged act.
    public func refusal(event name: String, act: ActInfo, before data: Data?, written: Data, bodies: Bodies,
                        others: [String: Data?] = [:], context: any RecordContext,
                        skipping: Set<EventRefusal.Rule> = []) -> EventRefusal? {
        func refuse(_ rule: EventRefusal.Rule, _ reason: String) -> EventRefusal? {
            skipping.contains(rule) ? nil : EventRefusal(record: act.record, event: name, rule: rule, reason: reason)
        }
        let prefix = kind.rawValue + "."
        guard name.hasPrefix(prefix), let event = events.first(where: { $0.name == name.dropFirst(prefix.count) }) else {
            return refuse(.unknownEvent, "a \(kind.noun) has the events \(events.map { prefix + $0.name }.joined(separator: ", "))")
        }
        if act.meaning != event.meaning, let refusal = refuse(.meaning, "the event means \(event.meaning.rawValue), not \(act.meaning.rawValue)") {
            return refusal
        }
        if (data == nil) != event.creates,
           let refusal = refuse(.existence, event.creates ? "\(act.record) existed already" : "\(act.record) did not exist") {
            return refusal
        }
        let decoder = JSONDecoder()
        guard let stored = try? decoder.decode(Record.self, from: written) else { return refuse(.result, "the record cannot be read") }
        let before = event.creates ? nil : data.flatMap { try? decoder.decode(Record.self, from: $0) }
        if !event.creates, data != nil, before == nil { return refuse(.result, "the record before the act cannot be read") }
        if act.signer != Signer.systemPrincipal, !event.duringPasswordChange {
            let signer = context.account(act.signer)
            if signer?.acknowledgedAt == nil,
               let refusal = refuse(.signer, "\(act.signer) had not signed the acknowledgement, which is an account's first act") {
                return refusal
            }
            if signer?.mustChangePassword != false, let refusal = refuse(.signer, "\(act.signer) still had to change a one-time password") {
                return refusal
            }
            let maxAge = TimeInterval(context.policy.passwordMaxAgeDays) * 86_400
            if let set = signer.flatMap({ Timestamp.parse($0.passwordSetAt) }), act.time.timeIntervalSince(set) > maxAge,
               let refusal = refuse(.signer, "\(act.signer)'s password was older than \(context.policy.passwordMaxAgeDays) days") {
                return refusal
            }
        }
        if let permission = event.permission {
            do { try context.require(permission, of: act.signer, to: event.action) } catch {
                if let refusal = refuse(.permission, error.description) { return refusal }
            }
        }
        let expected: Replayed<Record>?
        do {
            expected = try event.expected(before, stored, bodies, context, Signing(user: act.signer, at: act.time, in: context.policy.zone),
                                          !skipping.contains(.check), Version.admits(act.trailers.softwareVersion))
        } catch {
            return refuse(.check, error.description)
        }
        if expected?.record != stored, let refusal = refuse(.result, "\(act.record) as written differs from what \(name) gives") {
            return refusal
        }
        if let problem = Self.mismatch(others, expected?.companions ?? [:]), let refusal = refuse(.companions, problem) {
            return refusal
        }
        let revision = revision(expected?.record ?? stored)
        if act.revision != revision,
           let refusal = refuse(.revision, "the act says revision \(act.revision.map(String.init) ?? "none"), the record is at \(revision.map(String.init) ?? "none")") {
            return refusal
        }
        return nil
    }
}

extension KindDeclaration {
    /// Why the other files an act changed are not exactly the records its event writes with its own.
    static func mismatch(_ others: [String: Data?], _ expected: [String: Companion.Expected]) -> String? {
        for path in others.keys.sorted() where expected[path] == nil {
            return "the act also changed \(path), which its event does not write"
        }
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            guard let written = others[path] else { return "the event writes \(path) too, but the act did not change it" }
            guard let written, data.matches(written) else { return "\(path) as written differs from what the event gives" }
        }
        return nil
    }
}

/// The registry of declared kinds: verify's replay, and every generic command, take kinds from here.
public enum Kinds {
    public static let declared: [any DeclaredKind] = [
        SOPKind.declaration, WorkOrderKind.declaration, EquipmentKind.declaration, DrillKind.declaration,
        AuditReviewKind.declaration, AccountKind.declaration, PolicyKind.declaration,
        AlertKind.declaration, ClockKind.declaration, PMKind.declaration, RequestKind.declaration, TrainingKind.declaration,
        HistoryKind.declaration, ReconciliationKind.declaration, StandardKind.declaration, CalibrationKind.declaration,
        DeviationKind.declaration, CAPAKind.declaration,
    ]

    /// The declaration of `kind`, when its events are declared.
    public static func declaration(of kind: RecordKind) -> (any DeclaredKind)? {
        declared.first { $0.kind == kind }
    }
}

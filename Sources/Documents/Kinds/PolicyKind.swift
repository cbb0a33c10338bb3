import Foundation
import RecordRepo

/// The policy's events (Annex 11 §10, §12.3): an administrator proposes a change, and it takes
/// effect only when someone with `policy.approve` other than the proposer approves it.
public enum PolicyKind {
    /// What an administrator asks to change.
    public struct Proposal: Sendable, Equatable {
        public var grant: [PolicyChange.Grant]
        public var revoke: [PolicyChange.Grant]
        public var set: [PolicyChange.Setting]
        public var timeZone: String?

        public init(grant: [PolicyChange.Grant], revoke: [PolicyChange.Grant], set: [PolicyChange.Setting], timeZone: String? = nil) {
            self.grant = grant
            self.revoke = revoke
            self.set = set
            self.timeZone = timeZone
        }

        /// A proposal from the command line's `PERMISSION:ROLE` grants and revokes and `KEY=VALUE`
        /// settings (`timeZone=Europe/Berlin` among them), each checked and named when wrong.
        public init(parsingGrants grants: [String], revokes: [String], settings: [String]) throws(DocumentsError) {
            var numbers: [PolicyChange.Setting] = []
            var zone: String?
            for text in settings {
                if text.hasPrefix("timeZone=") { zone = String(text.dropFirst("timeZone=".count)) } else {
                    numbers.append(try PolicyChange.Setting(parsing: text))
                }
            }
            var parsedGrants: [PolicyChange.Grant] = [], parsedRevokes: [PolicyChange.Grant] = []
            for text in grants { parsedGrants.append(try PolicyChange.Grant(parsing: text)) }
            for text in revokes { parsedRevokes.append(try PolicyChange.Grant(parsing: text)) }
            self.init(grant: parsedGrants, revoke: parsedRevokes, set: numbers, timeZone: zone)
        }
    }

    /// Refuses a time zone name that is not an IANA zone known here.
    static func checkZone(_ name: String) throws(DocumentsError) {
        guard name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_+-".contains($0)) }),
              TimeZone(identifier: name) != nil else {
            throw .invalidField(record: "policy", field: "timeZone",
                                reason: "\(RecordID.quoted(name)) is not a time zone name such as Europe/Berlin or America/Chicago")
        }
    }

    public static let propose = RecordEvent<Policy, Proposal>(
        "propose", meaning: .authorship, permission: .policyChange, action: "propose policy changes",
        summary: { _, proposal, _ in
            "Propose a policy change: " + PolicyChange(grant: proposal.grant, revoke: proposal.revoke, set: proposal.set,
                                                       timeZone: proposal.timeZone, proposedBy: "", proposedAt: "").summary
        },
        input: { _, written, _ in
            written.pending.map { Proposal(grant: $0.grant, revoke: $0.revoke, set: $0.set, timeZone: $0.timeZone) }
        },
        check: { before, proposal, _, _ throws(DocumentsError) in
            let policy = try existing(before)
            if let pending = policy.pending {
                throw .invalidTransition(record: "policy", from: "changing", event: "propose",
                                         reason: "\(pending.proposedBy)'s change (\(pending.summary)) waits for approval or rejection")
            }
            if let zone = proposal.timeZone { try checkZone(zone) }
            guard !(proposal.grant.isEmpty && proposal.revoke.isEmpty && proposal.set.isEmpty && proposal.timeZone == nil) else {
                throw .invalidField(record: "policy", field: "change", reason: "give at least one --grant, --revoke or --set")
            }
            for grant in proposal.grant where policy.roles(for: grant.permission).contains(grant.role) {
                throw .invalidField(record: "policy", field: "grant", reason: "\(grant.role.rawValue) holds \(grant.permission.rawValue) already")
            }
            for revoke in proposal.revoke where !policy.roles(for: revoke.permission).contains(revoke.role) {
                throw .invalidField(record: "policy", field: "revoke", reason: "\(revoke.role.rawValue) does not hold \(revoke.permission.rawValue)")
            }
            for setting in proposal.set where !setting.key.range.contains(setting.value) {
                throw .invalidField(record: "policy", field: setting.key.rawValue, reason: "\(setting.value) is outside \(setting.key.range)")
            }
        },
        apply: { before, proposal, signing throws(DocumentsError) in
            var policy = try existing(before)
            policy.pending = PolicyChange(grant: proposal.grant, revoke: proposal.revoke, set: proposal.set,
                                          timeZone: proposal.timeZone, proposedBy: signing.user, proposedAt: signing.time)
            policy.revision += 1
            return policy
        })

    public static let approve = decide("approve", .approval, "approve policy changes") { policy, change in
        var next = policy.applying(change)
        next.pending = nil
        return next
    }

    public static let reject = decide("reject", .rejection, "reject policy changes") { policy, _ in
        var next = policy
        next.pending = nil
        return next
    }

    public static let declaration = KindDeclaration<Policy>(
        kind: .policy, events: [propose.replayable, approve.replayable, reject.replayable], revision: \.revision)

    /// Approval or rejection of the pending change, by someone other than its proposer.
    private static func decide(_ name: String, _ meaning: Meaning, _ action: String,
                               _ outcome: @escaping @Sendable (Policy, PolicyChange) -> Policy) -> RecordEvent<Policy, Void> {
        RecordEvent<Policy, Void>(
            name, meaning: meaning, permission: .policyApprove, action: action,
            summary: { _, _, _ in "\(name.prefix(1).uppercased())\(name.dropFirst()) the policy change" },
            input: { _, _, _ in () },
            check: { before, _, _, signing throws(DocumentsError) in
                let pending = try pendingChange(before, name)
                guard pending.proposedBy != signing.user else {
                    throw .notPermitted(user: signing.user, action: "\(name) their own policy change",
                                        reason: "someone other than the proposer must decide it (segregation of duties)")
                }
            },
            apply: { before, _, _ throws(DocumentsError) in
                let policy = try existing(before)
                var next = outcome(policy, try pendingChange(before, name))
                next.revision = policy.revision + 1
                return next
            })
    }

    private static func pendingChange(_ policy: Policy?, _ event: String) throws(DocumentsError) -> PolicyChange {
        guard let pending = try existing(policy).pending else {
            throw .invalidTransition(record: "policy", from: "in force", event: event, reason: "no policy change is waiting")
        }
        return pending
    }

    private static func existing(_ policy: Policy?) throws(DocumentsError) -> Policy {
        guard let policy else { throw .notFound(record: "policy") }
        return policy
    }
}

import Foundation
import RecordRepo

/// The clock incident's events (the ledger's `ClockOrder` says when they may be signed): an
/// administrator proposes one at the true time, naming exactly the acts at the tip of `main`
/// signed later than that; qa other than the proposer approves or rejects it.
public enum ClockKind {
    /// What the administrator proposes: the new incident's ID and the acts it disputes.
    public struct Proposal: Sendable, Equatable {
        public var id: String
        public var disputed: [ClockIncident.DisputedAct]
    }

    public static let propose = RecordEvent<ClockIncident, Proposal>(
        "propose", meaning: .authorship, permission: .policyChange, action: "propose clock incidents", creates: true,
        pinned: true,
        summary: { id, proposal, _ in
            "Clock incident \(id): \(proposal.disputed.count) act\(proposal.disputed.count == 1 ? "" : "s") signed after the true time"
        },
        input: { _, written, _ in Proposal(id: written.id, disputed: written.disputed) },
        check: { _, proposal, context, signing throws(DocumentsError) in
            let later = ClockKind.later(than: signing.time, in: context)
            guard !later.isEmpty else {
                throw .invalidField(record: "clock incident", field: "disputed acts",
                                    reason: "no act on main is later than the true time \(signing.time); there is no time to dispute")
            }
            guard proposal.disputed == later else {
                throw .invalidField(record: "clock incident", field: "disputed acts",
                                    reason: "an incident names exactly the acts at the tip of main later than its own time (\(later.map { String($0.commit.prefix(12)) }.joined(separator: ", ")))")
            }
        },
        apply: { _, proposal, signing in
            ClockIncident(id: proposal.id, status: .proposed, disputed: proposal.disputed, proposedBy: signing.user,
                          proposedAt: signing.time, revision: 1)
        })

    public static let approve = decide("approve", .approval, .approved)
    public static let reject = decide("reject", .rejection, .rejected)

    public static let declaration = KindDeclaration<ClockIncident>(
        kind: .clock, events: [propose.replayable, approve.replayable, reject.replayable], revision: \.revision)

    /// The acts at the tip of `main` signed later than `time`, newest first, as their commits say.
    static func later(than time: String, in context: any RecordContext) -> [ClockIncident.DisputedAct] {
        guard let now = Timestamp.parse(time) else { return [] }
        var acts: [ClockIncident.DisputedAct] = []
        context.walkBack { act in
            guard act.time > now else { return false }
            acts.append(.init(commit: act.commit.hex, signedAt: Timestamp.iso(act.time), signer: act.signer, record: act.record))
            return true
        }
        return acts
    }

    private static func decide(_ name: String, _ meaning: Meaning,
                               _ outcome: ClockIncident.Status) -> RecordEvent<ClockIncident, Void> {
        RecordEvent<ClockIncident, Void>(
            name, meaning: meaning, permission: .policyApprove, action: "\(name) clock incidents",
            summary: { id, _, _ in "\(name.prefix(1).uppercased())\(name.dropFirst()) clock incident \(id)" },
            input: { _, _, _ in () },
            check: { before, _, _, signing throws(DocumentsError) in
                guard let incident = before, incident.status == .proposed else {
                    throw .invalidTransition(record: before?.id ?? "the clock incident", from: before?.status.rawValue ?? "missing",
                                             event: name, reason: "only a proposed incident is decided, once")
                }
                guard incident.proposedBy != signing.user else {
                    throw .notPermitted(user: signing.user, action: "\(name) their own clock incident",
                                        reason: "someone other than the proposer must decide it (segregation of duties)")
                }
            },
            apply: { before, _, signing throws(DocumentsError) in
                guard var incident = before else { throw .notFound(record: "the clock incident") }
                incident.status = outcome
                incident.decidedBy = signing.user
                incident.decidedAt = signing.time
                incident.revision = 2
                return incident
            })
    }
}

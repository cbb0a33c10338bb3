import Foundation
import RecordRepo

/// The PM plan's events: drafted and revised by a supervisor, approved or retired by qa, never by
/// the drafter of the revision approved. The rules a definition must meet are `PMRules`.
public enum PMKind {
    /// A new plan: its ID and its first definition.
    public struct Draft: Sendable, Equatable {
        public var id: String
        public var definition: PMPlan.Definition

        public init(id: String, definition: PMPlan.Definition) {
            self.id = id
            self.definition = definition
        }
    }

    public static let add = RecordEvent<PMPlan, Draft>(
        "add", meaning: .authorship, permission: .pmPlan, action: "draft PM plans", creates: true,
        summary: { id, draft, _ in "Draft \(id): \(draft.definition.title)" },
        input: { _, written, _ in Draft(id: written.id, definition: written.definition) },
        rests: { [(.equipment, $0.definition.equipment), (.sop, $0.definition.sop)] },
        check: { _, draft, context, _ throws(DocumentsError) in
            try PMRules.check(draft.definition, of: draft.id, in: context)
        },
        apply: { _, draft, signing in PMPlan(id: draft.id, definition: draft.definition, draftedBy: signing.user, draftedAt: signing.time) })

    public static let revise = RecordEvent<PMPlan, PMPlan.Definition>(
        "revise", meaning: .authorship, permission: .pmPlan, action: "revise PM plans",
        summary: { id, _, _ in "Revise \(id)" },
        input: { _, written, _ in written.awaitingApproval },
        rests: { [(.equipment, $0.equipment), (.sop, $0.sop)] },
        check: { before, definition, context, _ throws(DocumentsError) in
            let plan = try existing(before)
            guard plan.status != .retired else {
                throw .invalidTransition(record: plan.id, from: "retired", event: "revise", reason: "a retired plan changes no more")
            }
            guard definition != plan.awaitingApproval, plan.status == .draft || definition != plan.definition else {
                throw .invalidField(record: plan.id, field: "definition", reason: "nothing would change")
            }
            try PMRules.check(definition, of: plan.id, in: context)
        },
        apply: { before, definition, signing throws(DocumentsError) in
            var plan = try existing(before)
            if plan.status == .draft { plan.definition = definition } else { plan.pending = definition }
            plan.draftedBy = signing.user
            plan.draftedAt = signing.time
            plan.revision += 1
            return plan
        })

    /// Approval brings the revision awaiting it into force. For a meter plan it carries the
    /// meter's latest reading, from which the plan counts; so that no reading slips in between, it
    /// is never rebuilt on a newer head.
    public static let approve = RecordEvent<PMPlan, Double?>(
        "approve", meaning: .approval, permission: .pmApprove, action: "approve PM plans", pinned: true,
        summary: { id, _, plan in "Approve \(id) revision \(plan.approvedRevisions)" },
        input: { before, written, _ in
            guard let before, written.approvedRevisions == before.approvedRevisions + 1 else { return nil }
            return .some(written.meterBase)
        },
        check: { before, base, context, signing throws(DocumentsError) in
            let plan = try existing(before)
            guard let awaiting = plan.awaitingApproval else {
                throw .invalidTransition(record: plan.id, from: plan.status.rawValue, event: "approve",
                                         reason: plan.status == .retired ? "a retired plan changes no more" : "no revision awaits approval")
            }
            guard plan.draftedBy != signing.user else {
                throw .notPermitted(user: signing.user, action: "approve \(plan.id)",
                                    reason: "they drafted the revision awaiting approval; someone else must approve it (segregation of duties)")
            }
            // The definition may rest on records that changed since it was drafted.
            try PMRules.check(awaiting, of: plan.id, in: context)
            let expected = PMRules.meterBase(of: awaiting, in: context)
            guard base == expected else {
                throw .invalidField(record: plan.id, field: "meter base",
                                    reason: "a meter plan counts from the meter's latest reading at approval (\(expected.map(CanonicalJSON.number) ?? "none"))")
            }
        },
        apply: { before, base, signing throws(DocumentsError) in
            var plan = try existing(before)
            guard let awaiting = plan.awaitingApproval else { throw .notFound(record: "a revision of \(plan.id) awaiting approval") }
            plan.definition = awaiting
            plan.pending = nil
            plan.status = .approved
            plan.approvedRevisions += 1
            plan.approvedBy = signing.user
            plan.approvedAt = signing.time
            plan.meterBase = base
            // A meter plan counts from the base of the revision now in force.
            plan.schedule?.base = nil
            plan.revision += 1
            return plan
        })

    public static let retire = RecordEvent<PMPlan, Void>(
        "retire", meaning: .retirement, permission: .pmApprove, action: "retire PM plans",
        summary: { id, _, _ in "Retire \(id)" },
        input: { _, _, _ in () },
        check: { before, _, _, _ throws(DocumentsError) in
            let plan = try existing(before)
            guard plan.status != .retired else {
                throw .invalidTransition(record: plan.id, from: "retired", event: "retire", reason: "it is retired already")
            }
        },
        apply: { before, _, signing throws(DocumentsError) in
            var plan = try existing(before)
            plan.status = .retired
            plan.pending = nil
            plan.retiredBy = signing.user
            plan.retiredAt = signing.time
            plan.revision += 1
            return plan
        })

    public static let declaration = KindDeclaration<PMPlan>(
        kind: .pm, events: [add.replayable, revise.replayable, approve.replayable, retire.replayable, rearm.replayable], revision: \.revision,
        labels: ["definition.trigger.every": "interval", "definition.trigger.from": "first due date",
                 "definition.graceBefore": "grace days before", "definition.graceAfter": "grace days after"])

    private static func existing(_ plan: PMPlan?) throws(DocumentsError) -> PMPlan {
        guard let plan else { throw .notFound(record: "the PM plan") }
        return plan
    }
}

import Foundation
import RecordRepo

extension Records {
    /// Drafts a PM plan; it generates nothing until approved.
    public func addPlan(_ definition: PMPlan.Definition, reason: String, by session: Session) throws(DocumentsError) -> PMPlan {
        try RecordID.validate(definition.equipment, kind: .equipment, field: "equipment")
        try RecordID.validate(definition.sop, kind: .sop, field: "SOP ID")
        return try withNewID(.pm) { (id, basedOn) throws(DocumentsError) in
            try perform(PMKind.add, of: PMKind.declaration, id: id, input: PMKind.Draft(id: id, definition: definition),
                        reason: reason, by: session, basedOn: basedOn)
        }
    }

    /// Drafts a new revision: `change` gets the revision in force (or the draft) and returns the new one.
    public func revisePlan(_ id: String, reason: String, by session: Session,
                           _ change: (inout PMPlan.Definition) -> Void) throws(DocumentsError) -> PMPlan {
        guard let plan = try plan(id) else { throw .notFound(record: id) }
        var definition = plan.awaitingApproval ?? plan.definition
        change(&definition)
        return try perform(PMKind.revise, of: PMKind.declaration, id: id, input: definition, reason: reason, by: session)
    }

    /// Brings the revision awaiting approval into force (qa, never its drafter).
    public func approvePlan(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> PMPlan {
        let basedOn = try head()
        guard let plan = try plan(id, at: basedOn) else { throw .notFound(record: id) }
        let context = HeadContext(records: self, commit: basedOn, policy: try policy(at: basedOn))
        let base = plan.awaitingApproval.flatMap { PMRules.meterBase(of: $0, in: context) }
        return try perform(PMKind.approve, of: PMKind.declaration, id: id, input: base, reason: reason, by: session,
                           basedOn: .some(basedOn))
    }

    /// Retires a plan for good: it generates nothing more.
    public func retirePlan(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> PMPlan {
        try perform(PMKind.retire, of: PMKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    public func plan(_ id: String, at commit: ObjectID? = nil) throws(DocumentsError) -> PMPlan? {
        try RecordID.validate(id, kind: .pm, field: "PM plan ID")
        return try record(PMPlan.self, kind: .pm, id: id, at: commit)
    }

    /// Every PM plan at the head, by ID.
    public func plans() throws(DocumentsError) -> [PMPlan] {
        try all(PMPlan.self, of: .pm).sorted { $0.id < $1.id }
    }
}

import Foundation
import RecordRepo

extension Records {
    /// Proposes a change of the policy; nothing changes until someone else approves it.
    @discardableResult
    public func proposePolicyChange(_ proposal: PolicyKind.Proposal, reason: String,
                                    by session: Session) throws(DocumentsError) -> Policy {
        try perform(PolicyKind.propose, of: PolicyKind.declaration, id: RecordKind.policy.rawValue, input: proposal,
                    reason: reason, by: session)
    }

    /// Approves the pending change: it takes effect with this act.
    @discardableResult
    public func approvePolicyChange(reason: String, by session: Session) throws(DocumentsError) -> Policy {
        try perform(PolicyKind.approve, of: PolicyKind.declaration, id: RecordKind.policy.rawValue, input: (), reason: reason, by: session)
    }

    /// Rejects the pending change: the policy stays as it was.
    @discardableResult
    public func rejectPolicyChange(reason: String, by session: Session) throws(DocumentsError) -> Policy {
        try perform(PolicyKind.reject, of: PolicyKind.declaration, id: RecordKind.policy.rawValue, input: (), reason: reason, by: session)
    }
}

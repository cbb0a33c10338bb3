import Foundation
import RecordRepo

extension DocumentReplay {
    /// An audit-trail review is created once, with the meaning audit-review, by someone the policy
    /// at its parent let review; it names its signer and signing time, and exactly the range the
    /// service would have given at its parent: `last` = the parent, `first` = the commit after the
    /// previous review's `last` (that review's own act) or the root, `acts` = the commits
    /// `first` … `last`, which must hold at least one act besides the previous review.
    func reviewRefusal(_ act: ActInfo, _ touched: Touched, before: TreeView, data: Data, signer: Account,
                       policy: Policy) -> String? {
        if let refusal = Self.permission(.auditReview, signer, policy) { return refusal }
        guard before.id(of: touched.json) == nil, act.meaning == .auditReview else {
            return "an audit-trail review is created once, as an act with the meaning audit-review"
        }
        guard let stored = try? JSONDecoder().decode(AuditReview.self, from: data), stored.id == act.record,
              stored.reviewedBy == act.signer, stored.reviewedAt == Timestamp.iso(act.time) else {
            return "\(act.record) does not name its signer and signing time"
        }
        guard let parent = act.parent, stored.last == parent.hex else {
            return "\(act.record) must end its range at the commit it was signed on (\(act.parent?.hex ?? "none")), not at \(stored.last)"
        }
        var count = 0
        var first: ActInfo?, previous: ActInfo?
        before.walkBack(from: parent) { visited in
            count += 1
            first = visited
            if visited.meaning == .auditReview, (try? RecordID.validate(visited.record, kind: .review)) != nil {
                previous = visited
                return false
            }
            return true
        }
        guard let first, previous != nil || first.parent == nil else {
            return "the history before \(act.record) cannot be read back to the previous review or the root"
        }
        if let previous, count == 1 {
            return "\(act.record) reviews nothing: no act was signed since the previous review (\(previous.record))"
        }
        guard stored.first == first.commit.hex, stored.acts == count else {
            return "\(act.record) claims \(stored.acts) acts from \(stored.first.prefix(12)), but the unreviewed range"
                + " is \(count) acts from \(first.commit.short)"
        }
        return nil
    }
}

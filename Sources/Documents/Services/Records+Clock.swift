import Foundation
import RecordRepo

extension Records {
    /// Proposes a clock incident at the true time (the system clock, corrected): it names every act
    /// at the tip of `main` signed later than now. Until qa decides it nothing else is signed.
    public func proposeClockIncident(reason: String, by session: Session) throws(DocumentsError) -> ClockIncident {
        try withNewID(.clock) { (id, basedOn) throws(DocumentsError) in
            let context = HeadContext(records: self, commit: basedOn, policy: try policy(at: basedOn))
            let disputed = ClockKind.later(than: Timestamp.iso(now), in: context)
            return try perform(ClockKind.propose, of: ClockKind.declaration, id: id,
                               input: ClockKind.Proposal(id: id, disputed: disputed), reason: reason, by: session,
                               basedOn: .some(basedOn))
        }
    }

    /// Qa's decision on a proposed clock incident (never the proposer's).
    public func decideClockIncident(_ id: String, approve: Bool, reason: String,
                                    by session: Session) throws(DocumentsError) -> ClockIncident {
        try perform(approve ? ClockKind.approve : ClockKind.reject, of: ClockKind.declaration, id: id, input: (),
                    reason: reason, by: session)
    }
}

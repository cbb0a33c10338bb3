import Foundation
import RecordRepo

extension CAPAKind {
    /// The effectiveness check: by someone who implemented none of the actions, and only once the
    /// policy's waiting period (`capaEffectivenessDays`) has passed since the last implementation.
    /// Not effective returns the CAPA to open, for further actions.
    public static let verify = RecordEvent<CAPA, Bool>(
        "verify", meaning: .verification, permission: .capaVerify, action: "verify the effectiveness of CAPAs",
        summary: { id, effective, _ in "Verify \(id): \(effective ? "effective" : "not effective")" },
        input: { before, written, _ in
            guard (written.verifications?.count ?? 0) == (before?.verifications?.count ?? 0) + 1 else { return nil }
            return written.verifications?.last?.effective
        },
        check: { before, _, context, signing throws(DocumentsError) in
            let capa = try transition(before, .verify)
            guard !capa.implementers.contains(signing.user) else {
                throw .notPermitted(user: signing.user, action: "verify the effectiveness of \(capa.id)",
                                    reason: "\(signing.user) implemented one of its actions; someone who implemented none verifies them")
            }
            let wait = context.policy.capaEffectiveness
            if let last = capa.lastImplementedOn, let lastDay = try? Day(parsing: last, field: "implementedOn", record: capa.id) {
                let earliest = lastDay.adding(days: wait)
                guard signing.day >= earliest.text else {
                    throw .invalidTransition(record: capa.id, from: capa.status.rawValue, event: "verify",
                                             reason: "its last action was implemented on \(last); the policy waits \(wait) days (capaEffectivenessDays) before checking effectiveness, so not before \(earliest.text)")
                }
            }
        },
        apply: { before, effective, signing throws(DocumentsError) in
            var capa = try existing(before)
            capa.verifications = (capa.verifications ?? []) + [CAPA.Verification(effective: effective, by: signing.user, at: signing.time)]
            capa.status = effective ? .effective : .open
            capa.revision += 1
            return capa
        })

    /// QA closes a CAPA once its actions were verified effective.
    public static let close = RecordEvent<CAPA, Void>(
        "close", meaning: .approval, permission: .capaVerify, action: "close CAPAs",
        summary: { id, _, _ in "Close \(id)" },
        input: { _, written, _ in written.status == .closed ? () : nil },
        check: { before, _, _, _ throws(DocumentsError) in _ = try transition(before, .close) },
        apply: { before, _, signing throws(DocumentsError) in
            var capa = try existing(before)
            capa.status = .closed
            capa.closedBy = signing.user
            capa.closedAt = signing.time
            capa.revision += 1
            return capa
        })
}

import Foundation
import RecordRepo

extension Records {
    /// Opens a CAPA, from `deviation` when given: the deviation then lists it, in the same act.
    public func openCAPA(title: String, deviation: String?, reason: String, by session: Session) throws(DocumentsError) -> CAPA {
        if let deviation { try RecordID.validate(deviation, kind: .deviation, field: "deviation") }
        return try withNewID(.capa) { (id, basedOn) throws(DocumentsError) in
            try perform(CAPAKind.open, of: CAPAKind.declaration, id: id, input: CAPAKind.Opening(id: id, title: title, deviation: deviation),
                        reason: reason, by: session, basedOn: basedOn)
        }
    }

    /// Adds a numbered action for `owner`, due on `due` (`YYYY-MM-DD`).
    public func planCAPA(_ id: String, action: String, owner: String, due: String, reason: String,
                         by session: Session) throws(DocumentsError) -> CAPA {
        try RecordID.validate(id, kind: .capa, field: "CAPA ID")
        try RecordID.validateUser(owner, field: "owner")
        return try perform(CAPAKind.plan, of: CAPAKind.declaration, id: id, input: CAPAKind.Plan(text: action, owner: owner, due: due),
                           reason: reason, by: session)
    }

    /// Action `number` implemented by its owner, with `evidence`.
    public func implementCAPA(_ id: String, action number: Int, evidence: String, reason: String,
                              by session: Session) throws(DocumentsError) -> CAPA {
        try RecordID.validate(id, kind: .capa, field: "CAPA ID")
        return try perform(CAPAKind.implement, of: CAPAKind.declaration, id: id,
                           input: CAPAKind.Implementation(number: number, evidence: evidence), reason: reason, by: session)
    }

    /// The effectiveness check, by someone who implemented none of the actions, after the waiting period.
    public func verifyCAPA(_ id: String, effective: Bool, reason: String, by session: Session) throws(DocumentsError) -> CAPA {
        try RecordID.validate(id, kind: .capa, field: "CAPA ID")
        return try perform(CAPAKind.verify, of: CAPAKind.declaration, id: id, input: effective, reason: reason, by: session)
    }

    /// QA closes a CAPA verified effective.
    public func closeCAPA(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> CAPA {
        try RecordID.validate(id, kind: .capa, field: "CAPA ID")
        return try perform(CAPAKind.close, of: CAPAKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// Every CAPA, oldest first; only those not closed when `open`; only those with an action
    /// not implemented past its due day (on `today`) when `overdueOn` is given.
    public func capas(open: Bool = false, overdueOn today: Day? = nil) throws(DocumentsError) -> [CAPA] {
        try all(CAPA.self, of: .capa).filter { capa in
            (!open || capa.status != .closed) && (today.map { !capa.overdueActions(on: $0).isEmpty } ?? true)
        }
    }
}

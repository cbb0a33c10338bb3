import Foundation
import RecordRepo

extension Records {
    /// Registers a piece of equipment under the ID the plant uses for it (e.g. `PUMP-101`).
    public func addEquipment(_ id: String, name: String, location: String?, department: String?,
                             reason: String, by session: Session) throws(DocumentsError) -> Equipment {
        try session.requireSigningAllowed()
        try policy().require(.equipmentAdd, of: session.account, to: "add equipment")
        try RecordID.validate(id, kind: .equipment, field: "equipment ID")
        let basedOn = try head()
        guard try record(Equipment.self, kind: .equipment, id: id, at: basedOn) == nil else {
            throw .alreadyExists(record: "equipment \(id)")
        }
        let draft = Equipment(id: id, name: name, location: location, department: department,
                              createdBy: session.account.id, createdAt: "")
        var check = draft
        check.createdAt = Timestamp.iso(now)
        _ = try Self.encode(check, kind: .equipment, record: id)
        let act = Act(record: id, revision: 1, meaning: .authorship, reason: reason, summary: "Add equipment \(id)",
                      paths: [try Self.path(kind: .equipment, id: id)], guards: try Self.guards(for: session)) { at in
            var equipment = draft
            equipment.createdAt = Timestamp.iso(at)
            return [try Self.encode(equipment, kind: .equipment, record: id)]
        }
        try sign(act, by: session.signer, basedOn: basedOn)
        guard let stored = try record(Equipment.self, kind: .equipment, id: id) else { throw .notFound(record: id) }
        return stored
    }
}

import Foundation
import RecordRepo

extension Records {
    /// Registers a piece of equipment under the ID the plant uses for it (e.g. `PUMP-101`).
    public func addEquipment(_ id: String, name: String, location: String?, department: String?,
                             reason: String, by session: Session) throws(DocumentsError) -> Equipment {
        try addEquipment(id, EquipmentKind.Description(name: name, location: location, department: department),
                         reason: reason, by: session)
    }

    /// Registers a piece of equipment with its whole description.
    public func addEquipment(_ id: String, _ description: EquipmentKind.Description,
                             reason: String, by session: Session) throws(DocumentsError) -> Equipment {
        try RecordID.validate(id, kind: .equipment, field: "equipment ID")
        let request = EquipmentKind.Registration(id: id, description: description)
        return try perform(EquipmentKind.add, of: EquipmentKind.declaration, id: id, input: request, reason: reason, by: session)
    }

    /// Changes what describes equipment: `change` gets its description as it is and returns the new one.
    public func updateEquipment(_ id: String, reason: String, by session: Session,
                                _ change: (inout EquipmentKind.Description) throws(DocumentsError) -> Void) throws(DocumentsError) -> Equipment {
        try RecordID.validate(id, kind: .equipment, field: "equipment ID")
        guard let current = try record(Equipment.self, kind: .equipment, id: id) else { throw .notFound(record: "equipment \(id)") }
        var description = EquipmentKind.Description(of: current)
        try change(&description)
        return try perform(EquipmentKind.update, of: EquipmentKind.declaration, id: id, input: description, reason: reason, by: session)
    }

    /// Puts equipment in service, out of service, or retires it for good.
    public func setEquipmentStatus(_ id: String, to status: Equipment.Status, reason: String,
                                   by session: Session) throws(DocumentsError) -> Equipment {
        try RecordID.validate(id, kind: .equipment, field: "equipment ID")
        return try perform(EquipmentKind.status, of: EquipmentKind.declaration, id: id, input: status, reason: reason, by: session)
    }

    /// Records a meter reading: who, when (the signing time), the value.
    public func recordReading(_ id: String, meter: String, value: Double, replacement: Bool, reason: String,
                              by session: Session) throws(DocumentsError) -> Equipment {
        try RecordID.validate(id, kind: .equipment, field: "equipment ID")
        return try perform(EquipmentKind.reading, of: EquipmentKind.declaration, id: id,
                           input: EquipmentKind.ReadingRequest(meter: meter, value: value, replacement: replacement),
                           reason: reason, by: session)
    }

    /// Every piece of equipment at the head, by ID.
    public func allEquipment() throws(DocumentsError) -> [Equipment] {
        try all(Equipment.self, of: .equipment).sorted { $0.id < $1.id }
    }

    /// Every record of `kind` at the head, decoded.
    func all<T: Decodable>(_ type: T.Type, of kind: RecordKind) throws(DocumentsError) -> [T] {
        guard let head = try head() else { return [] }
        var found: [T] = []
        for (id, kind) in try records(of: kind, at: head) {
            if let value = try record(T.self, kind: kind, id: id, at: head) { found.append(value) }
        }
        return found
    }
}

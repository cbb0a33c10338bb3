import Foundation
import RecordRepo

extension Records {
    /// Registers a piece of equipment under the ID the plant uses for it (e.g. `PUMP-101`).
    public func addEquipment(_ id: String, name: String, location: String?, department: String?,
                             reason: String, by session: Session) throws(DocumentsError) -> Equipment {
        let request = EquipmentKind.Registration(id: id, name: name, location: location, department: department)
        return try perform(EquipmentKind.add, of: EquipmentKind.declaration, id: id, input: request, reason: reason, by: session)
    }
}

import Foundation
import RecordRepo

/// Equipment's events: today only its registration under the plant's own ID.
public enum EquipmentKind {
    /// What a supervisor asks for when registering a piece of equipment.
    public struct Registration: Sendable, Equatable {
        public var id: String
        public var name: String
        public var location: String?
        public var department: String?

        public init(id: String, name: String, location: String?, department: String?) {
            self.id = id
            self.name = name
            self.location = location
            self.department = department
        }
    }

    public static let add = RecordEvent<Equipment, Registration>(
        "add", meaning: .authorship, permission: .equipmentAdd, action: "add equipment", creates: true,
        summary: { id, _, _ in "Add equipment \(id)" },
        input: { _, written, _ in
            Registration(id: written.id, name: written.name, location: written.location, department: written.department)
        },
        apply: { _, request, signing in
            Equipment(id: request.id, name: request.name, location: request.location, department: request.department,
                      createdBy: signing.user, createdAt: signing.time)
        })

    public static let declaration = KindDeclaration<Equipment>(kind: .equipment, events: [add.replayable], revision: \.revision)
}

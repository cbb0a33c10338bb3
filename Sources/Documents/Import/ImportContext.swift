import Foundation
import RecordRepo

/// The records an import's checks read: the head it is built on, plus the equipment the import
/// itself registers earlier in the same batch. Equipment is read once per ID, as thousands of
/// rows name the same few pieces.
final class ImportContext: RecordContext {
    let head: HeadContext
    private var equipment: [String: Equipment?] = [:]

    init(head: HeadContext) { self.head = head }

    var policy: Policy { head.policy }
    var base: ObjectID? { head.base }

    /// Equipment registered by an act earlier in the batch.
    func add(_ unit: Equipment) { equipment[unit.id] = .some(unit) }

    func record<T: Decodable & Sendable>(_ type: T.Type, kind: RecordKind, id: String) -> T? {
        guard kind == .equipment else { return head.record(type, kind: kind, id: id) }
        if let known = equipment[id] { return known as? T }
        let found = head.record(Equipment.self, kind: .equipment, id: id)
        equipment[id] = .some(found)
        return found as? T
    }

    func account(_ id: String) -> Account? { head.account(id) }
    func act(_ commit: String) -> ActInfo? { head.act(commit) }
    func checklist(sop: String, at commit: String) -> [ChecklistItem]? { head.checklist(sop: sop, at: commit) }
    func accountIDs() -> [String] { head.accountIDs() }
    func walkBack(_ visit: (ActInfo) -> Bool) { head.walkBack(visit) }
}

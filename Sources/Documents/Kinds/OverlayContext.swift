import Foundation
import RecordRepo

/// The records at a head with the acts of a batch laid over them: each act of a batch is built on
/// the records the acts before it wrote (a run of `pm run`, an import). Records read from the head
/// are decoded once, and a record found missing is not looked for again.
final class OverlayContext: RecordContext {
    let head: HeadContext
    private var written: [String: any Sendable] = [:]

    init(base head: HeadContext) { self.head = head }

    var policy: Policy { head.policy }
    var base: ObjectID? { head.base }

    func write<T: Sendable>(_ value: T, kind: RecordKind, id: String) { written[kind.rawValue + "/" + id] = value }

    /// Records read from the head, decoded once: every plan on a piece of equipment, and every
    /// plan following an SOP, reads the same record.
    private var read: [String: any Sendable] = [:]
    private var absent: Set<String> = []

    func record<T: Decodable & Sendable>(_ type: T.Type, kind: RecordKind, id: String) -> T? {
        let key = kind.rawValue + "/" + id
        if let value = written[key] { return value as? T }
        if let value = read[key] as? T { return value }
        guard !absent.contains(key) else { return nil }
        let value = head.record(type, kind: kind, id: id)
        if let value { read[key] = value } else { absent.insert(key) }
        return value
    }

    /// Batches (a run of `pm run`, an import) write no such files: they are read from the head.
    func file<T: Decodable & Sendable>(_ type: T.Type, at path: String) -> T? { head.file(type, at: path) }
    func account(_ id: String) -> Account? { head.account(id) }
    func act(_ commit: String) -> ActInfo? { head.act(commit) }
    func checklist(sop: String, at commit: String) -> [ChecklistItem]? { head.checklist(sop: sop, at: commit) }
    func accountIDs() -> [String] { head.accountIDs() }
    func walkBack(_ visit: (ActInfo) -> Bool) { head.walkBack(visit) }
}

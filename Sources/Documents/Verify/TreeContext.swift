import Foundation
import RecordRepo

/// The records as of the parent of the act being replayed, read through the replay's caches.
struct TreeContext: RecordContext {
    let replay: DocumentReplay
    let tree: TreeView
    let act: ActInfo

    var policy: Policy { replay.policy(in: tree) }

    func account(_ id: String) -> Account? {
        guard let path = try? Account.path(id) else { return nil }
        return replay.cached(Account.self, path.value, in: tree)
    }

    func record<T: Decodable & Sendable>(_ type: T.Type, kind: RecordKind, id: String) -> T? {
        replay.record(type, kind, id, in: tree)
    }

    func file<T: Decodable & Sendable>(_ type: T.Type, at path: String) -> T? { replay.cached(type, path, in: tree) }

    /// Commits replayed before this act are on its history without a walk back through the graph.
    func act(_ hex: String) -> ActInfo? {
        guard let commit = ObjectID(hex: hex), let parent = act.parent else { return nil }
        return replay.replayed.contains(commit) ? tree.act(commit) : tree.act(commit, before: parent)
    }

    var base: ObjectID? { act.parent }

    func accountIDs() -> [String] {
        tree.list(RecordKind.account.rawValue).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    }

    func walkBack(_ visit: (ActInfo) -> Bool) {
        guard let parent = act.parent else { return }
        tree.walkBack(from: parent, visit)
    }

    func checklist(sop: String, at hex: String) -> [ChecklistItem]? {
        guard let commit = ObjectID(hex: hex), let view = tree.view(at: commit), let path = try? RecordID.sopBodyPath(id: sop),
              let body = view.read(path) else { return nil }
        return replay.checklist(String(decoding: body, as: UTF8.self))
    }
}

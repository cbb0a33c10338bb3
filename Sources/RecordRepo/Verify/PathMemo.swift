/// Path lookups remembered along a history replayed in order. An act's tree differs from its
/// parent's only at the files it changed and the folders above them, so what a path named in the
/// parent's tree is still what it names in the act's tree unless the act changed a file at or
/// under it. A replay asks for the same few paths act after act (the signer's account, the policy,
/// the SOP and equipment a job names); remembered, each is looked up once per change.
///
/// Not `Sendable`: one replay owns it, on one thread.
final class PathMemo {
    /// The tree the remembered lookups are of.
    private(set) var tree: ObjectID?
    private var known: [String: ObjectID?] = [:]
    /// Forgotten wholesale past this many paths, so memory stays bounded on any history.
    static let limit = 4_096

    init(tree: ObjectID?) { self.tree = tree }

    /// What `path` names in `tree`: remembered, or found by `lookup` (and remembered when the memo
    /// is at `tree`).
    func id(of path: String, in tree: ObjectID, _ lookup: () -> ObjectID?) -> ObjectID? {
        guard tree == self.tree else { return lookup() }
        if let known = known[path] { return known }
        if known.count >= Self.limit { known.removeAll(keepingCapacity: true) }
        let found = lookup()
        known[path] = found
        return found
    }

    /// Moves on to `next`, the tree an act made from `parent` by changing `changes` (every file
    /// that differs): each changed file and every folder above it is forgotten, and everything
    /// when the memo was not at `parent` (an act was skipped).
    func advance(from parent: ObjectID?, to next: ObjectID?, changing changes: [ChangedFile]) {
        if tree != parent { known.removeAll(keepingCapacity: true) }
        tree = next
        for change in changes {
            var path = Substring(change.path)
            while !path.isEmpty {
                known.removeValue(forKey: String(path))
                guard let slash = path.lastIndex(of: "/") else { break }
                path = path[..<slash]
            }
        }
    }
}

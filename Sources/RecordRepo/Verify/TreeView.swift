import Foundation

/// Read access to the records as of one tree, for checks that replay history.
public struct TreeView {
    let repo: GitRepository
    /// nil: the empty tree (before the first act).
    public let tree: ObjectID?
    /// The files that differ from the parent's tree to this one, when the caller already knows
    /// them (verify's object walk finds them): `changedFiles(to:)` then reads no tree.
    var changes: [ChangedFile]? = nil
    /// Lookups remembered from the trees before this one, when a replay walks them in order.
    var memo: PathMemo? = nil

    /// The object at `path`, or nil.
    public func id(of path: String) -> ObjectID? {
        guard let tree else { return nil }
        let lookup = { try? repo.entry(at: path, inTree: tree) }
        guard let memo else { return lookup() }
        return memo.id(of: path, in: tree, lookup)
    }

    /// The bytes of the file at `path`, or nil.
    public func read(_ path: String) -> Data? {
        id(of: path).flatMap(blob)
    }

    /// The names directly under `folder`, or none when it does not exist.
    public func list(_ folder: String) -> [String] {
        guard let sub = id(of: folder), let entries = try? repo.treeEntries(sub) else { return [] }
        return entries.map(\.name)
    }

    /// The bytes of a blob of this repository, or nil.
    public func blob(_ id: ObjectID) -> Data? {
        try? repo.blob(id)
    }
}

/// Check 3 of verification: replays each act against the policy and lifecycles in force at its
/// parent. The Documents layer implements it; the ledger knows nothing of record kinds.
public protocol ActReplay {
    /// Why `act` would have been refused, given the records before and after it; nil when allowed.
    /// `isRoot` is true for the first act of the repository.
    func refusal(of act: ActInfo, before: TreeView, after: TreeView, isRoot: Bool) -> String?
}

extension TreeView {
    /// The files that differ between this tree and `other`, with their blobs on each side.
    public func changedFiles(to other: TreeView) -> [ChangedFile] {
        if let known = other.changes { return known }
        guard let new = other.tree else { return [] }
        return (try? repo.changedFiles(from: tree, to: new)) ?? []
    }

    /// The signed act of `commit`, when it is one (its place in history unchecked).
    public func act(_ commit: ObjectID) -> ActInfo? {
        guard let raw = try? repo.commit(commit), case .success(let act) = ActInfo.parse(raw) else { return nil }
        return act
    }

    /// The records as of `commit`, when it is a commit of this repository.
    public func view(at commit: ObjectID) -> TreeView? {
        guard let raw = try? repo.commit(commit) else { return nil }
        return TreeView(repo: repo, tree: raw.tree)
    }

    /// Walks the first-parent history backwards from `commit`, newest first, while `visit` returns
    /// true. Stops at the root, or early at a commit that cannot be read or carries no complete
    /// trailers (the last act visited then still has a `parent`). One commit read per step.
    public func walkBack(from commit: ObjectID, _ visit: (ActInfo) -> Bool) {
        var next: ObjectID? = commit
        while let id = next, let raw = try? repo.commit(id), case .success(let info) = ActInfo.parse(raw) {
            guard visit(info) else { return }
            next = info.parent
        }
    }

    /// The signed act of `commit`, when it is one, and whether it lies on the history before `descendant`.
    public func act(_ commit: ObjectID, before descendant: ObjectID) -> ActInfo? {
        guard (try? repo.isAncestor(commit, of: descendant)) == true else { return nil }
        return act(commit)
    }
}

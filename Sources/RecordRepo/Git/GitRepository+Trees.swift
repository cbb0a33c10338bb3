import Foundation
internal import CGit2

extension GitRepository {
    /// A new tree: `base` (nil: empty) with each path set to a blob (or removed when the blob is nil).
    /// Intermediate trees are created and written as needed.
    func updatedTree(base: ObjectID?, updates: [(path: String, blob: ObjectID?)]) throws(GitError) -> ObjectID {
        var tree: OpaquePointer?
        if var baseOID = base?.raw {
            try git("git_tree_lookup") { git_tree_lookup(&tree, handle, &baseOID) }
        }
        defer { git_tree_free(tree) }
        let paths = updates.map { strdup($0.path) }
        defer { paths.forEach { free($0) } }
        var entries: [git_tree_update] = []
        for (index, update) in updates.enumerated() {
            var entry = git_tree_update()
            entry.action = update.blob == nil ? GIT_TREE_UPDATE_REMOVE : GIT_TREE_UPDATE_UPSERT
            entry.id = (update.blob ?? .zero).raw
            entry.filemode = GIT_FILEMODE_BLOB
            entry.path = UnsafePointer(paths[index])
            entries.append(entry)
        }
        var out = git_oid()
        try git("git_tree_create_updated") {
            git_tree_create_updated(&out, handle, tree, entries.count, entries)
        }
        return ObjectID(out)
    }

    /// The object at `path` inside `tree`, or nil when there is none.
    func entry(at path: String, inTree treeID: ObjectID) throws(GitError) -> ObjectID? {
        var oid = treeID.raw
        var tree: OpaquePointer?
        try git("git_tree_lookup") { git_tree_lookup(&tree, handle, &oid) }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, tree, path)
        if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try git("git_tree_entry_bypath") { code }
        defer { git_tree_entry_free(entry) }
        return ObjectID(git_tree_entry_id(entry))
    }

    /// The entries of one tree: name, object and whether it is a subtree.
    func treeEntries(_ treeID: ObjectID) throws(GitError) -> [(name: String, id: ObjectID, isTree: Bool)] {
        var oid = treeID.raw
        var tree: OpaquePointer?
        try git("git_tree_lookup") { git_tree_lookup(&tree, handle, &oid) }
        defer { git_tree_free(tree) }
        let count = git_tree_entrycount(tree)
        var result: [(String, ObjectID, Bool)] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let name = String(cString: git_tree_entry_name(entry))
            let isTree = git_tree_entry_type(entry) == GIT_OBJECT_TREE
            result.append((name, ObjectID(git_tree_entry_id(entry)), isTree))
        }
        return result
    }

    /// Paths whose blobs differ between two trees (nil: the empty tree).
    func changedPaths(from old: ObjectID?, to new: ObjectID) throws(GitError) -> [String] {
        try changedFiles(from: old, to: new).map(\.path)
    }

    /// The files whose blobs differ between two trees (nil: the empty tree), with the blob on each
    /// side (nil: absent there), in tree order.
    func changedFiles(from old: ObjectID?, to new: ObjectID) throws(GitError) -> [ChangedFile] {
        var files: [ChangedFile] = []
        try collectChanges(from: old, to: new, prefix: "", into: &files)
        return files
    }

    /// Walks two trees side by side in tree order and descends only into subtrees whose IDs
    /// differ, so the cost follows the size of the change, not of the tree (libgit2's tree diff
    /// visits every entry: quadratic over a history of 100,000 records).
    private func collectChanges(from old: ObjectID?, to new: ObjectID?, prefix: String, into paths: inout [ChangedFile]) throws(GitError) {
        var oldTree: OpaquePointer?, newTree: OpaquePointer?
        if var oid = old?.raw { try git("git_tree_lookup") { git_tree_lookup(&oldTree, handle, &oid) } }
        defer { git_tree_free(oldTree) }
        if var oid = new?.raw { try git("git_tree_lookup") { git_tree_lookup(&newTree, handle, &oid) } }
        defer { git_tree_free(newTree) }
        let oldCount = oldTree.map { git_tree_entrycount($0) } ?? 0
        let newCount = newTree.map { git_tree_entrycount($0) } ?? 0
        var i = 0, j = 0
        while i < oldCount || j < newCount {
            let a = i < oldCount ? git_tree_entry_byindex(oldTree, i) : nil
            let b = j < newCount ? git_tree_entry_byindex(newTree, j) : nil
            let order: Int32 = a == nil ? 1 : b == nil ? -1 : git_tree_entry_cmp(a, b)
            if order == 0 {
                if git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) == 0 || git_tree_entry_type(a) != git_tree_entry_type(b) {
                    try record(entry(a), entry(b), prefix: prefix, into: &paths)
                }
                i += 1; j += 1
            } else if order < 0 {
                try record(entry(a), nil, prefix: prefix, into: &paths)
                i += 1
            } else {
                try record(nil, entry(b), prefix: prefix, into: &paths)
                j += 1
            }
        }
    }

    private func entry(_ pointer: OpaquePointer?) -> (name: String, id: ObjectID, isTree: Bool)? {
        guard let pointer else { return nil }
        return (String(cString: git_tree_entry_name(pointer)), ObjectID(git_tree_entry_id(pointer)),
                git_tree_entry_type(pointer) == GIT_OBJECT_TREE)
    }

    private func record(_ old: (name: String, id: ObjectID, isTree: Bool)?, _ new: (name: String, id: ObjectID, isTree: Bool)?,
                        prefix: String, into paths: inout [ChangedFile]) throws(GitError) {
        let path = prefix + (new?.name ?? old?.name ?? "")
        if old?.isTree == true || new?.isTree == true {
            try collectChanges(from: old?.isTree == true ? old?.id : nil, to: new?.isTree == true ? new?.id : nil,
                               prefix: path + "/", into: &paths)
        }
        let oldBlob = old.flatMap { $0.isTree ? nil : $0.id }, newBlob = new.flatMap { $0.isTree ? nil : $0.id }
        if oldBlob != nil || newBlob != nil { paths.append(ChangedFile(path: path, old: oldBlob, new: newBlob)) }
    }
}

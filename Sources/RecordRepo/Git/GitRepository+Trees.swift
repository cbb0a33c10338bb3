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
        var oldTree: OpaquePointer?, newTree: OpaquePointer?
        var newOID = new.raw
        try git("git_tree_lookup") { git_tree_lookup(&newTree, handle, &newOID) }
        defer { git_tree_free(newTree) }
        if var oldOID = old?.raw {
            try git("git_tree_lookup") { git_tree_lookup(&oldTree, handle, &oldOID) }
        }
        defer { git_tree_free(oldTree) }
        var diff: OpaquePointer?
        try git("git_diff_tree_to_tree") { git_diff_tree_to_tree(&diff, handle, oldTree, newTree, nil) }
        defer { git_diff_free(diff) }
        var paths: [String] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index) else { continue }
            let file = delta.pointee.new_file.path ?? delta.pointee.old_file.path
            if let file { paths.append(String(cString: file)) }
        }
        return paths
    }
}

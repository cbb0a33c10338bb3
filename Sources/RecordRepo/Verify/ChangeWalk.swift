import Foundation

extension ObjectWalk {
    /// Check 1 for one commit of a first-parent chain walked from the root, and the files it
    /// changed. Its tree is compared with its parent's (`old`; nil for the root), descending only
    /// where they differ; every tree and blob that differs is read with its hash checked (with
    /// `justIndexed`, trees read unhashed and blobs looked up). Walked in order, that is every
    /// object the parent's tree does not hold, so every reachable object is checked once; the
    /// parent's trees come from memory, kept by folder, so the change costs what it changed.
    mutating func walkChanges(from old: ObjectID?, to new: ObjectID, commit: ObjectID,
                              report: inout VerificationReport) -> [ChangedFile] {
        var files: [ChangedFile] = []
        diff(folder: "", old: old, new: new, commit: commit, report: &report, into: &files)
        return files
    }

    private mutating func diff(folder: String, old: ObjectID?, new: ObjectID?, commit: ObjectID,
                               report: inout VerificationReport, into files: inout [ChangedFile]) {
        let before = old.flatMap { tree($0, in: folder, commit: commit, report: &report) } ?? .empty
        var after = RawTree.empty
        if let new {
            guard let read = tree(new, in: folder, commit: commit, report: &report) else { return }
            after = read
        }
        folders[folder] = new.map { ($0, after) }
        var i = 0, j = 0
        while i < before.entries.count || j < after.entries.count {
            let order = i == before.entries.count ? 1 : j == after.entries.count ? -1
                : RawTree.order(before, before.entries[i], after, after.entries[j])
            if order == 0 {
                let a = before.entries[i], b = after.entries[j]
                if !RawTree.sameObject(before, a, after, b) || a.kind != b.kind {
                    change(folder: folder, before.file(a), after.file(b), commit: commit, report: &report, into: &files)
                }
                i += 1; j += 1
            } else if order < 0 {
                change(folder: folder, before.file(before.entries[i]), nil, commit: commit, report: &report, into: &files)
                i += 1
            } else {
                change(folder: folder, nil, after.file(after.entries[j]), commit: commit, report: &report, into: &files)
                j += 1
            }
        }
    }

    /// One differing entry: a subtree on either side is compared in turn, then a file is recorded
    /// (the order of `GitRepository.changedFiles`) and its new blob checked.
    private mutating func change(folder: String, _ old: (name: String, id: ObjectID, isTree: Bool)?,
                                 _ new: (name: String, id: ObjectID, isTree: Bool)?, commit: ObjectID,
                                 report: inout VerificationReport, into files: inout [ChangedFile]) {
        let path = folder + (new?.name ?? old?.name ?? "")
        if old?.isTree == true || new?.isTree == true {
            diff(folder: path + "/", old: old?.isTree == true ? old?.id : nil, new: new?.isTree == true ? new?.id : nil,
                 commit: commit, report: &report, into: &files)
        }
        let oldBlob = old.flatMap { $0.isTree ? nil : $0.id }, newBlob = new.flatMap { $0.isTree ? nil : $0.id }
        if let newBlob, !seen.contains(newBlob) { checkBlob(newBlob, commit: commit, report: &report) }
        if oldBlob != nil || newBlob != nil { files.append(ChangedFile(path: path, old: oldBlob, new: newBlob)) }
    }

    /// Tree `id` at `folder`: from memory when the walk last saw that folder hold it, else read
    /// with its hash checked.
    private mutating func tree(_ id: ObjectID, in folder: String, commit: ObjectID,
                               report: inout VerificationReport) -> RawTree? {
        if let known = folders[folder], known.id == id { return known.tree }
        guard let data = read(id, expecting: 2, commit: commit, report: &report) else { return nil }
        do { return try RawTree(data, id: id) } catch {
            report.failures.append(.init(check: "objects", commit: commit.hex, record: nil, message: error.message))
            return nil
        }
    }
}

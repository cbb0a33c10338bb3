import Foundation

/// One entry of a tree as its bytes give it (`<mode> <name>\0<20-byte id>`).
struct TreeEntry {
    let name: [UInt8]
    let id: ObjectID
    let isTree: Bool

    /// The entries of a tree object, in its own order; nil when it is malformed.
    static func parse(_ data: Data) -> [TreeEntry]? {
        let bytes = [UInt8](data)
        var entries: [TreeEntry] = []
        var index = 0
        while index < bytes.count {
            guard let space = bytes[index...].firstIndex(of: 32),
                  let nul = bytes[space...].firstIndex(of: 0), nul + 21 <= bytes.count else { return nil }
            entries.append(TreeEntry(name: Array(bytes[(space + 1)..<nul]), id: ObjectID(rawBytes: bytes[(nul + 1)..<(nul + 21)]),
                                     isTree: bytes[index] == 52 && space - index == 5))  // "40000"
            index = nul + 21
        }
        return entries
    }

    /// git's order of tree entries: by name, a subtree's name read as if it ended in `/`.
    static func order(_ a: TreeEntry, _ b: TreeEntry) -> Int {
        let common = min(a.name.count, b.name.count)
        for index in 0..<common where a.name[index] != b.name[index] { return a.name[index] < b.name[index] ? -1 : 1 }
        let x: UInt8 = a.name.count > common ? a.name[common] : a.isTree ? 47 : 0
        let y: UInt8 = b.name.count > common ? b.name[common] : b.isTree ? 47 : 0
        return x == y ? 0 : x < y ? -1 : 1
    }
}

extension ObjectWalk {
    /// Check 1 for one commit of a first-parent chain walked from the root, and the files it
    /// changed. Its tree is compared with its parent's (`old`; nil for the root), descending only
    /// where they differ; every tree and blob that differs is read with its hash checked (blobs
    /// looked up with `blobsByPresence`). Walked in order, that is every object the parent's tree
    /// does not hold, so every reachable object is checked once; the parent's trees come from
    /// memory, kept by folder, so the change costs what it changed.
    mutating func walkChanges(from old: ObjectID?, to new: ObjectID, commit: ObjectID,
                              report: inout VerificationReport) -> [ChangedFile] {
        var files: [ChangedFile] = []
        diff(folder: "", old: old, new: new, commit: commit, report: &report, into: &files)
        return files
    }

    private mutating func diff(folder: String, old: ObjectID?, new: ObjectID?, commit: ObjectID,
                               report: inout VerificationReport, into files: inout [ChangedFile]) {
        let before = old.flatMap { entries(of: $0, in: folder, commit: commit, report: &report) } ?? []
        var after: [TreeEntry] = []
        if let new {
            guard let read = entries(of: new, in: folder, commit: commit, report: &report) else { return }
            after = read
        }
        folders[folder] = new.map { ($0, after) }
        var i = 0, j = 0
        while i < before.count || j < after.count {
            let order = i == before.count ? 1 : j == after.count ? -1 : TreeEntry.order(before[i], after[j])
            if order == 0 {
                if before[i].id != after[j].id {
                    change(folder: folder, before[i], after[j], commit: commit, report: &report, into: &files)
                }
                i += 1; j += 1
            } else if order < 0 {
                change(folder: folder, before[i], nil, commit: commit, report: &report, into: &files)
                i += 1
            } else {
                change(folder: folder, nil, after[j], commit: commit, report: &report, into: &files)
                j += 1
            }
        }
    }

    /// One differing entry: a subtree on either side is compared in turn, then a file is recorded
    /// (the order of `GitRepository.changedFiles`) and its new blob checked.
    private mutating func change(folder: String, _ old: TreeEntry?, _ new: TreeEntry?, commit: ObjectID,
                                 report: inout VerificationReport, into files: inout [ChangedFile]) {
        let path = folder + String(decoding: (new ?? old)?.name ?? [], as: UTF8.self)
        if old?.isTree == true || new?.isTree == true {
            diff(folder: path + "/", old: old?.isTree == true ? old?.id : nil, new: new?.isTree == true ? new?.id : nil,
                 commit: commit, report: &report, into: &files)
        }
        let oldBlob = old.flatMap { $0.isTree ? nil : $0.id }, newBlob = new.flatMap { $0.isTree ? nil : $0.id }
        if let newBlob, !seen.contains(newBlob) { checkBlob(newBlob, commit: commit, report: &report) }
        if oldBlob != nil || newBlob != nil { files.append(ChangedFile(path: path, old: oldBlob, new: newBlob)) }
    }

    /// The entries of tree `id` at `folder`: from memory when the walk last saw that folder hold
    /// it, else read with its hash checked.
    private mutating func entries(of id: ObjectID, in folder: String, commit: ObjectID,
                                  report: inout VerificationReport) -> [TreeEntry]? {
        if let known = folders[folder], known.id == id { return known.entries }
        guard let data = read(id, expecting: 2, commit: commit, report: &report) else { return nil }
        guard let entries = TreeEntry.parse(data) else {
            report.failures.append(.init(check: "objects", commit: commit.hex, record: nil, message: "tree \(id.hex) is malformed"))
            return nil
        }
        return entries
    }
}

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

    /// The files whose blobs differ between two trees (nil: the empty tree), with the blob on each
    /// side (nil: absent there), in tree order. `trees` keeps the trees read for the next
    /// comparison (see `TreeCache`).
    func changedFiles(from old: ObjectID?, to new: ObjectID, trees: TreeCache? = nil) throws(GitError) -> [ChangedFile] {
        var files: [ChangedFile] = []
        let trees = trees ?? TreeCache(repo: self)
        trees.age()
        try collectChanges(from: old, to: new, prefix: "", trees: trees, into: &files)
        return files
    }

    /// Walks two trees side by side in tree order and descends only into subtrees whose IDs
    /// differ, so the cost follows the size of the change, not of the tree (libgit2's tree diff
    /// visits every entry: quadratic over a history of 100,000 records).
    private func collectChanges(from old: ObjectID?, to new: ObjectID?, prefix: String, trees: TreeCache,
                                into paths: inout [ChangedFile]) throws(GitError) {
        let oldTree = try old.map { id throws(GitError) in try trees.tree(id) } ?? RawTree.empty
        let newTree = try new.map { id throws(GitError) in try trees.tree(id) } ?? RawTree.empty
        let (first, oldEnd, newEnd) = RawTree.differing(oldTree, newTree)
        var i = first, j = first
        while i < oldEnd || j < newEnd {
            let order = i == oldEnd ? 1 : j == newEnd ? -1
                : RawTree.order(oldTree, oldTree.entries[i], newTree, newTree.entries[j])
            if order == 0 {
                let a = oldTree.entries[i], b = newTree.entries[j]
                if !RawTree.sameObject(oldTree, a, newTree, b) || a.kind != b.kind {
                    try record(oldTree.file(a), newTree.file(b), prefix: prefix, trees: trees, into: &paths)
                }
                i += 1; j += 1
            } else if order < 0 {
                try record(oldTree.file(oldTree.entries[i]), nil, prefix: prefix, trees: trees, into: &paths)
                i += 1
            } else {
                try record(nil, newTree.file(newTree.entries[j]), prefix: prefix, trees: trees, into: &paths)
                j += 1
            }
        }
    }

    private func record(_ old: (name: String, id: ObjectID, isTree: Bool)?, _ new: (name: String, id: ObjectID, isTree: Bool)?,
                        prefix: String, trees: TreeCache, into paths: inout [ChangedFile]) throws(GitError) {
        let path = prefix + (new?.name ?? old?.name ?? "")
        if old?.isTree == true || new?.isTree == true {
            try collectChanges(from: old?.isTree == true ? old?.id : nil, to: new?.isTree == true ? new?.id : nil,
                               prefix: path + "/", trees: trees, into: &paths)
        }
        let oldBlob = old.flatMap { $0.isTree ? nil : $0.id }, newBlob = new.flatMap { $0.isTree ? nil : $0.id }
        if oldBlob != nil || newBlob != nil { paths.append(ChangedFile(path: path, old: oldBlob, new: newBlob)) }
    }
}

/// A tree object parsed from its raw bytes, as read through the object database (hash checked):
/// its entries' names and IDs stay in place in the bytes. Cheaper than libgit2's tree objects for
/// a walk that compares whole trees and keeps few of their entries.
struct RawTree {
    /// The git object type of an entry, from its mode (as `git_tree_entry_type` tells it).
    enum Kind { case blob, tree, commit }

    struct Entry {
        /// Where the name lies in `bytes`.
        let name: Range<Int>
        /// Where the 20 bytes of the ID start in `bytes`.
        let id: Int
        let kind: Kind
    }

    let bytes: [UInt8]
    let entries: [Entry]

    static let empty = RawTree(bytes: [], entries: [])

    private init(bytes: [UInt8], entries: [Entry]) {
        self.bytes = bytes
        self.entries = entries
    }

    /// Parses `<octal mode> <name>\0<20-byte id>` entries; throws on any other shape, as libgit2 would.
    init(_ data: Data, id: ObjectID) throws(GitError) {
        let bytes = [UInt8](data)
        let entries = try bytes.withUnsafeBufferPointer { buffer throws(GitError) -> [Entry] in
            var entries: [Entry] = []
            // An entry takes at least 28 bytes (mode, space, a name of one byte, NUL, ID): room
            // for every entry at once, never grown.
            entries.reserveCapacity(buffer.count / 28 + 1)
            var index = 0
            while index < buffer.count {
                var mode = 0
                let modeStart = index
                // The modes git writes for files and folders, recognised whole.
                if index + 7 <= buffer.count, buffer[index] == 49, buffer[index + 1] == 48, buffer[index + 2] == 48,
                   buffer[index + 3] == 54, buffer[index + 4] == 52, buffer[index + 5] == 52, buffer[index + 6] == 32 {
                    mode = 0o100644
                    index += 6
                } else if index + 6 <= buffer.count, buffer[index] == 52, buffer[index + 1] == 48, buffer[index + 2] == 48,
                          buffer[index + 3] == 48, buffer[index + 4] == 48, buffer[index + 5] == 32 {
                    mode = 0o40000
                    index += 5
                }
                while index < buffer.count, buffer[index] != 32 {
                    guard (48...55).contains(buffer[index]), index - modeStart < 7 else { throw Self.malformed(id) }
                    mode = mode << 3 | Int(buffer[index] - 48)
                    index += 1
                }
                guard index > modeStart, index < buffer.count else { throw Self.malformed(id) }
                let nameStart = index + 1
                let nul = Self.nul(in: buffer, from: nameStart)
                guard nul < buffer.count, nul > nameStart, nul + 21 <= buffer.count else { throw Self.malformed(id) }
                let type = mode & 0o170000
                entries.append(Entry(name: nameStart..<nul, id: nul + 1, kind: type == 0o040000 ? .tree : type == 0o160000 ? .commit : .blob))
                index = nul + 21
            }
            return entries
        }
        self.bytes = bytes
        self.entries = entries
    }

    /// The offset of the first NUL at or after `start`, or the buffer's end.
    private static func nul(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + start, 0, buffer.count - start) else { return buffer.count }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    private static func malformed(_ id: ObjectID) -> GitError {
        GitError(code: -1, errorClass: 0, message: "tree \(id.hex) is malformed", call: "tree parse")
    }

    /// Git's tree order (`git_tree_entry_cmp`): names byte by byte, a subtree's name as if it
    /// ended with `/`.
    static func order(_ left: RawTree, _ a: Entry, _ right: RawTree, _ b: Entry) -> Int {
        let common = min(a.name.count, b.name.count)
        for offset in 0..<common {
            let x = left.bytes[a.name.lowerBound + offset], y = right.bytes[b.name.lowerBound + offset]
            if x != y { return x < y ? -1 : 1 }
        }
        let x: UInt8 = common < a.name.count ? left.bytes[a.name.lowerBound + common] : a.kind == .tree ? 47 : 0
        let y: UInt8 = common < b.name.count ? right.bytes[b.name.lowerBound + common] : b.kind == .tree ? 47 : 0
        return x == y ? 0 : x < y ? -1 : 1
    }

    /// The entries that may differ between two trees: `left.entries[first..<leftEnd]` and
    /// `right.entries[first..<rightEnd]`; the others are the same entries, byte for byte.
    ///
    /// An act changes one entry or a few in a tree of up to a hundred, so the walk compares the
    /// trees' bytes, in blocks, rather than entry by entry. Entries wholly inside the bytes
    /// the trees start with lie at the same offsets in both and are the same. At the end, an
    /// entry wholly inside the bytes both end with is the same in both when it starts at the same
    /// distance from the end in both (a parse from the start finds it there in each), and so are
    /// the entries after it.
    static func differing(_ left: RawTree, _ right: RawTree) -> (first: Int, leftEnd: Int, rightEnd: Int) {
        var leftEnd = left.entries.count, rightEnd = right.entries.count
        guard leftEnd > 0, rightEnd > 0 else { return (0, leftEnd, rightEnd) }
        let (prefix, suffix) = left.bytes.withUnsafeBytes { a in
            right.bytes.withUnsafeBytes { b in (commonPrefix(a, b), commonSuffix(a, b)) }
        }
        var first = 0
        while first < leftEnd, first < rightEnd, left.entries[first].id + 20 <= prefix { first += 1 }
        while leftEnd > first, rightEnd > first {
            let leftStart = leftEnd > 1 ? left.entries[leftEnd - 2].id + 20 : 0
            let rightStart = rightEnd > 1 ? right.entries[rightEnd - 2].id + 20 : 0
            let tail = left.bytes.count - leftStart
            guard tail <= suffix, right.bytes.count - rightStart == tail else { break }
            leftEnd -= 1
            rightEnd -= 1
        }
        return (first, leftEnd, rightEnd)
    }

    /// How many bytes `a` and `b` start with in common.
    static func commonPrefix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let count = min(a.count, b.count)
        var offset = 0
        // Blocks through memcmp first (vectorised), then words, then bytes.
        if let x = a.baseAddress, let y = b.baseAddress {
            while offset + 256 <= count, memcmp(x + offset, y + offset, 256) == 0 { offset += 256 }
        }
        while offset + 8 <= count,
              a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
            offset += 8
        }
        while offset < count, a[offset] == b[offset] { offset += 1 }
        return offset
    }

    /// How many bytes `a` and `b` end with in common.
    static func commonSuffix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let count = min(a.count, b.count)
        var length = 0
        if let x = a.baseAddress, let y = b.baseAddress {
            while length + 256 <= count, memcmp(x + a.count - length - 256, y + b.count - length - 256, 256) == 0 { length += 256 }
        }
        while length + 8 <= count,
              a.loadUnaligned(fromByteOffset: a.count - length - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: b.count - length - 8, as: UInt64.self) {
            length += 8
        }
        while length < count, a[a.count - length - 1] == b[b.count - length - 1] { length += 1 }
        return length
    }

    static func sameObject(_ left: RawTree, _ a: Entry, _ right: RawTree, _ b: Entry) -> Bool {
        left.bytes.withUnsafeBytes { x in
            right.bytes.withUnsafeBytes { y in
                guard let x = x.baseAddress, let y = y.baseAddress else { return false }
                return memcmp(x + a.id, y + b.id, 20) == 0
            }
        }
    }

    /// An entry as the walk reports it.
    func file(_ entry: Entry) -> (name: String, id: ObjectID, isTree: Bool) {
        (String(decoding: bytes[entry.name], as: UTF8.self), ObjectID(rawBytes: bytes[entry.id..<entry.id + 20]), entry.kind == .tree)
    }
}

/// Trees kept between the comparisons of consecutive acts. The trees an act wrote are the very
/// ones its child is compared against: kept here they are read, inflated, hashed and parsed once
/// instead of twice. Two generations bound the memory: a tree not used during a whole generation
/// (about `limit` trees read) is dropped.
final class TreeCache {
    private let repo: GitRepository
    private let limit: Int
    private let rehash: Bool
    private var current: [ObjectID: RawTree] = [:]
    private var previous: [ObjectID: RawTree] = [:]

    /// Reads trees hashed against their IDs unless `rehash` is false (`readStoredObject`).
    init(repo: GitRepository, limit: Int = 256, rehash: Bool = true) {
        self.repo = repo
        self.limit = limit
        self.rehash = rehash
    }

    /// The tree `id`, read through the object database unless kept.
    func tree(_ id: ObjectID) throws(GitError) -> RawTree {
        if let tree = current[id] { return tree }
        let tree: RawTree
        if let kept = previous.removeValue(forKey: id) {
            tree = kept
        } else {
            let object = try rehash ? repo.readObject(id) : repo.readStoredObject(id)
            guard object.type == 2 else {
                throw .wrongType(id, is: "type \(object.type) object", expected: "tree", call: "git_odb_read")
            }
            tree = try RawTree(object.data, id: id)
        }
        current[id] = tree
        return tree
    }

    /// Starts a new generation when the current one is full, dropping the one before.
    func age() {
        guard current.count >= limit else { return }
        previous = current
        current = [:]
    }
}

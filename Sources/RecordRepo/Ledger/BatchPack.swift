import Foundation

/// The objects that a batch's commits wrote to memory, collected into one pack: each commit, the
/// blobs it set, and the trees along each changed path, every tree stored as a delta against its
/// version in the parent commit (as `git fast-import` does), chains at most `maxDepth` long.
struct BatchPack {
    static let maxDepth = 50
    var pack = PackData()
    private var added: Set<ObjectID> = []
    private var depth: [ObjectID: Int] = [:]
    /// The trees the previous act wrote: usually the bases of this act's deltas, so kept to save
    /// reading (and hashing) them again.
    private var recentTrees: [ObjectID: Data] = [:]

    /// Adds what `commit` wrote on top of `parentTree` by changing `paths`.
    mutating func add(commit: ObjectID, parentTree: ObjectID?, paths: [RecordPath], from repo: GitRepository) throws(GitError) {
        let tree = try repo.commit(commit).tree
        var prefixes: [String] = [""]
        for path in paths {
            let components = path.value.split(separator: "/")
            for count in 1..<max(components.count, 1) {
                let prefix = components[0..<count].joined(separator: "/")
                if !prefixes.contains(prefix) { prefixes.append(prefix) }
            }
        }
        var trees: [ObjectID: Data] = [:]
        for prefix in prefixes {
            guard let new = try object(at: prefix, in: tree, repo), !added.contains(new) else { continue }
            let old = try parentTree.flatMap { (base) throws(GitError) in try object(at: prefix, in: base, repo) }
            trees[new] = try add(new, base: old, from: repo)
        }
        recentTrees = trees
        for path in paths {
            if let blob = try repo.entry(at: path.value, inTree: tree), !added.contains(blob) {
                try add(blob, base: nil, from: repo)
            }
        }
        try add(commit, base: nil, from: repo)
    }

    private func object(at prefix: String, in tree: ObjectID, _ repo: GitRepository) throws(GitError) -> ObjectID? {
        prefix.isEmpty ? tree : try repo.entry(at: prefix, inTree: tree)
    }

    @discardableResult
    private mutating func add(_ id: ObjectID, base: ObjectID?, from repo: GitRepository) throws(GitError) -> Data {
        let object = try repo.readObject(id)
        let baseDepth = base.map { depth[$0] ?? 0 } ?? 0
        var baseData: Data?
        if let base, base != id, baseDepth < Self.maxDepth {
            if let recent = recentTrees[base] { baseData = recent } else { baseData = try repo.readObject(base).data }
        }
        if let base, let baseData, let delta = Delta.encode(from: baseData, to: object.data) {
            pack.add(delta: delta, base: base)
            depth[id] = baseDepth + 1
        } else {
            pack.add(type: object.type, content: object.data)
        }
        added.insert(id)
        return object.data
    }
}

import Foundation
import Synchronization

/// Check 1: reads every object reachable from `main` exactly once through the object database,
/// which recomputes its hash; a missing or altered object becomes a failure naming the commit
/// that reaches it.
struct ObjectWalk {
    let repo: GitRepository
    private(set) var seen = Set<ObjectID>()
    /// When set, the repository is a copy whose indexer has just hashed every object it received:
    /// commits and trees are read without hashing them again, blobs are only looked up. What is
    /// left to prove is that nothing reachable is missing, and that every commit and tree parses.
    var justIndexed = false
    /// For `walkChanges`: the tree each folder held at the last commit walked, parsed.
    var folders: [String: (id: ObjectID, tree: RawTree)] = [:]

    init(repo: GitRepository) {
        self.repo = repo
        seen.reserveCapacity(1 << 16)
    }

    /// Reads one object (git type 1 commit, 2 tree, 3 blob, 4 tag); nil after recording a failure.
    mutating func read(_ id: ObjectID, expecting type: Int32, commit: ObjectID,
                       report: inout VerificationReport) -> Data? {
        seen.insert(id)
        do {
            let object = try load(id)
            guard object.type == type else {
                report.failures.append(.init(check: "objects", commit: commit.hex, record: nil,
                                             message: "object \(id.hex) has the wrong type"))
                return nil
            }
            return object.data
        } catch {
            let what = error.isHashMismatch ? "is altered: its content does not match its hash"
                : error.isNotFound ? "is missing" : "cannot be read (\(error.message))"
            report.failures.append(.init(check: "objects", commit: commit.hex, record: nil,
                                         message: "object \(id.hex) \(what)"))
            return nil
        }
    }

    /// Reads an object, with its hash checked unless `justIndexed`.
    func load(_ id: ObjectID) throws(GitError) -> (type: Int32, data: Data) {
        try justIndexed ? repo.readStoredObject(id) : repo.readObject(id)
    }

    /// Reads a tree and everything below it that has not been read yet.
    mutating func walkTree(_ root: ObjectID, commit: ObjectID, report: inout VerificationReport) {
        guard !seen.contains(root) else { return }
        var stack = [root]
        while let tree = stack.popLast() {
            guard let data = read(tree, expecting: 2, commit: commit, report: &report) else { continue }
            let bytes = [UInt8](data)
            var index = 0
            while index < bytes.count {
                guard let space = bytes[index...].firstIndex(of: 32),
                      let nul = bytes[space...].firstIndex(of: 0), nul + 21 <= bytes.count else {
                    report.failures.append(.init(check: "objects", commit: commit.hex, record: nil,
                                                 message: "tree \(tree.hex) is malformed"))
                    break
                }
                let isTree = bytes[index] == 52 && space - index == 5  // "40000"
                let id = ObjectID(rawBytes: bytes[(nul + 1)..<(nul + 21)])
                index = nul + 21
                guard !seen.contains(id) else { continue }
                if isTree {
                    stack.append(id)
                } else {
                    checkBlob(id, commit: commit, report: &report)
                }
            }
        }
    }

    /// Reads a blob with its hash checked, or with `justIndexed` only looks it up.
    mutating func checkBlob(_ id: ObjectID, commit: ObjectID, report: inout VerificationReport) {
        guard justIndexed else {
            _ = read(id, expecting: 3, commit: commit, report: &report)
            return
        }
        seen.insert(id)
        if !repo.contains(id) {
            report.failures.append(.init(check: "objects", commit: commit.hex, record: nil, message: "object \(id.hex) is missing"))
        }
    }
}

/// Decoded account keys, cached by the blob that holds them (accounts change rarely).
struct KeyCache {
    let repo: GitRepository
    private var byBlob: [ObjectID: PrincipalKeys] = [:]
    private var rawKeys: [String: Data] = [:]
    /// Account paths looked up in the tree the verifier is at, kept along the history with `advance`.
    private let memo = PathMemo(tree: nil)

    /// The 32 raw bytes of an `ssh-ed25519 AAAA…` key (nil when it is not one), decoded once.
    mutating func raw(_ openSSH: String) -> Data? {
        if let known = rawKeys[openSSH] { return known }
        let decoded = SSHSignature.rawPublicKey(fromOpenSSH: openSSH)
        rawKeys[openSSH] = decoded
        return decoded
    }

    init(repo: GitRepository) { self.repo = repo }

    /// The principal's account as of `tree`, or nil when it has none there.
    mutating func keys(of principal: String, in tree: ObjectID) -> PrincipalKeys? {
        guard let path = try? PrincipalKeys.path(for: principal) else { return nil }
        let repo = repo
        let lookup = { try? repo.entry(at: path.value, inTree: tree) }
        guard let blob = memo.id(of: path.value, in: tree, lookup) else { return nil }
        if let cached = byBlob[blob] { return cached }
        guard let data = try? repo.blob(blob),
              let keys = try? JSONDecoder().decode(PrincipalKeys.self, from: data) else { return nil }
        byBlob[blob] = keys
        return keys
    }

    /// Moves the remembered lookups on to `tree`, which a commit made from `parent` by changing `changes`.
    func advance(from parent: ObjectID?, to tree: ObjectID, changing changes: [ChangedFile]) {
        memo.advance(from: parent, to: tree, changing: changes)
    }
}

extension ObjectWalk {
    /// Walks the trees of `chain` (oldest first) on every core: each thread takes a run of
    /// consecutive commits with its own handle on the repository at `path`, so only the subtrees
    /// that two runs share are read twice. Returns every object seen and the failures, oldest
    /// commit first.
    static func walkTrees(of chain: [(commit: ObjectID, tree: ObjectID)], in path: String,
                          justIndexed: Bool) -> (seen: Set<ObjectID>, failures: [VerificationFailure]) {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, chain.count / 1_000))
        let results = Mutex<(seen: Set<ObjectID>, failures: [Int: [VerificationFailure]])>(([], [:]))
        let size = (chain.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { part in
            let run = chain[min(part * size, chain.count)..<min((part + 1) * size, chain.count)]
            var report = VerificationReport()
            var seen = Set<ObjectID>()
            do {
                var walk = ObjectWalk(repo: try GitRepository.open(bareAt: path, reader: part))
                walk.justIndexed = justIndexed
                for (commit, tree) in run { walk.walkTree(tree, commit: commit, report: &report) }
                seen = walk.seen
            } catch {
                report.failures.append(.init(check: "objects", commit: nil, record: nil, message: "the repository cannot be opened: \(error)"))
            }
            results.withLock {
                $0.seen.formUnion(seen)
                $0.failures[part] = report.failures
            }
        }
        return results.withLock { ($0.seen, $0.failures.sorted { $0.key < $1.key }.flatMap(\.value)) }
    }
}

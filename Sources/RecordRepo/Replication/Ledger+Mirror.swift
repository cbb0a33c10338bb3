import Foundation

extension Ledger {
    /// Copies all of `main` and the checkpoints into `target`, an empty repository, as one pack:
    /// each commit with the trees and blobs it changed, trees as deltas against their previous
    /// version (libgit2's push and fetch run a delta search over every object, minutes at 100,000
    /// acts). The target's indexer hashes every object it receives; `main` and the checkpoints are
    /// set only after the whole pack is in.
    public func mirror(into target: Ledger) throws(LedgerError) {
        guard try target.head() == nil else {
            throw .replica(path: target.path, problem: "a mirror goes into an empty repository only")
        }
        guard let head = try head() else { return }
        let checkpoints: [(name: String, target: ObjectID)]
        do { checkpoints = try repo.references(matching: Self.checkpointPrefix + "*") } catch { throw .git(error) }
        try ledgerCall("mirror") {
            var pack = BatchPack()
            var parentTree: ObjectID?
            for commit in try repo.firstParentChain(from: head) {
                let tree = try repo.commit(commit).tree
                let paths = try repo.changedPaths(from: parentTree, to: tree).map { try RecordPath($0) }
                try pack.add(commit: commit, parentTree: parentTree, paths: paths, from: repo)
                parentTree = tree
            }
            for (_, tag) in checkpoints {
                let object = try repo.readObject(tag)
                pack.pack.add(type: object.type, content: object.data)
            }
            try target.repo.writePack(pack.pack.finished())
            try target.repo.compareAndSwap(Self.mainRef, to: head, expected: nil, log: "recrepo: mirror")
            for (name, tag) in checkpoints {
                try target.repo.compareAndSwap(name, to: tag, expected: nil, log: "recrepo: mirror")
            }
        }
    }

    /// Check 1 alone: every object reachable from `main` and the checkpoints reads back with its
    /// hash. What a copy needs once its objects are known to be the source's own (same IDs).
    /// `justIndexed`: the copy's indexer has just hashed every object it received, so blobs are
    /// only looked up (commits and trees are still read, to follow them).
    public func verifyObjects(justIndexed: Bool = false) -> VerificationReport {
        Verifier(ledger: self).runObjectsOnly(blobsByPresence: justIndexed)
    }
}

import Foundation

extension Ledger {
    /// Copies every object of this repository into `target`, an empty repository, then sets its
    /// `main` and checkpoints. Each pack file is streamed through the target's indexer (two at a
    /// time), which inflates and hashes every object and checks the pack's checksum, as `git
    /// index-pack` does for a clone; the loose objects are read (each checked against its hash)
    /// and go in as one more pack. The references are set only after every pack is in, and the
    /// caller then checks that everything they reach is present (`verifyObjects`, `verify`).
    ///
    /// Packs are copied as they are because they already hold each object compressed and each
    /// tree as a delta: building a new pack (libgit2's push and fetch run a delta search over
    /// every object, minutes at 100,000 acts) costs several times the hashing the copy needs.
    public func mirror(into target: Ledger) throws(LedgerError) {
        guard try target.head() == nil else {
            throw .replica(path: target.path, problem: "a mirror goes into an empty repository only")
        }
        // The head is read first: everything it reaches is on disk before the files are listed.
        guard let head = try head() else { return }
        let checkpoints: [(name: String, target: ObjectID)]
        do { checkpoints = try repo.references(matching: Self.checkpointPrefix + "*") } catch { throw .git(error) }
        try ledgerCall("mirror") {
            var loose = PackData()
            for id in try repo.looseObjects() {
                let object = try repo.readObject(id)
                loose.add(type: object.type, content: object.data)
            }
            if loose.count > 0 { try target.repo.writePack(loose.finished()) }
            try GitRepository.indexPacks(try repo.packFiles(), into: target.path)
            try target.repo.compareAndSwap(Self.mainRef, to: head, expected: nil, log: "recrepo: mirror")
            for (name, tag) in checkpoints {
                try target.repo.compareAndSwap(name, to: tag, expected: nil, log: "recrepo: mirror")
            }
        }
    }

    /// Check 1 alone: every object reachable from `main` and the checkpoints reads back with its
    /// hash. What a copy needs once its objects are known to be the source's own (same IDs).
    /// `justIndexed`: the copy's indexer has just hashed every object it received, so commits and
    /// trees are read (to follow them) without hashing them again, and blobs are only looked up.
    public func verifyObjects(justIndexed: Bool = false) -> VerificationReport {
        Verifier(ledger: self).runObjectsOnly(justIndexed: justIndexed)
    }
}

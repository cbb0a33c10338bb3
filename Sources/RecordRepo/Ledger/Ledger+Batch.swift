import Foundation

/// One act of a batch and the person who signs it.
public struct SignedAct {
    public let act: Act
    public let signer: Signer

    public init(_ act: Act, by signer: Signer) {
        self.act = act
        self.signer = signer
    }
}

extension Ledger {
    /// Signs `acts` in order and appends them to `main` as consecutive commits, written as one
    /// pack with one fsync and one compare-and-swap: the path a migration of legacy records takes.
    ///
    /// Each act is still one commit with its own signature, exactly as `append` writes it, so
    /// verification cannot tell a batch from single acts. Either every act lands or none does: the
    /// objects stay in memory until the pack is written, and `main` moves only after that. The
    /// caller chooses the batch size (a batch's objects are held in memory until written).
    /// Conflicts follow `append`: if `main` moved since `basedOn` and any record of the batch
    /// changed there, nothing is written and `.conflict` names it.
    @discardableResult
    public func appendBatch(_ acts: [SignedAct], basedOn: ObjectID?) throws(LedgerError) -> [Appended] {
        guard !acts.isEmpty else { return [] }
        for item in acts { try item.act.validate(signer: item.signer) }
        return try withWriteLock { () throws(LedgerError) in
            let head = try head()
            for item in acts { try checkGuards(of: item.act, basedOn: basedOn, head: head) }
            let memory: MemoryPack
            do throws(GitError) { memory = try MemoryPack(bareAt: path) } catch { throw .git(error) }
            defer { try? memory.discard() }
            var appended: [Appended] = []
            appended.reserveCapacity(acts.count)
            var pack = BatchPack()
            var tip = head
            for item in acts {
                let parentTree = try ledgerCall("read") { try tip.map { try memory.repo.commit($0).tree } }
                let built = try ledgerCall("sign") { try build(item.act, by: item.signer, on: tip, in: memory.repo) }
                try ledgerCall("pack") {
                    try pack.add(commit: built.commit, parentTree: parentTree, paths: item.act.paths, from: memory.repo)
                }
                appended.append(built)
                tip = built.commit
            }
            guard let tip else { return [] }
            do throws(GitError) {
                try repo.writePack(pack.pack.finished())
                try repo.compareAndSwap(Self.mainRef, to: tip, expected: head, log: "recrepo: batch of \(acts.count) acts")
            } catch {
                throw .git(error)
            }
            return appended
        }
    }
}

import Foundation

/// The result of one appended act.
public struct Appended: Sendable, Equatable {
    public let commit: ObjectID
    public let signedAt: Date
}

extension Ledger {
    /// Signs `act` as `signer` and appends it to `main` as one commit.
    ///
    /// `basedOn` is the head the caller read when it decided the act was allowed. If `main` has
    /// moved since, the act is rebuilt on the new head and signed again, unless one of its changed
    /// or guarded files differs there: then it fails with `.conflict`, because a person must look
    /// again before signing. An act that is `pinnedToBase` is never rebuilt: it fails with
    /// `.conflict` as soon as `main` moved. A failed append leaves `main` exactly where it was.
    ///
    /// `authorize` runs under the write lock with the head the act is about to be built on, each
    /// time it is built: whatever it refuses there (an account disabled or locked a moment ago) is
    /// refused with `.unauthorized`, so no authority checked earlier outlives a change to it.
    @discardableResult
    public func append(_ act: Act, by signer: Signer, basedOn: ObjectID?,
                       authorize: (ObjectID?) -> String? = { _ in nil }) throws(LedgerError) -> Appended {
        try act.validate(signer: signer)
        return try withWriteLock { () throws(LedgerError) in
            for _ in 0..<16 {
                let head = try head()
                try checkGuards(of: act, basedOn: basedOn, head: head)
                if let refusal = authorize(head) { throw .unauthorized(record: act.record, reason: refusal) }
                let built = try ledgerCall("sign") { try build(act, by: signer, on: head) }
                do throws(GitError) {
                    try repo.compareAndSwap(Self.mainRef, to: built.commit, expected: head,
                                            log: "recrepo: \(act.summary)")
                    return built
                } catch where error.isModified || error.isLocked || (head == nil && error.code == -4) {
                    continue
                } catch {
                    throw .git(error)
                }
            }
            throw .busy(attempts: 16)
        }
    }

    /// Refuses when a file the act changes or rests on differs between `basedOn` and `head`, or,
    /// for an act pinned to its base, when `main` moved at all.
    func checkGuards(of act: Act, basedOn: ObjectID?, head: ObjectID?) throws(LedgerError) {
        guard basedOn != head, let head else { return }
        if act.pinnedToBase { throw .conflict(record: act.record, path: Self.mainRef, head: head) }
        try ledgerCall("guards") {
            let oldTree = try basedOn.map { (id) throws(GitError) in try repo.commit(id).tree }
            let newTree = try repo.commit(head).tree
            for path in act.paths + act.guards {
                let before = try oldTree.flatMap { (tree) throws(GitError) in try repo.entry(at: path.value, inTree: tree) }
                let after = try repo.entry(at: path.value, inTree: newTree)
                if before != after { throw LedgerError.conflict(record: act.record, path: path.value, head: head) }
            }
        }
    }

    /// Builds and writes the signed commit for `act` on top of `head` (moves no reference), through
    /// `target` (the ledger's own repository unless a batch writes to memory).
    func build(_ act: Act, by signer: Signer, on head: ObjectID?, in target: GitRepository? = nil) throws -> Appended {
        let repo = target ?? self.repo
        let parent = try head.map { try repo.commit($0) }
        let now = clock.now()
        let seconds = Timestamp.seconds(now)
        try checkClock(act, parent: parent, now: seconds, in: repo)
        let signedAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        let baseTree = parent?.tree
        var updates: [(path: String, blob: ObjectID?)] = []
        let contents = try act.render(signedAt)
        guard contents.count == act.paths.count else { throw LedgerError.emptyAct(record: act.record) }
        for (path, data) in zip(act.paths, contents) {
            updates.append((path.value, try data.map { try repo.writeBlob($0) }))
        }
        let tree = try repo.updatedTree(base: baseTree, updates: updates)
        let message = act.trailers(signer: signer, at: signedAt).message(summary: act.summary)
        let buffer = try repo.commitBuffer(tree: tree, parent: head, name: signer.name, email: signer.principal,
                                           time: seconds, message: message)
        let signature = try SSHSignature.sign(buffer, with: signer.key)
        let commit = try repo.createSignedCommit(buffer, signature: signature)
        return Appended(commit: commit, signedAt: signedAt)
    }
}

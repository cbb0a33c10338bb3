import Foundation

extension Verifier {
    /// Check 2 (and 3, with a replay) for one commit, whose changed files check 1 found.
    /// Returns its signature for the parallel Ed25519 check when everything else about it holds.
    func checkCommit(_ id: ObjectID, _ commit: ParsedCommit, isRoot: Bool,
                     previous: (time: Int64, tree: ObjectID?), changes: [ChangedFile], keys: inout KeyCache, clock: inout ClockOrder,
                     report: inout VerificationReport, replay: ReplayPipeline?) -> PendingSignature? {
        var record: String?
        func fail(_ message: String, check: String = "signature") -> PendingSignature? {
            report.failures.append(.init(check: check, commit: id.hex, record: record, message: message))
            return nil
        }
        let trailers: Trailers
        let summary: String
        switch Trailers.parse(message: commit.message) {
        case .success(let parsed): (summary, trailers) = parsed
        case .failure(let problem): return fail("the signature manifestation is incomplete: \(problem)")
        }
        record = trailers.record
        // Stock git reads `meaning: approval`, `Meaning : approval`, a folded ` Meaning: approval` or
        // `Approved-By: victor` as trailers of their own: only the keys recrepo writes, each once,
        // exactly spelled, unfolded and in its order, make a signature manifestation.
        if let stray = trailers.extra.first(where: { !Trailers.optionalKeys.contains($0.key) }) {
            return fail("the trailer '\(stray.key)' is not one recrepo writes; a signature manifestation holds only its own keys")
        }
        guard trailers.message(summary: summary) == commit.message else {
            return fail("the message is not in the one form recrepo writes: a summary line, a blank line, then each trailer once, exactly spelled, unfolded, in order")
        }
        if isRoot ? !commit.parents.isEmpty : commit.parents.count != 1 {
            return fail("the commit has \(commit.parents.count) parents; main must be one linear chain")
        }
        guard let armored = commit.signature, let signature = SSHSignature.parse(armored) else {
            return fail("the commit carries no valid SSH signature")
        }
        let author = commit.author
        guard author == commit.committer, author.offset == "+0000" else {
            return fail("author and committer differ (or the time is not UTC)")
        }
        guard author.email == trailers.signer, author.name == trailers.signerName else {
            return fail("the author <\(author.email)> is not the signer \(trailers.signer) named in the trailers")
        }
        guard author.time == Timestamp.seconds(trailers.signedAt) else {
            return fail("Signed-At \(Timestamp.iso(trailers.signedAt)) differs from the commit time")
        }
        if let problem = clock.admit(time: author.time, event: trailers.event, record: trailers.record) {
            return fail(problem)
        }
        let accountTree = isRoot ? commit.tree : previous.tree ?? commit.tree
        guard let account = keys.keys(of: trailers.signer, in: accountTree) else {
            return fail("\(trailers.signer) had no account when this was signed")
        }
        let signedAt = trailers.signedAt
        guard let grant = account.keys.first(where: { keys.raw($0.publicKey) == signature.publicKey }) else {
            return fail("signed with a key that \(trailers.signer)'s account never held")
        }
        guard grant.isValid(at: signedAt) else {
            return fail("key \(grant.id) of \(trailers.signer) was not valid at \(Timestamp.iso(signedAt))"
                + " (valid \(grant.validAfter) to \(grant.validBefore ?? "now"))")
        }
        guard account.status == PrincipalKeys.activeStatus else {
            return fail("\(trailers.signer)'s account was \(account.status) when this was signed")
        }
        if trailers.signer == Signer.systemPrincipal, !Meaning.systemMeanings.contains(trailers.meaning) {
            return fail("the system key may not sign the meaning \(trailers.meaning.rawValue)")
        }
        if let replay {
            let act = ActInfo(commit: id, parent: commit.parents.first, summary: summary, trailers: trailers)
            replay.submit(act, before: isRoot ? nil : previous.tree, after: commit.tree, changes: changes, isRoot: isRoot)
        }
        return PendingSignature(commit: id, record: trailers.record, signature: signature,
                                signedData: commit.signedData)
    }
}

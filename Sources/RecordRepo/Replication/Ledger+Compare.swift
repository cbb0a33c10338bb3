import Foundation

/// How this repository's history stands against a replica's (`verify --against`).
public struct ReplicaComparison: Codable, Sendable {
    public let ok: Bool
    public let message: String
    /// Commits the replica holds that `main` here does not: a rollback or a rewrite here.
    public let missingHere: [String]
    /// Commits here that the replica has not received yet (a replica may simply lag).
    public let replicaBehind: Int
}

extension Ledger {
    /// Compares `main` and the checkpoints with the replica at `location`. Fails when either side
    /// has dropped or rewritten what the other holds; passes when the replica only lags.
    public func compare(with location: String) throws(LedgerError) -> ReplicaComparison {
        let replica = try Self.open(at: try Self.localPath(location))
        let ours = try head(), theirs = try replica.head()
        func result(_ ok: Bool, _ message: String, missing: [ObjectID] = [], behind: Int = 0) -> ReplicaComparison {
            ReplicaComparison(ok: ok, message: message, missingHere: missing.map(\.hex), replicaBehind: behind)
        }
        var verdict: ReplicaComparison
        if ours == theirs {
            // Equal heads name the same history (a commit names its parent by hash): nothing to walk.
            verdict = result(true, "the replica holds exactly this history (head \(ours?.short ?? "none"))")
            return checkpoints(of: replica, verdict)
        }
        let ourChain = try commits(), theirChain = try replica.commits()
        if let theirs, theirChain.count <= ourChain.count, ourChain[theirChain.count - 1] == theirs {
            let behind = ourChain.count - theirChain.count
            verdict = result(true, "the replica lags by \(behind) commit\(behind == 1 ? "" : "s") and holds nothing this history lacks",
                             behind: behind)
        } else if theirs == nil {
            verdict = result(true, "the replica is empty", behind: ourChain.count)
        } else {
            let common = zip(ourChain, theirChain).prefix { $0 == $1 }.count
            let missing = Array(theirChain[common...])
            let how = common == ourChain.count ? "rolled back" : "rewritten"
            verdict = result(false, "main here was \(how): the replica holds \(missing.count) commit\(missing.count == 1 ? "" : "s") that it does not (from \(missing[0].short))"
                             + (common < ourChain.count ? ", and \(ourChain.count - common) commits here replace them" : ""),
                             missing: missing)
        }
        return checkpoints(of: replica, verdict)
    }

    /// `verdict`, failed when a checkpoint of `replica` is missing here or names another tag.
    private func checkpoints(of replica: Ledger, _ verdict: ReplicaComparison) -> ReplicaComparison {
        var verdict = verdict
        let ourTags = Dictionary((try? repo.references(matching: Self.checkpointPrefix + "*")) ?? [], uniquingKeysWith: { a, _ in a })
        for (name, target) in (try? replica.repo.references(matching: Self.checkpointPrefix + "*")) ?? [] where ourTags[name] != target {
            verdict = ReplicaComparison(ok: false, message: verdict.message + "; checkpoint \(name) of the replica is missing or different here",
                                        missingHere: verdict.missingHere, replicaBehind: verdict.replicaBehind)
        }
        return verdict
    }
}

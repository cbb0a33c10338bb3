import Foundation

/// How this repository's history stands against a replica's (`verify --against`).
public struct ReplicaComparison: Codable, Sendable {
    public let ok: Bool
    public let message: String
    /// IDs of the commits the replica holds that `main` here does not, oldest first.
    public var missingHere: [String] = []
    /// The same commits, each with its author, summary and whether it verifies against the
    /// accounts here (empty when the replica's history shares nothing with this one).
    public var replicaOnly: [ReplicaCommit] = []
    /// Commits here that the replica has not received yet (a replica may simply lag).
    public var replicaBehind = 0
    /// What in the replica does not read back (a damaged pack file, a missing or altered
    /// object), one sentence each; nothing else is compared while there is any.
    public var damage: [String] = []
    /// The newest commit both histories hold, when the replica holds commits `main` here does not.
    public var base: String?
    /// References under `refs/set-aside/` in the replica: commits a backup set aside, kept there.
    public var setAside: [String] = []
}

extension Ledger {
    /// Compares `main` and the checkpoints with the replica at `location`. Fails when the replica
    /// does not read back completely, when it holds commits `main` here does not, or when a
    /// checkpoint differs; passes when it holds exactly this history or only lags.
    ///
    /// Equal heads name the same history only if the replica's objects are what their IDs say,
    /// so the replica is read first as `git fsck --full` reads it: every pack against its
    /// checksum and index, every object reachable from its `main` and checkpoints, and every
    /// loose object, each with its hash checked.
    public func compare(with location: String) throws(LedgerError) -> ReplicaComparison {
        let replica = try Self.open(at: try Self.localPath(location))
        let damage = replica.damage()
        guard damage.isEmpty else {
            let more = damage.count > 1 ? " (and \(damage.count - 1) more problem\(damage.count == 2 ? "" : "s"))" : ""
            return ReplicaComparison(ok: false, message: "the replica does not read back completely, so nothing in it is taken to match this history: \(damage[0])\(more)",
                                     damage: damage)
        }
        var verdict = checkpoints(of: replica, try history(against: replica, read: true))
        verdict.setAside = ((try? replica.repo.references(matching: "refs/set-aside/*")) ?? []).map(\.name).sorted()
        return verdict
    }

    /// How `main` here and `replica`'s `main` relate (`read`: every object of the replica was
    /// just read back, which the message may then say).
    func history(against replica: Ledger, read: Bool = false) throws(LedgerError) -> ReplicaComparison {
        let ours = try head(), theirs = try replica.head()
        if ours == theirs {
            // Equal heads name the same history (a commit names its parent by hash).
            return ReplicaComparison(ok: true, message: "the replica holds exactly this history (head \(ours?.short ?? "none"))"
                                     + (read ? ", and every object of it reads back with its hash" : ""))
        }
        guard theirs != nil else { return ReplicaComparison(ok: true, message: "the replica is empty", replicaBehind: try commits().count) }
        let ourChain = try commits(), theirChain = try replica.commits()
        let common = zip(ourChain, theirChain).prefix { $0 == $1 }.count
        if common == theirChain.count {
            let behind = ourChain.count - common
            return ReplicaComparison(ok: true, message: "the replica lags by \(behind) commit\(behind == 1 ? "" : "s") and holds nothing this history lacks",
                                     replicaBehind: behind)
        }
        let extra = Array(theirChain[common...])
        guard common > 0 else {
            return ReplicaComparison(ok: false, message: "the replica's history shares no commit with main here: it belongs to another repository",
                                     missingHere: extra.map(\.hex), replicaBehind: ourChain.count)
        }
        let base = theirChain[common - 1]
        let described = describe(extra, of: replica, after: base)
        return ReplicaComparison(ok: false, message: Self.replicaOnlyMessage(described, base: base, hereOnly: ourChain.count - common),
                                 missingHere: extra.map(\.hex), replicaOnly: described, replicaBehind: ourChain.count - common,
                                 base: base.hex)
    }

    /// What the commits only the replica holds are, by whether they verify against the accounts
    /// here; it does not say which side changed, because the commits alone cannot tell.
    static func replicaOnlyMessage(_ commits: [ReplicaCommit], base: ObjectID, hereOnly: Int) -> String {
        let count = commits.count, verifying = commits.filter(\.verifies).count
        var text = "the replica holds \(count) commit\(count == 1 ? "" : "s") after \(base.short) that main here does not contain"
        if hereOnly > 0 { text += ", and main here holds \(hereOnly) after it that the replica does not" }
        switch verifying {
        case 0:
            text += "; \(count == 1 ? "it does" : "none of them does") not verify against the accounts here, so \(count == 1 ? "it is not an act" : "they are not acts") signed by anyone who signs here"
        case count:
            text += "; \(count == 1 ? "it verifies" : "all \(count) verify") against the accounts here: signed acts that main here lost (rolled back or rewritten) or that were signed on the replica"
        default:
            text += "; \(verifying) of them verify against the accounts here and \(count - verifying) do not"
        }
        return text
    }

    /// `verdict`, failed when a checkpoint of `replica` is missing here or names another tag.
    private func checkpoints(of replica: Ledger, _ verdict: ReplicaComparison) -> ReplicaComparison {
        var verdict = verdict
        let ourTags = Dictionary((try? repo.references(matching: Self.checkpointPrefix + "*")) ?? [], uniquingKeysWith: { a, _ in a })
        for (name, target) in (try? replica.repo.references(matching: Self.checkpointPrefix + "*")) ?? [] where ourTags[name] != target {
            var failed = ReplicaComparison(ok: false, message: verdict.message + "; checkpoint \(name) of the replica is missing or different here")
            (failed.missingHere, failed.replicaOnly, failed.replicaBehind, failed.base) = (verdict.missingHere, verdict.replicaOnly, verdict.replicaBehind, verdict.base)
            verdict = failed
        }
        return verdict
    }

    /// Everything in this repository's object store that does not read back, as `git fsck --full`
    /// finds it: each pack against its checksums and index, every object reachable from `main`
    /// and the checkpoints read with its hash, and every loose object read with its hash.
    func damage() -> [String] {
        let report = verifyObjects()
        var problems = report.failures.map { failure in
            failure.message + (failure.commit.map { failure.message.contains($0) ? "" : " (reached from commit \($0.prefix(12)))" } ?? "")
        }
        for id in (try? repo.looseObjects()) ?? [] where !problems.contains(where: { $0.contains(id.hex) }) {
            do { _ = try repo.readObject(id) } catch {
                problems.append("loose object objects/\(id.hex.prefix(2))/\(id.hex.dropFirst(2)) "
                    + (error.isHashMismatch ? "is altered: its content does not match its hash" : "cannot be read (\(error.message))"))
            }
        }
        return problems
    }
}

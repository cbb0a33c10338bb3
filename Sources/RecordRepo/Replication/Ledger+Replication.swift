import Foundation

/// What a backup did.
public struct BackupResult: Sendable {
    public let destination: String
    public let head: ObjectID
    /// Commits the destination did not hold before.
    public let added: Int
    /// Whether the destination was empty and received the whole history as one pack just now
    /// (its indexer hashed every object).
    public let mirrored: Bool
    /// Where the commits the replica held that `main` here does not were set aside, if they were.
    public let setAsideRef: String?
    /// Those commits, each with whether it verifies against the accounts here (none does).
    public let setAside: [ReplicaCommit]
}

extension Ledger {
    /// The local path of a destination given as a path or a `file://` URL; other URLs are refused.
    public static func localPath(_ location: String) throws(LedgerError) -> String {
        if location.hasPrefix("file://") { return String(location.dropFirst("file://".count)) }
        guard !location.contains("://"), !location.contains("@") else {
            throw .replica(path: location, problem: "only local paths and file:// URLs are supported for replicas so far")
        }
        return location
    }

    /// Creates an empty bare replica that refuses non-fast-forward updates and deletions when
    /// pushed to, so that a replica cannot be made to forget.
    public static func createReplica(at path: String) throws(LedgerError) -> Ledger {
        let replica = try create(at: path)
        do {
            try replica.repo.setConfig("receive.denyNonFastForwards", true)
            try replica.repo.setConfig("receive.denyDeletes", true)
        } catch { throw .git(error) }
        return replica
    }

    /// The checkpoint references, as refspecs that copy each one under the same name.
    func replicatedRefspecs() throws(LedgerError) -> [String] {
        let checkpoints: [(name: String, target: ObjectID)]
        do { checkpoints = try repo.references(matching: Self.checkpointPrefix + "*") } catch { throw .git(error) }
        return ["\(Self.mainRef):\(Self.mainRef)"] + checkpoints.map { "\($0.name):\($0.name)" }
    }

    /// Mirrors `main` and the checkpoints to `destination` (created as a replica when absent).
    /// Refuses, writing nothing, when the destination holds commits `main` here does not contain,
    /// naming each with whether it verifies against the accounts here: a backup never makes a
    /// replica forget.
    ///
    /// `settingAside`: when none of those commits verifies and no checkpoint of the replica names
    /// one, they are kept under `refs/set-aside/<their head>` in the replica (nothing is deleted:
    /// `git fsck` and any later look still find them), the replica's `main` goes back to the last
    /// commit both hold, and the backup goes on. Signed acts are never set aside: they may be
    /// what `main` here lost.
    public func backup(to destination: String, settingAside: Bool = false) throws(LedgerError) -> BackupResult {
        let path = try Self.localPath(destination)
        guard let head = try head() else { throw .replica(path: path, problem: "there is nothing to back up yet") }
        let exists = FileManager.default.fileExists(atPath: path + "/HEAD")
        let replica = exists ? try Self.open(at: path) : try Self.createReplica(at: path)
        var added = try readable { () throws(LedgerError) in try commits().count }
        var setAside: (ref: String, commits: [ReplicaCommit])?
        if let theirs = try replica.head() {
            if (try? repo.isAncestor(theirs, of: head)) != true {
                let comparison = try history(against: replica)
                guard settingAside else {
                    let named = comparison.replicaOnly.prefix(3).map(\.line).joined(separator: "; ")
                        + (comparison.replicaOnly.count > 3 ? "; and \(comparison.replicaOnly.count - 3) more" : "")
                    throw .replica(path: path, problem: comparison.message + (named.isEmpty ? "" : " (\(named))")
                        + ". Nothing was written. Inspect them with 'recrepo verify --against \(destination)'. " + Self.advice(comparison, destination))
                }
                setAside = try replica.setAside(comparison, head: theirs)
            }
            added -= (try? replica.commits().count) ?? 0
        }
        let mirrored = try replica.head() == nil
        if mirrored {
            try readable { () throws(LedgerError) in try mirror(into: replica) }
        } else {
            let refspecs = try replicatedRefspecs()
            do { try repo.push(to: path, refspecs: refspecs) } catch { throw .git(error) }
        }
        return BackupResult(destination: path, head: head, added: added, mirrored: mirrored,
                            setAsideRef: setAside?.ref, setAside: setAside?.commits ?? [])
    }

    /// What to do about the commits only a replica holds, as `verify --against` and a refused
    /// backup say it: signed acts may be what `main` here lost; anything else can be set aside.
    public static func advice(_ comparison: ReplicaComparison, _ destination: String) -> String {
        if comparison.replicaOnly.isEmpty { return "Back up to another destination." }
        if comparison.replicaOnly.contains(where: \.verifies) {
            return "If main here lost them, restore it from the replica ('recrepo restore'); a backup refuses to overwrite them and never sets signed acts aside."
        }
        return "A backup refuses to overwrite them; once they are inspected, 'recrepo backup \(destination) --set-aside' keeps them in the replica under refs/set-aside/ and backs up main."
    }

    /// Keeps the commits only this replica holds under `refs/set-aside/<head>` and moves `main`
    /// back to the last commit both histories hold; refuses when one of them verifies or a
    /// checkpoint of this replica names one.
    private func setAside(_ comparison: ReplicaComparison, head: ObjectID) throws(LedgerError) -> (ref: String, commits: [ReplicaCommit]) {
        guard let base = comparison.base.flatMap(ObjectID.init(hex:)), !comparison.replicaOnly.isEmpty else {
            throw .replica(path: path, problem: comparison.message + "; there is no common commit to set main back to, so nothing was set aside")
        }
        let signed = comparison.replicaOnly.filter(\.verifies)
        guard signed.isEmpty else {
            throw .replica(path: path, problem: "\(signed.count) of the commits the replica holds that main here does not contain verify against the accounts here (the first \(signed[0].id.prefix(12))): signed acts are never set aside; nothing was written")
        }
        let extra = Set(comparison.missingHere)
        let tags = (try? repo.references(matching: Self.checkpointPrefix + "*")) ?? []
        for (name, tag) in tags {
            guard let text = try? repo.readObject(tag).data, let target = Checkpoints.target(ofTag: String(decoding: text, as: UTF8.self)),
                  extra.contains(target.hex) else { continue }
            throw .replica(path: path, problem: "checkpoint \(name) of the replica names \(target.short), one of the commits main here does not contain; nothing was set aside")
        }
        let ref = "refs/set-aside/" + head.hex
        try ledgerCall("set aside") {
            if try repo.resolve(ref) != head {
                try repo.compareAndSwap(ref, to: head, expected: nil, log: "recrepo: set aside \(extra.count) commits main of the source does not contain")
            }
            try repo.compareAndSwap(Self.mainRef, to: base, expected: head, log: "recrepo: main back to \(base.short), the last commit the source holds")
        }
        return (ref, comparison.replicaOnly)
    }

    /// Runs a step of a backup that reads this repository; a failure to read it says so and what to do.
    private func readable<T>(_ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        do { return try body() } catch {
            guard case .git(let cause) = error else { throw error }
            let packs = Verifier(ledger: self).packFailures(justIndexed: false).map(\.message)
            throw .replica(path: self.path, problem:
                "cannot be read completely (\(packs.first ?? cause.message)), so the backup stopped before the replica's main was set; run 'recrepo verify' here to find what is damaged")
        }
    }

    /// A new working repository at `destination` holding `source`'s `main` and checkpoints. The
    /// caller verifies it before use (and removes it when verification fails).
    public static func restore(from source: String, to destination: String) throws(LedgerError) -> Ledger {
        let path = try localPath(source)
        guard FileManager.default.fileExists(atPath: path + "/HEAD") else { throw .notARepository(path: path) }
        let origin = try open(at: path)
        let restored = try create(at: destination)
        do {
            try origin.mirror(into: restored)
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            // A damaged pack is named by its file rather than by what the indexer tripped over.
            let packs = Verifier(ledger: origin).packFailures(justIndexed: false).map(\.message)
            throw .replica(path: source, problem: "cannot be read completely, so nothing was restored: \(packs.first ?? error.description)")
        }
        return restored
    }
}

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
    /// Refuses, writing nothing, when the destination holds history that ours does not contain:
    /// a backup never makes a replica forget.
    public func backup(to destination: String) throws(LedgerError) -> BackupResult {
        let path = try Self.localPath(destination)
        guard let head = try head() else { throw .replica(path: path, problem: "there is nothing to back up yet") }
        let exists = FileManager.default.fileExists(atPath: path + "/HEAD")
        let replica = exists ? try Self.open(at: path) : try Self.createReplica(at: path)
        var added = try readable { () throws(LedgerError) in try commits().count }
        if let theirs = try replica.head() {
            guard (try? repo.isAncestor(theirs, of: head)) == true else {
                throw .replica(path: path, problem:
                    "the backup holds history (main at \(theirs.short)) that this repository does not contain; it was rolled back or rewritten here, or the backup belongs to another repository. Nothing was written; compare them with 'recrepo verify --against \(destination)'")
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
        return BackupResult(destination: path, head: head, added: added, mirrored: mirrored)
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

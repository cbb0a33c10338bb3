import Crypto
import Foundation
import Synchronization

/// Runs the checks of `recrepo verify` over everything reachable from `main`:
/// 1. every object reads back with its hash;
/// 2. every commit: one parent (root excepted), a valid SSHSIG by a key that the accounts in its
///    parent's tree held active for that signer at that time, author = committer = signer =
///    principal, complete trailers, `Signed-At` = commit time, times non-decreasing except where
///    a clock incident says why (`ClockOrder`);
/// 3. (with a replay) each act was allowed by the policy in force at its parent;
/// 4. every checkpoint is a system-signed tag on an ancestor of `main`.
public struct Verifier {
    let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    /// A commit waiting for its Ed25519 check, which runs in parallel once the walk is done.
    struct PendingSignature: Sendable {
        let commit: ObjectID
        let record: String
        let signature: SSHSignature.Parsed
        let signedData: Data
    }

    /// `justIndexed`: for a copy whose indexer has just hashed every object it received (a
    /// restore, a drill), commits and trees are read without hashing them again and blobs are
    /// looked up; every reachable object must still be there, and every commit and tree parse.
    public func run(replay: (any ActReplay)? = nil, justIndexed: Bool = false) -> VerificationReport {
        // The pack files are read on another core while this thread walks the objects.
        let packs = PackCheck(justIndexed ? nil : self)
        var report = walk(replay: replay, justIndexed: justIndexed)
        report.failures.insert(contentsOf: packs.failures(), at: 0)
        return report
    }

    private func walk(replay: (any ActReplay)?, justIndexed: Bool) -> VerificationReport {
        var report = VerificationReport()
        var pending: [PendingSignature] = []
        let repo = ledger.repo
        let head: ObjectID?
        do { head = try repo.resolve(Ledger.mainRef) } catch {
            report.failures.append(.init(check: "objects", commit: nil, record: nil, message: "cannot read main: \(error)"))
            return report
        }
        guard let head else { return report }
        var objects = ObjectWalk(repo: repo)
        objects.justIndexed = justIndexed
        let chain = walkChain(from: head, objects: &objects, report: &report)
        report.commits = chain.count
        var keys = KeyCache(repo: repo)
        var clock = ClockOrder()
        var previous: (time: Int64, tree: ObjectID?) = (Int64.min, nil)
        // Ed25519 checks run on other cores while this thread goes on reading objects.
        let signatures = SignatureChecks()
        // Check 3 runs on a thread of its own as well.
        let replays = replay.flatMap { ReplayPipeline(replay: $0, path: ledger.path) }
        for (index, link) in chain.enumerated() {
            // Read again (the walk read it a moment ago) and parsed in full only here: 100,000
            // parsed commits held at once would double verify's peak memory.
            let id = link.commit
            guard let data = try? objects.load(id).data else { break }
            let parentTree = index == 0 ? nil : previous.tree
            let changes = objects.walkChanges(from: parentTree, to: link.tree, commit: id, report: &report)
            // After this commit's checks, which look accounts up in its parent's tree.
            defer { keys.advance(from: parentTree, to: link.tree, changing: changes) }
            let parsed: ParsedCommit
            do { parsed = try ParsedCommit(data) } catch {
                report.failures.append(.init(check: "signature", commit: id.hex, record: nil, message: "the commit cannot be parsed: \(error)"))
                previous.tree = link.tree
                continue
            }
            let entry = (id: id, parsed: parsed)
            if let item = checkCommit(entry.id, entry.parsed, isRoot: index == 0, previous: previous, changes: changes,
                                      keys: &keys, clock: &clock, report: &report, replay: replays) {
                pending.append(item)
                if pending.count == SignatureChecks.chunk {
                    signatures.start(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            previous = (entry.parsed.committer.time, entry.parsed.tree)
        }
        signatures.start(pending)
        for bad in signatures.failures() {
            report.failures.append(.init(check: "signature", commit: bad.commit.hex, record: bad.record,
                                         message: "the signature does not match the commit's content"))
        }
        report.failures += replays?.finish() ?? []
        report.disputed = clock.disputed.compactMap { item in
            item.index < chain.count ? DisputedAct(commit: chain[item.index].commit.hex, incident: item.incident) : nil
        }
        report.awaitingIncident = clock.awaiting
        report.objects = objects.seen.count
        Checkpoints(ledger: ledger).verify(head: head, keys: &keys, report: &report)
        report.failures.sort { ($0.check == "objects" ? 0 : 1, $0.commit ?? "") < ($1.check == "objects" ? 0 : 1, $1.commit ?? "") }
        return report
    }

    /// Check 1 only: every object reachable from `main` reads back with its hash (and the
    /// checkpoint tags exist), as `git fsck` would find. With `justIndexed` (a copy whose indexer
    /// has just hashed every object), commits and trees are read unhashed and blobs looked up.
    /// The commits are read in order on this thread; their trees are then walked on every core.
    public func runObjectsOnly(justIndexed: Bool = false) -> VerificationReport {
        let packs = PackCheck(justIndexed ? nil : self)
        var report = walkObjects(justIndexed: justIndexed)
        report.failures.insert(contentsOf: packs.failures(), at: 0)
        return report
    }

    private func walkObjects(justIndexed: Bool) -> VerificationReport {
        var report = VerificationReport()
        let repo = ledger.repo
        guard let head = try? repo.resolve(Ledger.mainRef) else {
            report.failures.append(.init(check: "objects", commit: nil, record: nil, message: "main cannot be read"))
            return report
        }
        var objects = ObjectWalk(repo: repo)
        objects.justIndexed = justIndexed
        let chain = walkChain(from: head, objects: &objects, report: &report)
        report.commits = chain.count
        for (_, tag) in (try? repo.references(matching: Ledger.checkpointPrefix + "*")) ?? [] {
            report.checkpoints += 1
            _ = objects.read(tag, expecting: 4, commit: tag, report: &report)
        }
        let trees = ObjectWalk.walkTrees(of: chain, in: ledger.path, justIndexed: justIndexed)
        report.failures += trees.failures
        report.objects = objects.seen.union(trees.seen).count
        return report
    }

    /// Check 1 on the files: every pack agrees with its trailing checksum and its index (see
    /// `PackIntegrity`), so that a damaged pack is named rather than only its objects reported
    /// missing. Skipped for a copy whose indexer has just checked each pack's checksum.
    func packFailures(justIndexed: Bool = false) -> [VerificationFailure] {
        PackCheck(justIndexed ? nil : self).failures()
    }

    /// Follows first parents from `head` to the root, reading each commit with its hash checked.
    /// Only the tree and parent headers are read here; the full parse comes with check 2.
    private func walkChain(from head: ObjectID, objects: inout ObjectWalk,
                           report: inout VerificationReport) -> [(commit: ObjectID, tree: ObjectID)] {
        var chain: [(commit: ObjectID, tree: ObjectID)] = []
        var next: ObjectID? = head
        while let id = next {
            guard let data = objects.read(id, expecting: 1, commit: id, report: &report) else { break }
            guard let header = ParsedCommit.treeAndParent(data) else {
                report.failures.append(.init(check: "signature", commit: id.hex, record: nil,
                                             message: "the commit cannot be parsed: it does not start with its tree and parent"))
                break
            }
            chain.append((id, header.tree))
            next = header.parent
        }
        return chain.reversed()
    }

}

/// Ed25519 verification of commit signatures in chunks on the global queue, started while the
/// walk goes on; `failures()` waits for every chunk.
final class SignatureChecks: Sendable {
    static let chunk = 1_024
    private let group = DispatchGroup()
    private let bad = Mutex<[Verifier.PendingSignature]>([])

    func start(_ items: [Verifier.PendingSignature]) {
        guard !items.isEmpty else { return }
        DispatchQueue.global().async(group: group) {
            let failed = items.filter { !SSHSignature.isValid($0.signature, for: $0.signedData) }
            if !failed.isEmpty { self.bad.withLock { $0 += failed } }
        }
    }

    /// The commits whose signature does not verify (the report sorts its failures).
    func failures() -> [Verifier.PendingSignature] {
        group.wait()
        return bad.withLock { $0 }
    }
}

import Foundation
import RecordRepo

extension Records {
    /// A recovery drill: restores a copy of `source` (default: this repository) into a temporary
    /// place, verifies it completely (all four checks), checks that it is the source's `main`,
    /// measures how far it lags `main` here and the checkpoints (`CopyLag`), and signs the result
    /// with its figures as an act (meaning backup-drill): passed, stale or failed. Equal heads and
    /// a complete verify of the copy mean every reachable object is equal: the restore's indexer
    /// hashed each one, the verify finds each reachable one present, and its IDs are those of the
    /// source.
    public func drill(from source: String?, reason: String, by session: Session) throws(DocumentsError) -> Drill {
        try session.requireSigningAllowed()
        if let permission = DrillKind.record.permission {
            try policy().require(permission, of: session.account, to: DrillKind.record.action)
        }
        let origin = source ?? ledger.path
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed(since begin: UInt64) -> Int { Int((DispatchTime.now().uptimeNanoseconds - begin) / 1_000_000) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-drill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var problems: [String] = []
        var head: ObjectID?, commits = 0, objects = 0, bytes = 0, verifyTime = 0
        var lag: Drill.Lag?
        var restored: Ledger?
        do { restored = try Ledger.restore(from: origin, to: scratch.appendingPathComponent("records").path) } catch {
            problems.append("restore failed: \(error.description)")
        }
        let restoreTime = elapsed(since: start)
        if let restored {
            let begin = DispatchTime.now().uptimeNanoseconds
            let report = restored.verify(replay: RecordsReplay(checklist: checklist), justIndexed: true)
            verifyTime = elapsed(since: begin)
            commits = report.commits
            objects = report.objects
            problems += report.failures.prefix(20).map { "verify [\($0.check)] \($0.commit.map { String($0.prefix(12)) } ?? "-"): \($0.message)" }
            head = try? restored.head()
            // The copy must be the source's main (a backup may have moved while it was copied).
            if let theirs = try? Ledger.open(at: Ledger.localPath(origin)).head(), theirs != head {
                problems.append("the copy differs from its source: main there is \(theirs.short), the copy's \(head?.short ?? "none")")
            }
            do {
                if let measured = try restored.lag(behind: [("main here", ledger)]) {
                    if let divergence = measured.divergence { problems.append(divergence) }
                    lag = Drill.Lag(acts: measured.acts, copyEndsAt: measured.copy.time, newest: measured.newest.name,
                                    newestCommit: measured.newest.commit, newestAt: measured.newest.time)
                }
            } catch {
                problems.append("how far the copy lags main here cannot be measured: \(error.description)")
            }
            bytes = Self.size(of: scratch.appendingPathComponent("records/objects"))
        }
        let summary = Drill(id: "", result: Drill.result(problems: problems, lag: lag), source: source ?? "this repository",
                            head: head?.hex, commits: commits, objects: objects, bytes: bytes, restoreMilliseconds: restoreTime,
                            verifyMilliseconds: verifyTime, totalMilliseconds: elapsed(since: start), problems: problems,
                            performedBy: session.account.id, performedAt: "", lag: lag)
        return try withNewID(.drill) { (id, basedOn) throws(DocumentsError) in
            var named = summary
            named.id = id
            return try perform(DrillKind.record, of: DrillKind.declaration, id: id, input: named, reason: reason,
                               by: session, basedOn: basedOn)
        }
    }

    static func size(of folder: URL) -> Int {
        var total = 0
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey])
        while let file = walker?.nextObject() as? URL {
            total += (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }
}

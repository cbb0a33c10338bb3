import Foundation
import RecordRepo

extension Records {
    /// A recovery drill: restores a copy of `source` (default: this repository) into a temporary
    /// place, verifies it completely (all four checks), compares its `main` and checkpoints with
    /// the source, and signs the result with its figures as an act (meaning backup-drill), pass or
    /// fail. Equal heads and a complete verify of the copy mean every reachable object is equal:
    /// the restore's indexer hashed each one, the verify finds each reachable one present, and
    /// its IDs are those of the source.
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
            if let comparison = try? restored.compare(with: origin), !comparison.ok || comparison.replicaBehind > 0 {
                problems.append("the copy differs from its source: \(comparison.message)")
            }
            bytes = Self.size(of: scratch.appendingPathComponent("records/objects"))
        }
        let summary = Drill(id: "", result: problems.isEmpty ? .pass : .fail, source: source ?? "this repository",
                            head: head?.hex, commits: commits, objects: objects, bytes: bytes, restoreMilliseconds: restoreTime,
                            verifyMilliseconds: verifyTime, totalMilliseconds: elapsed(since: start), problems: problems,
                            performedBy: session.account.id, performedAt: "")
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

import Foundation

/// The result of a recovery drill (Annex 11 §7.2): a copy restored from a backup (or from the
/// repository itself), verified completely and compared with its source. Stored at
/// `drill/<shard>/DRILL-000001.json`, created once, never changed.
public struct Drill: Codable, Sendable, Equatable {
    /// `pass`: the copy restored, verified, and holds every act known when the drill ran.
    /// `fail`: something went wrong (`problems` says what). `stale`: the copy restored and verified,
    /// but it ends before the newest act known (`lag` says by how many and since when): restoring
    /// it would lose those acts, which an auditor must not read as a passed drill.
    public enum Result: String, Codable, Sendable { case pass, fail, stale }

    /// How far the restored copy lagged the newest point of history the drill knew of: `main`
    /// where the drill ran, or a checkpoint. Absent in drills recorded before it was measured.
    public struct Lag: Codable, Sendable, Equatable {
        /// Acts the copy lacked.
        public var acts: Int
        /// The signing time of the copy's last commit.
        public var copyEndsAt: String
        /// What the newest point is: `main here`, `checkpoint 000000003 of main here`.
        public var newest: String
        public var newestCommit: String
        public var newestAt: String

        public init(acts: Int, copyEndsAt: String, newest: String, newestCommit: String, newestAt: String) {
            self.acts = acts
            self.copyEndsAt = copyEndsAt
            self.newest = newest
            self.newestCommit = newestCommit
            self.newestAt = newestAt
        }

        /// One sentence for people: where the copy ended and the newest point the drill knew of.
        public var sentence: String {
            let later = acts == 0 ? "the copy holds it" : "\(acts) act\(acts == 1 ? "" : "s") later, which the copy lacks"
            return "the copy ends at \(copyEndsAt); the newest known is \(newest) at commit \(newestCommit.prefix(12)) (\(newestAt)): \(later)"
        }
    }

    public var id: String
    public var result: Result
    /// Where the copy was restored from: `this repository` or the backup's path.
    public var source: String
    /// The head of `main` of the restored copy (nil when nothing could be restored).
    public var head: String?
    public var commits: Int
    public var objects: Int
    /// Bytes of the restored copy's object database.
    public var bytes: Int
    public var restoreMilliseconds: Int
    public var verifyMilliseconds: Int
    public var totalMilliseconds: Int
    /// What failed, each in one sentence; empty when the drill passed.
    public var problems: [String]
    public var performedBy: String
    /// The drill act's signing time.
    public var performedAt: String
    /// How far the copy lagged the newest point known (nil when nothing was restored, and in
    /// drills recorded before it was measured).
    public var lag: Lag?

    public init(id: String, result: Result, source: String, head: String?, commits: Int, objects: Int, bytes: Int,
                restoreMilliseconds: Int, verifyMilliseconds: Int, totalMilliseconds: Int, problems: [String],
                performedBy: String, performedAt: String, lag: Lag? = nil) {
        self.id = id
        self.result = result
        self.source = source
        self.head = head
        self.commits = commits
        self.objects = objects
        self.bytes = bytes
        self.restoreMilliseconds = restoreMilliseconds
        self.verifyMilliseconds = verifyMilliseconds
        self.totalMilliseconds = totalMilliseconds
        self.problems = problems
        self.performedBy = performedBy
        self.performedAt = performedAt
        self.lag = lag
    }

    /// The one result a drill with these findings has: it fails exactly when it found a problem,
    /// and is stale exactly when it found none but its copy lacks acts known to it.
    public static func result(problems: [String], lag: Lag?) -> Result {
        if !problems.isEmpty { return .fail }
        return (lag?.acts ?? 0) > 0 ? .stale : .pass
    }

    /// One line with the figures, as the drill's act summary shows them.
    public var summary: String {
        let seconds = Double(totalMilliseconds) / 1000
        let verdict = switch result {
        case .pass: "passed"
        case .fail: "FAILED"
        case .stale: "STALE, \(lag?.acts ?? 0) act\(lag?.acts == 1 ? "" : "s") behind"
        }
        return "Recovery drill \(verdict): \(commits) commits, \(objects) objects, \(bytes) bytes, "
            + "head \(head.map { String($0.prefix(12)) } ?? "none"), \(String(format: "%.1f", seconds)) s"
    }
}

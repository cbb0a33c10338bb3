import Foundation

/// The result of a recovery drill (Annex 11 §7.2): a copy restored from a backup (or from the
/// repository itself), verified completely and compared with its source. Stored at
/// `drill/<shard>/DRILL-000001.json`, created once, never changed.
public struct Drill: Codable, Sendable, Equatable {
    public enum Result: String, Codable, Sendable { case pass, fail }

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

    public init(id: String, result: Result, source: String, head: String?, commits: Int, objects: Int, bytes: Int,
                restoreMilliseconds: Int, verifyMilliseconds: Int, totalMilliseconds: Int, problems: [String],
                performedBy: String, performedAt: String) {
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
    }

    /// One line with the figures, as the drill's act summary shows them.
    public var summary: String {
        let seconds = Double(totalMilliseconds) / 1000
        return "Recovery drill \(result == .pass ? "passed" : "FAILED"): \(commits) commits, \(objects) objects, \(bytes) bytes, "
            + "head \(head.map { String($0.prefix(12)) } ?? "none"), \(String(format: "%.1f", seconds)) s"
    }
}

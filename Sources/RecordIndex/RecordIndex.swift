import Documents
import Foundation
import GRDB
import GRDBSQLite
import RecordRepo

/// A derived SQLite index of the history of `main`, for queries that git answers slowly: the
/// field history of a record, the audit trail filtered by user, kind, equipment or day.
///
/// It lives beside the repository at `<repo>/recrepo/index.sqlite` and is never replicated. It is a
/// projection of git history and never trusted over it: `update()` follows `main` and rebuilds when
/// `main` no longer contains what was indexed, `check()` compares it with a fresh rebuild, and the
/// file can be deleted at any time. Queries answer as of the last `update()`; call it first.
///
/// Not `Sendable`, like the ledger it reads: one thread uses an index at a time. Several processes
/// may share the file; updates are serialized by SQLite's write lock.
public final class RecordIndex {
    /// The index file.
    public let path: String
    let ledger: Ledger
    /// Replaced, whole, when SQLite finds the file damaged (`replaceFile()`).
    private(set) var queue: DatabaseQueue

    /// A folder of this process's own that holds a temporary index, removed with the index.
    private var temporaryFolder: URL?

    /// Opens the index of `records`, creating it (empty: the next `update()` fills it) when it is
    /// missing, of another schema version, or not a readable SQLite file.
    public static func open(for records: Records) throws(IndexError) -> RecordIndex {
        try RecordIndex(ledger: records.ledger, path: indexPath(of: records))
    }

    /// Whether the index beside `records` can be created and kept up to date here: false on a
    /// read-only copy (a mounted backup, a folder this user may not write).
    public static func isWritable(for records: Records) -> Bool {
        let path = indexPath(of: records)
        guard access(records.ledger.sidecar.path, W_OK) == 0 else { return false }
        return ["", "-wal", "-shm"].allSatisfy { access(path + $0, F_OK) != 0 || access(path + $0, W_OK) == 0 }
    }

    /// An index built in a temporary folder of its own, for a copy whose index cannot be written;
    /// the folder is removed when the index is released.
    public static func temporary(for records: Records) throws(IndexError) -> RecordIndex {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-index-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .database(path: folder.path, operation: "be created", message: "\(error)")
        }
        let index = try RecordIndex(ledger: records.ledger, path: folder.appendingPathComponent("index.sqlite").path)
        index.temporaryFolder = folder
        return index
    }

    deinit {
        guard let temporaryFolder else { return }
        try? queue.close()
        try? FileManager.default.removeItem(at: temporaryFolder)
    }

    private static func indexPath(of records: Records) -> String {
        records.ledger.sidecar.appendingPathComponent("index.sqlite").path
    }

    init(ledger: Ledger, path: String) throws(IndexError) {
        self.ledger = ledger
        self.path = path
        do {
            queue = try Self.openQueue(path)
        } catch {
            // Derived data: a damaged or foreign file is replaced, never repaired.
            Self.removeFile(path)
            do { queue = try Self.openQueue(path) } catch {
                throw Self.wrap(error, path: path, operation: "be opened")
            }
        }
    }

    static func openQueue(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(30)
        // Temporary data in memory: the sorts of CREATE INDEX at the end of a rebuild, and the
        // statement journal each CREATE INDEX keeps of the freed pages it reuses, went to files
        // of their own, about ten thousand writes at the one-threaded end of a rebuild.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY") }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in _ = try IndexSchema.prepare(db) }
        return queue
    }

    static func removeFile(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Opens an empty index in place of the file, which SQLite found damaged.
    func replaceFile() throws(IndexError) {
        try? queue.close()
        Self.removeFile(path)
        do { queue = try Self.openQueue(path) } catch { throw Self.wrap(error, path: path, operation: "be replaced") }
    }

    /// Indexes every act on `main` after the last indexed one, in one transaction. When the last
    /// indexed commit is no longer on `main` (history rewritten or rolled back) the index is
    /// rebuilt from the first act and `warning` says so, as it does when SQLite finds the file
    /// damaged (`writeReplacingDamaged`). One new act costs one act's work, whatever the length of
    /// the history.
    @discardableResult
    public func update() throws(IndexError) -> IndexUpdate {
        try writeReplacingDamaged("be updated") { db in try self.update(in: db) }
    }

    /// Empties the index and indexes every act on `main` again, in one transaction; a file SQLite
    /// finds damaged is replaced, and `warning` says so.
    @discardableResult
    public func rebuild() throws(IndexError) -> IndexUpdate {
        try rebuild(chunk: RowPipeline.chunk, workers: RowPipeline.workers)
    }

    /// `rebuild()` with the rows worked out by `workers` threads in chunks of `chunk` acts, up to
    /// `early` of them while the chain is walked (tests use small chunks to cross many chunk
    /// boundaries on a small history, and `lockstep` to take the early path whatever the timing).
    /// `pendingRecords`: how many changed records wait before they are written (`MemoryRecordTable`).
    @discardableResult
    func rebuild(chunk: Int, workers: Int, early: Int = RowPipeline.early, lockstep: Bool = false,
                 pendingRecords: Int = MemoryRecordTable.pending) throws(IndexError) -> IndexUpdate {
        try writeReplacingDamaged("be rebuilt") { db in
            try self.indexAll(in: db, head: try self.ledger.head(), chunk: chunk, workers: workers, early: early,
                              lockstep: lockstep, pendingRecords: pendingRecords)
        }
    }

    private func update(in db: Database) throws -> IndexUpdate {
        let meta = try db.cachedStatement(sql: "SELECT last_commit, act_count FROM meta WHERE id = 1").step(db) {
            (last: columnText($0, 0), count: Int(sqlite3_column_int64($0, 1)))
        }
        let last = meta?.last
        let count = meta?.count ?? 0
        guard let head = try ledger.head() else {
            guard let last else { return IndexUpdate(indexed: 0, rebuilt: false, warning: nil, head: nil) }
            try IndexSchema.clear(db)
            return IndexUpdate(indexed: 0, rebuilt: true, warning: Self.rewritten(last), head: nil)
        }
        if head.hex == last { return IndexUpdate(indexed: 0, rebuilt: false, warning: nil, head: last) }
        guard let last else { return try indexAll(in: db, head: head) }
        // Walk back from the head to the last indexed act: the cost follows the number of new acts.
        guard let lastCommit = ObjectID(hex: last), let pending = try ledger.acts(after: lastCommit, upTo: head) else {
            let rebuilt = try indexAll(in: db, head: head)
            return IndexUpdate(indexed: rebuilt.indexed, rebuilt: true, warning: Self.rewritten(last), head: head.hex)
        }
        let reader = ActReader(ledger: ledger)
        let writer = try ActWriter(db: db, first: count + 1, records: try SQLRecordTable(db: db))
        for act in pending {
            try writer.write(try reader.rows(of: act, files: try ledger.changedFiles(of: act.commit)))
        }
        try writer.finish()
        return IndexUpdate(indexed: pending.count, rebuilt: false, warning: nil, head: head.hex)
    }

    /// Empties the index and indexes every act up to `head`, with the query indexes dropped
    /// during the load. The chain of acts is walked and its rows worked out from git on other
    /// threads (`RowPipeline`) while this one empties the tables, then writes the rows in history order.
    private func indexAll(in db: Database, head: ObjectID?, chunk: Int = RowPipeline.chunk, workers: Int = RowPipeline.workers,
                          early: Int = RowPipeline.early, lockstep: Bool = false,
                          pendingRecords: Int = MemoryRecordTable.pending) throws -> IndexUpdate {
        let pipeline = head.map { RowPipeline(path: ledger.path, head: $0, size: chunk, workers: workers, early: early, lockstep: lockstep) }
        defer { pipeline?.stop() }
        try IndexSchema.clear(db)
        guard let head, let pipeline else { return IndexUpdate(indexed: 0, rebuilt: true, warning: nil, head: nil) }
        return try IndexSchema.withoutIndexes(db) {
            let writer = try ActWriter(db: db, first: 1, records: MemoryRecordTable(db: db, pending: pendingRecords))
            var count = 0
            while let chunk = try pipeline.next() {
                for rows in chunk { try writer.write(rows) }
                count += chunk.count
            }
            try writer.finish()
            return IndexUpdate(indexed: count, rebuilt: true, warning: nil, head: head.hex)
        }
    }

    private static func rewritten(_ last: String) -> String {
        "the index ended at \(last.prefix(12)), which is no longer on main: the history was rewritten or rolled back; "
            + "the index was rebuilt from the first act. 'recrepo verify' checks main against the checkpoints."
    }

    /// Runs `body` in one immediate write transaction, turning failures into `IndexError`; a
    /// failure rolls the transaction back.
    ///
    /// `BEGIN` and `COMMIT` come from the connection's statement cache: GRDB's `inTransaction`
    /// prepares both again at every call, which was a tenth of an update of one act.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(IndexError) -> T {
        do { return try transaction(body) } catch { throw Self.wrap(error, path: path, operation: operation) }
    }

    /// `write` without turning the failure into an `IndexError`.
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
            do {
                let result = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return result
            } catch {
                if db.isInsideTransaction { try? db.rollback() }
                throw error
            }
        }
    }

    /// Runs a read, turning failures into `IndexError`.
    func read<T>(_ body: (Database) throws -> T) throws(IndexError) -> T {
        do { return try queue.read(body) } catch { throw Self.wrap(error, path: path, operation: "be read") }
    }

    static func wrap(_ error: any Error, path: String, operation: String) -> IndexError {
        switch error {
        case let error as IndexError: error
        case let error as LedgerError: .ledger(error)
        case let error as DatabaseError: .database(path: path, operation: operation, message: error.message ?? "\(error)")
        default: .database(path: path, operation: operation, message: "\(error)")
        }
    }
}

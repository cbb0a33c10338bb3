import Foundation

/// The signed ledger: a bare git repository whose `main` is a linear chain of signed acts.
///
/// Part 11 facts that hold for everything written through this type:
/// - every change is one commit whose author and committer are the signer (§11.10(e), §11.50);
/// - the commit carries an SSHSIG Ed25519 signature over its own bytes, which cover the tree and
///   therefore every record (§11.70): moving a signature to another commit breaks it;
/// - time comes from the injected clock (the system clock in production), never from the caller,
///   and never goes backwards along `main`;
/// - nothing is ever removed from history: `main` only moves forward, by compare-and-swap.
///
/// Not `Sendable`: one thread uses a ledger at a time; open another for another thread.
public final class Ledger {
    public static let mainRef = "refs/heads/main"
    public static let checkpointPrefix = "refs/tags/checkpoints/"

    let repo: GitRepository
    public let path: String
    public let clock: LedgerClock
    /// Lock files left by an interrupted write that this ledger removed while holding the write lock.
    public internal(set) var recoveredLocks: [String] = []
    /// How long a writer waits for another to release the write lock before it gives up, naming
    /// the holder. An act holds the lock for milliseconds; a longer wait means a stuck process.
    public var lockWait: Duration = .seconds(20)
    /// Trees parsed by `changedFiles(of:)`, kept between calls: an act's parent's trees are the
    /// ones the act before it made, so following `main` act by act (the index's incremental
    /// update) reads each tree once. Bounded (see `TreeCache`); trees never change.
    lazy var changeTrees = TreeCache(repo: repo)

    /// The folder beside the records that is never part of history: keystore, system key, index.
    public var sidecar: URL { URL(fileURLWithPath: path).appendingPathComponent("recrepo") }

    private init(repo: GitRepository, path: String, clock: LedgerClock) {
        self.repo = repo
        self.path = path
        self.clock = clock
    }

    /// Opens an existing repository.
    public static func open(at path: String, clock: LedgerClock = .system) throws(LedgerError) -> Ledger {
        try open(at: path, clock: clock) { path throws(GitError) in try GitRepository.open(bareAt: path) }
    }

    /// Opens an existing repository for reader number `reader` of several threads that read it
    /// side by side: its pack files are opened for it alone, so that the threads do not wait on
    /// one another's object reads (`GitRepository.open(bareAt:reader:)`).
    public static func open(at path: String, reader: Int) throws(LedgerError) -> Ledger {
        try open(at: path, clock: .system) { path throws(GitError) in try GitRepository.open(bareAt: path, reader: reader) }
    }

    private static func open(at path: String, clock: LedgerClock,
                             repository: (String) throws(GitError) -> GitRepository) throws(LedgerError) -> Ledger {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path + "/HEAD"),
              FileManager.default.fileExists(atPath: path + "/objects", isDirectory: &isDirectory),
              isDirectory.boolValue
        else { throw .notARepository(path: path) }
        do {
            return Ledger(repo: try repository(path), path: path, clock: clock)
        } catch { throw .notARepository(path: path) }
    }

    /// Creates a new, empty bare repository (no commits yet) and its sidecar folder.
    public static func create(at path: String, clock: LedgerClock = .system) throws(LedgerError) -> Ledger {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? ["?"]
            guard contents.isEmpty else { throw .alreadyExists(path: path) }
        }
        do {
            let repo = try GitRepository.create(bareAt: path)
            let ledger = Ledger(repo: repo, path: path, clock: clock)
            try manager.createDirectory(at: ledger.sidecar, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            return ledger
        } catch let error as GitError {
            throw .git(error)
        } catch {
            throw .notARepository(path: path)
        }
    }

    /// The commit `main` points at, or nil before the first act.
    public func head() throws(LedgerError) -> ObjectID? {
        do { return try repo.resolve(Self.mainRef) } catch { throw .git(error) }
    }

    /// Lock files (`*.lock`) inside the repository: each one is a write that was interrupted or is
    /// under way right now. Read-only commands report them; writers remove them under the write lock.
    public func lockFiles() -> [String] {
        let base = URL(fileURLWithPath: path)
        var found: [String] = []
        for name in ["HEAD.lock", "config.lock", "packed-refs.lock"]
        where FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path) {
            found.append(name)
        }
        if let walker = FileManager.default.enumerator(atPath: base.appendingPathComponent("refs").path) {
            while let item = walker.nextObject() as? String {
                if item.hasSuffix(".lock") { found.append("refs/" + item) }
            }
        }
        return found
    }
}

import Foundation

/// What `writeBundle` wrote.
public struct BundleResult: Sendable, Equatable {
    /// A reference named in the bundle and the object it points at.
    public struct Reference: Sendable, Equatable {
        public let name: String
        public let target: ObjectID
    }

    /// `refs/heads/main` first, then the checkpoint tags (each pointing at its tag object).
    public let references: [Reference]
    /// Objects in the bundle's pack.
    public let objects: Int
    /// Size of the bundle file in bytes.
    public let bytes: Int
}

extension Ledger {
    /// Writes the whole history as a git bundle (format v2) at `path`, a file that must not exist
    /// yet: stock git alone can check it (`git bundle verify`) and clone it (`git clone`), and the
    /// clone holds every signed commit, so `git verify-commit` checks every signature (§11.10(b),
    /// Annex 11 §17).
    ///
    /// The bundle names `HEAD` and `refs/heads/main` (the head of `main`) and every checkpoint tag,
    /// and carries a pack of every object reachable from them, built by libgit2's packbuilder. It
    /// has no prerequisites: it is complete on its own. `HEAD` is there so that a clone checks
    /// `main` out. Nothing is left at `path` when writing fails.
    @discardableResult
    public func writeBundle(to path: String) throws(LedgerError) -> BundleResult {
        guard let head = try head() else { throw .cannotWrite(path: path, problem: "there is no history to bundle yet") }
        let tags: [(name: String, target: ObjectID)]
        do { tags = try repo.references(matching: Self.checkpointPrefix + "*").sorted { $0.name < $1.name } } catch {
            throw .git(error)
        }
        let references = [BundleResult.Reference(name: Self.mainRef, target: head)] + tags.map { .init(name: $0.name, target: $0.target) }
        var header = "# v2 git bundle\n"
        for reference in [.init(name: "HEAD", target: head)] + references { header += "\(reference.target.hex) \(reference.name)\n" }
        header += "\n"

        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .cannotWrite(path: path, problem: errno == EEXIST ? "it exists already; choose a new file" : String(cString: strerror(errno)))
        }
        var written = 0, failure: String?
        func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { failure = String(cString: strerror(errno)); return false }
                offset += count
            }
            written += bytes.count
            return true
        }
        var objects = 0
        do {
            _ = Data(header.utf8).withUnsafeBytes { write($0) }
            if failure == nil {
                objects = try repo.pack(reachableFrom: [head], tags: tags.map(\.target), into: write)
            }
            if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        } catch {
            failure = failure ?? error.description
        }
        if Glibc.close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(path)
            throw .cannotWrite(path: path, problem: failure)
        }
        return BundleResult(references: references, objects: objects, bytes: written)
    }
}

import Foundation
import Synchronization
internal import CGit2

extension GitRepository {
    /// The repository's `objects` folder.
    func objectsDirectory() throws(GitError) -> String {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try git("git_repository_item_path") { git_repository_item_path(&buffer, handle, GIT_REPOSITORY_ITEM_OBJECTS) }
        return String(cString: buffer.ptr)
    }

    /// The pack files in `objects/pack`, each complete (git never stores a thin pack), in name order.
    func packFiles() throws(GitError) -> [String] {
        let folder = try objectsDirectory() + "/pack"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("pack-") && $0.hasSuffix(".pack") }.sorted().map { folder + "/" + $0 }
    }

    /// The IDs of the loose objects, listed by libgit2's loose backend alone (packed objects apart).
    func looseObjects() throws(GitError) -> [ObjectID] {
        let folder = try objectsDirectory()
        var odb: OpaquePointer?
        try git("git_odb_new") { git_odb_new(&odb) }
        defer { git_odb_free(odb) }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try git("git_odb_backend_loose") { git_odb_backend_loose(&backend, folder, -1, 0, 0, 0) }
        try git("git_odb_add_backend") { git_odb_add_backend(odb, backend, 1) }
        var ids: [ObjectID] = []
        try git("git_odb_foreach") {
            withUnsafeMutablePointer(to: &ids) { list in
                git_odb_foreach(odb, { oid, payload in
                    guard let oid, let payload else { return -1 }
                    payload.assumingMemoryBound(to: [ObjectID].self).pointee.append(ObjectID(oid.pointee))
                    return 0
                }, list)
            }
        }
        return ids
    }

    /// Streams the pack file at `file` through libgit2's indexer into this repository: every
    /// object is inflated and hashed, deltas are resolved, and the pack's trailing checksum is
    /// checked before the pack and its index are moved into place. A damaged pack adds nothing.
    func indexPack(at file: String) throws(GitError) {
        guard let input = FileHandle(forReadingAtPath: file) else {
            throw GitError(code: -1, errorClass: 0, message: "\(file) cannot be read", call: "indexPack")
        }
        defer { try? input.close() }
        do {
            try withPackWriter { (append) throws(GitError) in
                while true {
                    let chunk: Data
                    do { chunk = try input.read(upToCount: 1 << 20) ?? Data() } catch {
                        throw GitError(code: -1, errorClass: 0, message: "cannot be read: \(error)", call: "indexPack")
                    }
                    if chunk.isEmpty { break }
                    try append(chunk)
                }
            }
        } catch {
            // Named as git names it (`objects/pack/pack-….pack`), so that the person knows which file.
            let name = file.split(separator: "/").suffix(3).joined(separator: "/")
            throw GitError(code: error.code, errorClass: error.errorClass, message: "\(name): \(error.message)", call: error.call)
        }
    }

    /// Adds `pack` (a whole pack, header to checksum) to the object database through libgit2's
    /// indexer, which hashes every object, resolves deltas (taking bases missing from a thin pack
    /// from the repository), and writes and fsyncs the pack and its index.
    func writePack(_ pack: Data) throws(GitError) {
        try withPackWriter { (append) throws(GitError) in try append(pack) }
    }

    /// Opens an indexer on the object database, lets `feed` append the pack's bytes, then commits.
    private func withPackWriter(_ feed: ((Data) throws(GitError) -> Void) throws(GitError) -> Void) throws(GitError) {
        let odb = try objectDatabase()
        var writer: UnsafeMutablePointer<git_odb_writepack>?
        try git("git_odb_write_pack") { git_odb_write_pack(&writer, odb, nil, nil) }
        guard let writer else { throw GitError(code: -1, errorClass: 0, message: "no pack writer", call: "git_odb_write_pack") }
        defer { writer.pointee.free(writer) }
        var progress = git_indexer_progress()
        try feed { (data) throws(GitError) in
            try git("writepack.append") {
                data.withUnsafeBytes { raw in writer.pointee.append(writer, raw.baseAddress, raw.count, &progress) }
            }
        }
        try git("writepack.commit") { writer.pointee.commit(writer, &progress) }
    }
}

extension GitRepository {
    /// At most this many packs are indexed at once.
    static let packIndexers = 8

    /// Indexes the pack files `files` into the bare repository at `path`, each on a thread (and a
    /// handle) of its own, up to `packIndexers` at once; the first failure stops the rest and is
    /// thrown. More threads than cores: the cores are shared among all the packs to the end, where
    /// one thread per core would leave the last pack of an odd count to run alone on one core.
    static func indexPacks(_ files: [String], into path: String) throws(GitError) {
        guard !files.isEmpty else { return }
        let shared = PackIndexing(files: files, path: path)
        let group = DispatchGroup()
        for _ in 0..<min(files.count, packIndexers) {
            group.enter()
            Thread {
                shared.work()
                group.leave()
            }.start()
        }
        group.wait()
        if let error = shared.failure.withLock({ $0 }) { throw error }
    }
}

/// The packs of one `indexPacks` call, taken by its threads one at a time.
private final class PackIndexing: Sendable {
    let files: [String]
    let path: String
    let next = Atomic<Int>(0)
    let failure = Mutex<GitError?>(nil)

    init(files: [String], path: String) {
        self.files = files
        self.path = path
    }

    func work() {
        do throws(GitError) {
            let repo = try GitRepository.open(bareAt: path)
            while failure.withLock({ $0 == nil }) {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { break }
                try repo.indexPack(at: files[index])
            }
        } catch {
            failure.withLock { $0 = $0 ?? error }
        }
    }
}

import Foundation
internal import CGit2

/// A second handle on a repository whose writes go to memory (libgit2's mempack backend) until
/// `persist()` writes them all to the real object database as one pack, with one fsync.
/// Nothing written through it exists on disk before `persist()`; dropping it discards everything.
final class MemoryPack {
    let repo: GitRepository
    private let backend: UnsafeMutablePointer<git_odb_backend>

    /// Opens the bare repository at `path` again, with an in-memory backend in front of its disk.
    init(bareAt path: String) throws(GitError) {
        let opened = try GitRepository.open(bareAt: path)
        var odb: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&odb, opened.handle) }
        defer { git_odb_free(odb) }
        var made: UnsafeMutablePointer<git_odb_backend>?
        try git("git_mempack_new") { git_mempack_new(&made) }
        guard let made else { throw GitError(code: -1, errorClass: 0, message: "no mempack", call: "git_mempack_new") }
        // The odb owns the backend from here on and frees it with the repository.
        try git("git_odb_add_backend") { git_odb_add_backend(odb, made, 999) }
        repo = opened
        backend = made
    }

    /// Forgets every object written to memory (after they were written to disk as a pack, or to
    /// abandon them).
    func discard() throws(GitError) {
        try git("git_mempack_reset") { git_mempack_reset(backend) }
    }
}

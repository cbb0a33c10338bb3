import Foundation
internal import CGit2

extension GitRepository {
    /// Builds, with libgit2's packbuilder, a pack of every object reachable from `commits` (their
    /// whole history, trees and blobs) and the annotated `tags` (each with what it points at), and
    /// hands it to `sink` chunk by chunk as libgit2 writes it, header and trailing checksum
    /// included. `sink` returns false to stop. Returns the number of objects in the pack.
    func pack(reachableFrom commits: [ObjectID], tags: [ObjectID],
              into sink: (UnsafeRawBufferPointer) -> Bool) throws(GitError) -> Int {
        var builder: OpaquePointer?
        try git("git_packbuilder_new") { git_packbuilder_new(&builder, handle) }
        defer { git_packbuilder_free(builder) }
        var walk: OpaquePointer?
        try git("git_revwalk_new") { git_revwalk_new(&walk, handle) }
        defer { git_revwalk_free(walk) }
        for commit in commits {
            var oid = commit.raw
            try git("git_revwalk_push") { git_revwalk_push(walk, &oid) }
        }
        try git("git_packbuilder_insert_walk") { git_packbuilder_insert_walk(builder, walk) }
        for tag in tags {
            var oid = tag.raw
            try git("git_packbuilder_insert_recur") { git_packbuilder_insert_recur(builder, &oid, nil) }
        }
        try withoutActuallyEscaping(sink) { (escapable) throws(GitError) in
            var context = PackSink(write: escapable)
            _ = try withUnsafeMutablePointer(to: &context) { (pointer) throws(GitError) in
                try git("git_packbuilder_foreach") {
                    git_packbuilder_foreach(builder, { buffer, size, payload in
                        guard let payload else { return -1 }
                        let sink = payload.assumingMemoryBound(to: PackSink.self)
                        return sink.pointee.write(UnsafeRawBufferPointer(start: buffer, count: size)) ? 0 : -1
                    }, pointer)
                }
            }
        }
        return git_packbuilder_object_count(builder)
    }
}

/// The Swift side of `git_packbuilder_foreach`'s callback, passed through its payload pointer.
private struct PackSink {
    let write: (UnsafeRawBufferPointer) -> Bool
}

import Foundation
internal import CGit2

/// What libgit2 parsed out of one commit, copied into values.
struct RawCommit {
    let id: ObjectID
    let tree: ObjectID
    let parents: [ObjectID]
    let authorName: String, authorEmail: String, authorTime: Int64, authorOffset: Int32
    let committerName: String, committerEmail: String, committerTime: Int64, committerOffset: Int32
    let message: String
}

extension GitRepository {
    func commit(_ id: ObjectID) throws(GitError) -> RawCommit {
        var oid = id.raw
        var commit: OpaquePointer?
        try git("git_commit_lookup") { git_commit_lookup(&commit, handle, &oid) }
        defer { git_commit_free(commit) }
        let parents = (0..<git_commit_parentcount(commit)).compactMap { index in
            git_commit_parent_id(commit, index).map(ObjectID.init)
        }
        func person(_ sig: UnsafePointer<git_signature>?) -> (String, String, Int64, Int32) {
            guard let sig else { return ("", "", 0, 0) }
            return (String(cString: sig.pointee.name), String(cString: sig.pointee.email),
                    sig.pointee.when.time, sig.pointee.when.offset)
        }
        let author = person(git_commit_author(commit))
        let committer = person(git_commit_committer(commit))
        let message = git_commit_message_raw(commit).map { String(cString: $0) } ?? ""
        return RawCommit(
            id: id, tree: ObjectID(git_commit_tree_id(commit)), parents: parents,
            authorName: author.0, authorEmail: author.1, authorTime: author.2, authorOffset: author.3,
            committerName: committer.0, committerEmail: committer.1, committerTime: committer.2,
            committerOffset: committer.3, message: message)
    }

    /// The exact bytes a commit would have, unsigned; nothing is written.
    func commitBuffer(tree: ObjectID, parent: ObjectID?, name: String, email: String, time: Int64,
                      message: String) throws(GitError) -> Data {
        var signature: UnsafeMutablePointer<git_signature>?
        try git("git_signature_new") { git_signature_new(&signature, name, email, time, 0) }
        defer { git_signature_free(signature) }
        var treeOID = tree.raw
        var treeObject: OpaquePointer?
        try git("git_tree_lookup") { git_tree_lookup(&treeObject, handle, &treeOID) }
        defer { git_tree_free(treeObject) }
        var parentObject: OpaquePointer?
        if var parentOID = parent?.raw {
            try git("git_commit_lookup") { git_commit_lookup(&parentObject, handle, &parentOID) }
        }
        defer { git_commit_free(parentObject) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        var parents: [OpaquePointer?] = parentObject.map { [$0] } ?? []
        try git("git_commit_create_buffer") {
            parents.withUnsafeMutableBufferPointer { list in
                git_commit_create_buffer(&buffer, handle, signature, signature, nil, message, treeObject,
                                         list.count, list.baseAddress)
            }
        }
        return Data(bytes: buffer.ptr, count: buffer.size)
    }

    /// Writes a commit whose `gpgsig` header holds `signature` (armor without its final newline).
    func createSignedCommit(_ content: Data, signature: String) throws(GitError) -> ObjectID {
        var oid = git_oid()
        let text = String(decoding: content, as: UTF8.self)
        try git("git_commit_create_with_signature") {
            git_commit_create_with_signature(&oid, handle, text, signature, nil)
        }
        return ObjectID(oid)
    }

    /// The `gpgsig` header and the exact bytes it signs, or nil when the commit is unsigned.
    func signature(of id: ObjectID) throws(GitError) -> (signature: Data, signed: Data)? {
        var oid = id.raw
        var sig = git_buf(), data = git_buf()
        defer { git_buf_dispose(&sig); git_buf_dispose(&data) }
        let code = git_commit_extract_signature(&sig, &data, handle, &oid, nil)
        if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try git("git_commit_extract_signature") { code }
        return (Data(bytes: sig.ptr, count: sig.size), Data(bytes: data.ptr, count: data.size))
    }

    /// The first-parent chain from `head` back to the root, oldest first.
    func firstParentChain(from head: ObjectID) throws(GitError) -> [ObjectID] {
        var walk: OpaquePointer?
        try git("git_revwalk_new") { git_revwalk_new(&walk, handle) }
        defer { git_revwalk_free(walk) }
        try git("git_revwalk_sorting") {
            git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue)
        }
        try git("git_revwalk_simplify_first_parent") { git_revwalk_simplify_first_parent(walk) }
        var start = head.raw
        try git("git_revwalk_push") { git_revwalk_push(walk, &start) }
        var result: [ObjectID] = []
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walk)
            if code == GIT_ITEROVER.rawValue { git_error_clear(); break }
            try git("git_revwalk_next") { code }
            result.append(ObjectID(oid))
        }
        return result
    }
}

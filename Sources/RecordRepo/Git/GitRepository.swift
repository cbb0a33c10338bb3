import Foundation
internal import CGit2

/// The single owner of a `git_repository *`. Not `Sendable`: one thread at a time uses it
/// ("Send, not Sync"); parallel readers open their own handle.
final class GitRepository {
    let handle: OpaquePointer
    let path: String

    private init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    /// The object database, taken once: verification reads every object through it.
    private var odbHandle: OpaquePointer?

    deinit {
        git_odb_free(odbHandle)
        git_repository_free(handle)
    }

    func objectDatabase() throws(GitError) -> OpaquePointer? {
        if let odbHandle { return odbHandle }
        try git("git_repository_odb") { git_repository_odb(&odbHandle, handle) }
        return odbHandle
    }

    /// Opens an existing bare repository without searching parent directories.
    static func open(bareAt path: String) throws(GitError) -> GitRepository {
        GitLibrary.setUp()
        var repo: OpaquePointer?
        try git("git_repository_open_bare") { git_repository_open_bare(&repo, path) }
        guard let repo else { throw GitError(code: -1, errorClass: 0, message: "no repository", call: "open") }
        return GitRepository(handle: repo, path: path)
    }

    /// Opens an existing bare repository for reader number `reader` of several threads that read
    /// it side by side, with pack files of its own.
    ///
    /// libgit2 opens each pack file once per process, under its path, for every handle, and an
    /// object read takes that pack's locks: the threads of a rebuild waited on one another about
    /// 30,000 times per 100,000 acts. This handle's object database is opened at a spelling of
    /// the objects folder that is the reader's own (`objects/.`, `objects/./.`, …), under which
    /// libgit2 opens the packs again: the same files and objects, with caches and locks of their
    /// own. Readers that share a number share the packs, as every handle did before.
    static func open(bareAt path: String, reader: Int) throws(GitError) -> GitRepository {
        let repo = try open(bareAt: path)
        var odb: OpaquePointer?
        let objects = path + "/objects" + String(repeating: "/.", count: 1 + max(0, reader))
        try git("git_odb_open") { git_odb_open(&odb, objects) }
        defer { git_odb_free(odb) }
        try git("git_repository_set_odb") { git_repository_set_odb(repo.handle, odb) }
        return repo
    }

    /// Creates a new bare repository whose HEAD names `refs/heads/main`.
    static func create(bareAt path: String) throws(GitError) -> GitRepository {
        GitLibrary.setUp()
        var options = git_repository_init_options()
        try git("git_repository_init_options_init") {
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
        }
        options.flags = GIT_REPOSITORY_INIT_BARE.rawValue | GIT_REPOSITORY_INIT_MKPATH.rawValue
            | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        var repo: OpaquePointer?
        let code = "main".withCString { head in
            options.initial_head = head
            return git_repository_init_ext(&repo, path, &options)
        }
        try git("git_repository_init_ext") { code }
        guard let repo else { throw GitError(code: -1, errorClass: 0, message: "no repository", call: "init") }
        return GitRepository(handle: repo, path: path)
    }

    // MARK: references

    /// The commit a reference points at, or nil when it does not exist.
    func resolve(_ name: String) throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, handle, name)
        if code == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try git("git_reference_name_to_id") { code }
        return ObjectID(oid)
    }

    /// Moves `name` to `new` only if it still holds `expected` (nil: must not exist yet).
    /// Throws a `GitError` with `isModified` when another writer got there first.
    func compareAndSwap(_ name: String, to new: ObjectID, expected: ObjectID?, log: String) throws(GitError) {
        var newOID = new.raw
        var ref: OpaquePointer?
        if let expected {
            var old = expected.raw
            try git("git_reference_create_matching") {
                git_reference_create_matching(&ref, handle, name, &newOID, 1, &old, log)
            }
        } else {
            try git("git_reference_create") { git_reference_create(&ref, handle, name, &newOID, 0, log) }
        }
        git_reference_free(ref)
    }

    /// Names of references matching a glob, e.g. `refs/tags/checkpoints/*`.
    func references(matching glob: String) throws(GitError) -> [(name: String, target: ObjectID)] {
        var iterator: OpaquePointer?
        try git("git_reference_iterator_glob_new") { git_reference_iterator_glob_new(&iterator, handle, glob) }
        defer { git_reference_iterator_free(iterator) }
        var result: [(String, ObjectID)] = []
        while true {
            var ref: OpaquePointer?
            let code = git_reference_next(&ref, iterator)
            if code == GIT_ITEROVER.rawValue { git_error_clear(); break }
            try git("git_reference_next") { code }
            defer { git_reference_free(ref) }
            guard let name = git_reference_name(ref), let target = git_reference_target(ref) else { continue }
            result.append((String(cString: name), ObjectID(target)))
        }
        return result
    }

    /// True when `ancestor` is `descendant` or one of its ancestors.
    func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws(GitError) -> Bool {
        if ancestor == descendant { return true }
        var a = descendant.raw, b = ancestor.raw
        return try git("git_graph_descendant_of") { git_graph_descendant_of(handle, &a, &b) } == 1
    }

    // MARK: objects

    /// Reads an object through the object database, which checks its content against its hash.
    func readObject(_ id: ObjectID) throws(GitError) -> (type: Int32, data: Data) {
        let odb = try objectDatabase()
        var object: OpaquePointer?
        var oid = id.raw
        try git("git_odb_read") { git_odb_read(&object, odb, &oid) }
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        let data = git_odb_object_data(object).map { Data(bytes: $0, count: size) } ?? Data()
        return (git_odb_object_type(object).rawValue, data)
    }

    /// Reads an object straight from the object database's backends, as git's own log and diff
    /// read it: zlib checks what it inflates, but the content is not hashed again against its ID,
    /// and libgit2's object cache is neither searched nor filled. For reads whose integrity is
    /// shown elsewhere: a copy whose indexer has just hashed every object (a restore), or the
    /// derived index, which shows what git shows while `verify` checks every hash. An object no
    /// backend finds is read through `readObject`, which refreshes the list of packs (added since
    /// this handle was opened) and says, hash checked, whether it is there.
    func readStoredObject(_ id: ObjectID) throws(GitError) -> (type: Int32, data: Data) {
        let odb = try objectDatabase()
        var oid = id.raw
        for position in 0..<git_odb_num_backends(odb) {
            var backend: UnsafeMutablePointer<git_odb_backend>?
            try git("git_odb_get_backend") { git_odb_get_backend(&backend, odb, position) }
            guard let backend, let read = backend.pointee.read else { continue }
            var buffer: UnsafeMutableRawPointer?
            var size = 0
            var type = GIT_OBJECT_INVALID
            let code = read(&buffer, &size, &type, backend, &oid)
            if code == GIT_ENOTFOUND.rawValue {
                git_error_clear()
                continue
            }
            try git("odb backend read") { code }
            defer { git_odb_backend_data_free(backend, buffer) }
            return (type.rawValue, buffer.map { Data(bytes: $0, count: size) } ?? Data())
        }
        return try readObject(id)
    }

    /// Whether the object database holds `id` (nothing is read or hashed).
    func contains(_ id: ObjectID) -> Bool {
        guard let odb = try? objectDatabase() else { return false }
        var oid = id.raw
        return git_odb_exists(odb, &oid) == 1
    }

    func writeBlob(_ data: Data) throws(GitError) -> ObjectID {
        var oid = git_oid()
        let code = data.withUnsafeBytes { raw in
            git_blob_create_from_buffer(&oid, handle, raw.baseAddress, raw.count)
        }
        try git("git_blob_create_from_buffer") { code }
        return ObjectID(oid)
    }

    func writeObject(_ data: Data, type: Int32) throws(GitError) -> ObjectID {
        let odb = try objectDatabase()
        var oid = git_oid()
        let code = data.withUnsafeBytes { raw in
            git_odb_write(&oid, odb, raw.baseAddress, raw.count, git_object_t(type))
        }
        try git("git_odb_write") { code }
        return ObjectID(oid)
    }

    /// A blob's bytes, its content hashed against its ID unless `rehash` is false (`readStoredObject`).
    func blob(_ id: ObjectID, rehash: Bool = true) throws(GitError) -> Data {
        guard rehash else {
            let object = try readStoredObject(id)
            guard object.type == GIT_OBJECT_BLOB.rawValue else {
                throw .wrongType(id, is: "type \(object.type) object", expected: "blob", call: "odb backend read")
            }
            return object.data
        }
        var oid = id.raw
        var blob: OpaquePointer?
        try git("git_blob_lookup") { git_blob_lookup(&blob, handle, &oid) }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: bytes, count: size)
    }
}

import Foundation
internal import CGit2

extension GitRepository {
    /// Pushes `refspecs` to `url`; a non-fast-forward update is refused (no `+` is ever used).
    func push(to url: String, refspecs: [String]) throws(GitError) {
        try withRemote(url) { (remote) throws(GitError) in
            var options = git_push_options()
            try git("git_push_options_init") { git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)) }
            try withStrings(refspecs) { (list) throws(GitError) in
                try git("git_remote_push") { git_remote_push(remote, &list, &options) }
            }
        }
    }

    /// Sets a boolean in this repository's own config (e.g. `receive.denyDeletes`).
    func setConfig(_ name: String, _ value: Bool) throws(GitError) {
        var config: OpaquePointer?
        try git("git_repository_config") { git_repository_config(&config, handle) }
        defer { git_config_free(config) }
        try git("git_config_set_bool") { git_config_set_bool(config, name, value ? 1 : 0) }
    }

    private func withRemote(_ url: String, _ body: (OpaquePointer?) throws(GitError) -> Void) throws(GitError) {
        var remote: OpaquePointer?
        try git("git_remote_create_anonymous") { git_remote_create_anonymous(&remote, handle, url) }
        defer { git_remote_free(remote) }
        try body(remote)
    }

    private func withStrings(_ strings: [String], _ body: (inout git_strarray) throws(GitError) -> Void) throws(GitError) {
        let pointers = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        var array: [UnsafeMutablePointer<CChar>?] = pointers
        try array.withUnsafeMutableBufferPointer { (buffer) throws(GitError) in
            var list = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            try body(&list)
        }
    }
}

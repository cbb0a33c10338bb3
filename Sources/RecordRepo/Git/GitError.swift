internal import CGit2

/// A libgit2 call that failed: its return code, libgit2's error class and message, and which call.
public struct GitError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Int32
    public let errorClass: Int32
    public let message: String
    public let call: String

    public var description: String { "\(call) failed (\(code)): \(message)" }

    /// `GIT_EMODIFIED`: a reference no longer holds the value we expected.
    public var isModified: Bool { code == -15 }
    /// `GIT_ELOCKED`: a `.lock` file is in the way.
    public var isLocked: Bool { code == -14 }
    /// `GIT_ENOTFOUND`.
    public var isNotFound: Bool { code == -3 }
    /// `GIT_EMISMATCH`: an object's content does not match its hash.
    public var isHashMismatch: Bool { code == -33 }

    /// `GIT_EINVALID`, as recrepo raises it for an object of another type than the one a path or
    /// a reference promised (a blob where a tree should be): the history is damaged, not missing.
    static func wrongType(_ id: ObjectID, is actual: String, expected: String, call: String) -> GitError {
        GitError(code: -21, errorClass: 0, message: "object \(id.hex) is a \(actual), not a \(expected)", call: call)
    }
}

/// The one checked-call helper: every libgit2 call goes through here. A negative code becomes a
/// `GitError` carrying libgit2's thread-local message, which is read at once and then cleared.
@discardableResult
func git(_ call: String = #function, _ body: () -> Int32) throws(GitError) -> Int32 {
    let code = body()
    guard code < 0 else { return code }
    var message = "unknown error"
    var klass: Int32 = 0
    if let last = git_error_last() {
        klass = last.pointee.klass
        if let text = last.pointee.message { message = String(cString: text) }
    }
    git_error_clear()
    throw GitError(code: code, errorClass: klass, message: message, call: call)
}

/// Why the ledger refused or failed. Each case carries what a person needs to act on it.
public enum LedgerError: Error, Sendable, CustomStringConvertible {
    case notARepository(path: String)
    case alreadyExists(path: String)
    case conflict(record: String, path: String, head: ObjectID)
    case clockBehind(last: String, now: String)
    /// A clock incident awaits qa's decision: nothing else may be signed until then.
    case incidentPending(incident: String)
    case invalidPath(String, String)
    case invalidText(field: String, problem: String)
    case emptyAct(record: String)
    case busy(attempts: Int)
    /// The signer's authority, checked again under the write lock, no longer holds at the head.
    case unauthorized(record: String, reason: String)
    case staleLock(path: String)
    /// Another writer held the write lock for longer than a writer waits.
    case lockHeld(path: String, holder: String, waited: Int)
    case objectCorrupt(id: ObjectID, detail: String)
    case replica(path: String, problem: String)
    /// A file the ledger was asked to write (a bundle) cannot be written; nothing is left there.
    case cannotWrite(path: String, problem: String)
    /// Something other than libgit2 failed during `call` (a file, an encoding): what and why.
    case failed(call: String, detail: String)
    case git(GitError)

    public var description: String {
        switch self {
        case .notARepository(let path):
            "\(path) is not a recrepo repository; create one with 'recrepo init' or pass --repo"
        case .alreadyExists(let path):
            "\(path) already holds a repository; choose an empty directory"
        case .conflict(let record, let path, let head):
            "\(record) changed since you read it (\(path) differs at \(head.short)); look at it again and sign again"
        case .clockBehind(let last, let now):
            "the system clock (\(now)) is behind the last act (\(last)); if the clock is right and that act's time is wrong (a clock set ahead), an administrator records a clock incident ('recrepo clock incident --reason …') for qa to approve; otherwise correct the clock before signing"
        case .incidentPending(let incident):
            "clock incident \(incident) awaits qa's decision ('recrepo clock approve \(incident)' or 'recrepo clock reject \(incident)'); nothing else can be signed until then"
        case .invalidPath(let path, let why):
            "'\(path.debugDescription.dropFirst().dropLast())' cannot be used as a record path: \(why)"
        case .invalidText(let field, let problem):
            "the \(field) cannot be used: \(problem)"
        case .emptyAct(let record):
            "the act on \(record) changes nothing"
        case .busy(let attempts):
            "main kept moving during \(attempts) attempts to append; try again"
        case .unauthorized(let record, let reason):
            "\(record) was not written: \(reason)"
        case .staleLock(let path):
            "\(path) is held by an interrupted write; no recrepo process is running, so remove it and retry"
        case .lockHeld(let path, let holder, let waited):
            "another writer has held the repository's write lock (\(path)) for more than \(waited) s: \(holder); nothing was written. Try again; if that process is stuck, stop it (the lock is released when it ends)"
        case .objectCorrupt(let id, let detail):
            "object \(id.hex) is damaged: \(detail)"
        case .replica(let path, let problem):
            "\(path): \(problem)"
        case .cannotWrite(let path, let problem):
            "cannot write \(path): \(problem)"
        case .failed(let call, let detail):
            "\(call) failed: \(detail)"
        case .git(let error):
            "repository error: \(error)"
        }
    }
}

/// Runs `body`, turning whatever it throws into a `LedgerError` (libgit2 failures become `.git`).
func ledgerCall<T>(_ call: String = #function, _ body: () throws -> T) throws(LedgerError) -> T {
    do {
        return try body()
    } catch let error as LedgerError {
        throw error
    } catch let error as GitError {
        throw .git(error)
    } catch {
        throw .failed(call: call, detail: "\(error)")
    }
}

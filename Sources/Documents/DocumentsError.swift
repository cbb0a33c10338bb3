import RecordRepo

/// Why a request was refused. Each case names the record or field, says why, and what to do.
public enum DocumentsError: Error, Sendable, CustomStringConvertible {
    case invalidField(record: String, field: String, reason: String)
    case notFound(record: String)
    case alreadyExists(record: String)
    case notPermitted(user: String, action: String, reason: String)
    case accountDisabled(user: String)
    case accountLocked(user: String)
    case wrongPassword(user: String, remaining: Int)
    case lockedOut(user: String, attempts: Int)
    case passwordChangeRequired(user: String, why: String)
    case weakPassword(reason: String)
    case keystore(KeystoreError)
    case ledger(LedgerError)

    public var description: String {
        switch self {
        case .invalidField(let record, let field, let reason):
            "\(record): the \(field) is not valid: \(reason)"
        case .notFound(let record): "\(record) does not exist"
        case .alreadyExists(let record):
            "\(record) exists already (IDs are never reused, even after an account is disabled); choose another"
        case .notPermitted(let user, let action, let reason): "\(user) may not \(action): \(reason)"
        case .accountDisabled(let user): "the account \(user) is disabled and can do nothing"
        case .accountLocked(let user):
            "the account \(user) is locked after repeated wrong passwords; an admin must reset it ('recrepo user reset \(user)')"
        case .wrongPassword(let user, let remaining):
            "wrong password for \(user); \(remaining) more failed attempt\(remaining == 1 ? "" : "s") will lock the account"
        case .lockedOut(let user, let attempts):
            "wrong password for \(user); after \(attempts) failed attempts the account is now locked and the event is recorded; an admin must reset it"
        case .passwordChangeRequired(let user, let why):
            "\(user) must change the password first (\(why)): run 'recrepo passwd'"
        case .weakPassword(let reason): "the new password is not acceptable: \(reason)"
        case .keystore(let error): error.description
        case .ledger(let error): error.description
        }
    }
}

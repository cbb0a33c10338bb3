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
    /// A record does not match its schema: `path` is the field as a JSON path (`title`,
    /// `steps[2].signedBy` with indexes from 0, `boundSOP.commit`; empty for the record itself).
    case schemaViolation(record: String, path: String, reason: String)
    /// A schema file cannot be used: it is not JSON, uses a keyword the validator does not
    /// implement, or refers to a definition that does not exist. A build defect, never user input.
    case invalidSchema(name: String, path: String, reason: String)
    /// A lifecycle refused an event: `from` is the record's status, `event` what was asked.
    case invalidTransition(record: String, from: String, event: String, reason: String)
    /// An audit-trail review was asked for, but no act was signed since the last review (`review`).
    case nothingToReview(review: String)
    /// An export cannot be written at `path`: the folder is not empty, or a file cannot be written.
    case cannotExport(path: String, reason: String)
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
        case .schemaViolation(let record, let path, let reason):
            path.isEmpty ? "\(record): the record \(reason)" : "\(record): the field \(path) \(reason)"
        case .invalidSchema(let name, let path, let reason):
            "the schema \(name) cannot be used\(path.isEmpty ? "" : " at \(path)"): \(reason) (this is a defect of the build, not of the records)"
        case .invalidTransition(let record, let from, let event, let reason):
            "\(record) is \(from), so '\(event)' is refused: \(reason)"
        case .nothingToReview(let review):
            "nothing to review: no act has been signed since the last audit-trail review (\(review))"
        case .cannotExport(let path, let reason): "cannot export to \(path): \(reason)"
        case .keystore(let error): error.description
        case .ledger(let error): error.description
        }
    }
}

import Documents
import HTTPTypes
import RecordIndex

/// Why the server refused a request. Each says what to do, and none reveals internals.
enum WebError: Error, CustomStringConvertible {
    /// A service refused the act or the read; its message names the record or field.
    case refused(DocumentsError)
    /// A form or JSON body the server cannot take: the field and why.
    case badInput(field: String, reason: String)
    /// No page or record at this address.
    case notFound(String)
    /// The person may not see or do this.
    case forbidden(String)
    /// The form's CSRF token is missing or not this session's.
    case forgedForm
    /// Not signed in, or the session ended.
    case signInRequired
    /// The body is larger than the server reads.
    case tooLarge(limit: Int)

    var status: HTTPResponse.Status {
        switch self {
        case .refused(let error): Self.status(of: error)
        case .badInput: .badRequest
        case .notFound: .notFound
        case .forbidden, .forgedForm: .forbidden
        case .signInRequired: .unauthorized
        case .tooLarge: .contentTooLarge
        }
    }

    var description: String {
        switch self {
        case .refused(let error): Self.message(of: error)
        case .badInput(let field, let reason): "\(field): \(reason)"
        case .notFound(let what): "\(what) does not exist here"
        case .forbidden(let why): why
        case .forgedForm: "the form was not sent from this session's page (its security token is missing or wrong); open the page again and resend it"
        case .signInRequired: "sign in first (a session ends after a time without use, or when you sign out)"
        case .tooLarge(let limit): "the request is larger than \(limit) bytes, the most this server reads; nothing was recorded"
        }
    }

    static func status(of error: DocumentsError) -> HTTPResponse.Status {
        switch error {
        case .notFound: .notFound
        case .notPermitted, .accountDisabled, .accountLocked, .lockedOut, .passwordChangeRequired, .wrongPassword: .forbidden
        case .alreadyExists, .invalidTransition, .nothingToReview: .conflict
        case .invalidField, .schemaViolation, .weakPassword, .cannotExport: .unprocessableContent
        case .invalidSchema, .keystore, .ledger: .serviceUnavailable
        }
    }

    /// The message a person sees. Storage failures say only that nothing was recorded; their
    /// detail goes to the server's log.
    static func message(of error: DocumentsError) -> String {
        switch error {
        case .invalidSchema, .keystore, .ledger:
            "the records could not be read or written just now; nothing was recorded. Try again, and tell the administrator if it persists"
        default: error.description
        }
    }

    /// Errors from the layers below, as the server reports them.
    static func from(_ error: any Error) -> WebError? {
        switch error {
        case let error as WebError: error
        case let error as DocumentsError: .refused(error)
        case let error as IndexError:
            if case .refused(let refusal) = error { .refused(refusal) } else { .refused(.invalidSchema(name: "index", path: "", reason: "\(error)")) }
        default: nil
        }
    }
}

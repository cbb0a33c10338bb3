import Documents
import RecordRepo

/// Why the derived index could not answer or be brought up to date. The index is never the record
/// of truth: every one of these can be cured by deleting `recrepo/index.sqlite*` and rebuilding.
public enum IndexError: Error, Sendable, CustomStringConvertible {
    /// SQLite refused an operation on the index file.
    case database(path: String, operation: String, message: String)
    /// Reading the history from the repository failed.
    case ledger(LedgerError)
    /// A date filter is not `YYYY-MM-DD`.
    case invalidDate(field: String, value: String)
    /// A commit named by the caller is not an indexed act on `main`.
    case unknownCommit(String)
    /// A stored row cannot be read back (a damaged or foreign index file).
    case corrupt(table: String, detail: String)
    /// What the index says of a signature is not what the commit it names says: the index file
    /// was edited or damaged, and nothing from it is shown.
    case disagrees(commit: String, field: String, index: String, history: String)
    /// A question asked of the index was refused by the records' own rules (a filter naming
    /// something that does not exist).
    case refused(DocumentsError)

    public var description: String {
        switch self {
        case .database(let path, let operation, let message):
            "the index \(path) could not \(operation): \(message); it holds nothing that git does not: delete it and it is built again from the history"
        case .ledger(let error):
            "the history could not be read for the index: \(error)"
        case .invalidDate(let field, let value):
            "\(field) '\(value)' is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31"
        case .unknownCommit(let commit):
            "\(commit) is not an act on main known to the index; bring the index up to date, or check the commit ID (40 hex digits)"
        case .corrupt(let table, let detail):
            "the index table \(table) holds a row that cannot be read (\(detail)); rebuild the index from the history"
        case .disagrees(let commit, let field, let index, let history):
            "the index says the \(field) of act \(commit.prefix(12)) is \(index.debugDescription), but the commit says \(history.debugDescription): the index file was altered or damaged, so nothing from it is shown; run 'recrepo index check' to see every difference, then 'recrepo index rebuild'"
        case .refused(let error):
            error.description
        }
    }
}

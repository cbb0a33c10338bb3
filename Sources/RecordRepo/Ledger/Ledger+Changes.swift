import Foundation

/// A file that one act changed: its path in the record tree and its blob before and after.
public struct ChangedFile: Sendable, Equatable {
    public let path: String
    /// The blob before the act; nil when the act created the file.
    public let old: ObjectID?
    /// The blob after the act; nil when the act removed the file.
    public let new: ObjectID?
}

extension Ledger {
    /// The files `commit` changed against its first parent (for the root act: every file it holds),
    /// in tree order. The cost follows the size of the change, not of the tree.
    public func changedFiles(of commit: ObjectID) throws(LedgerError) -> [ChangedFile] {
        try ledgerCall("changedFiles") {
            let raw = try repo.commit(commit)
            let parentTree = try raw.parents.first.map { try repo.commit($0).tree }
            return try repo.changedFiles(from: parentTree, to: raw.tree, trees: changeTrees)
        }
    }

    /// The bytes of one blob, e.g. one side of a `ChangedFile`; hashed against its ID unless
    /// `rehash` is false, for a reader of the whole history that shows what git shows (the index
    /// rebuild), as `git log -p` reads it.
    public func blob(_ id: ObjectID, rehash: Bool = true) throws(LedgerError) -> Data {
        try ledgerCall("blob") { try repo.blob(id, rehash: rehash) }
    }
}

import GRDB

extension RecordIndex {
    /// `write` for the operations that fill the index from git (update, rebuild). When SQLite finds
    /// the file damaged (a malformed page, or not a database at all), the file is replaced by an
    /// empty index and `body` runs again on it, which indexes the whole history; the result's
    /// `warning` says so. The index holds nothing that git does not, so nothing is lost; a damaged
    /// file is worth knowing about all the same (the disk, or a hand that edited it).
    func writeReplacingDamaged(_ operation: String, _ body: (Database) throws -> IndexUpdate) throws(IndexError) -> IndexUpdate {
        let damage: String
        do {
            return try transaction(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            damage = error.message ?? "\(error.resultCode)"
        } catch {
            throw Self.wrap(error, path: path, operation: operation)
        }
        try replaceFile()
        let result = try write(operation, body)
        let replaced = "the index file \(path) was damaged (\(damage)); it was replaced by a rebuild from the history"
        return IndexUpdate(indexed: result.indexed, rebuilt: true,
                           warning: [replaced, result.warning].compactMap { $0 }.joined(separator: "; "), head: result.head)
    }
}

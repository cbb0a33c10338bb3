import Foundation
import RecordRepo

extension Records {
    /// The record `id` of `kind` as of `commit` (default: head), or nil when it does not exist.
    public func record<T: Decodable>(_ type: T.Type, kind: RecordKind, id: String,
                                     at commit: ObjectID? = nil) throws(DocumentsError) -> T? {
        try decode(type, at: try Self.path(kind: kind, id: id), commit: commit)
    }

    static func path(kind: RecordKind, id: String) throws(DocumentsError) -> RecordPath {
        do { return try RecordPath(try RecordID.path(kind: kind, id: id)) } catch let error as LedgerError {
            throw .ledger(error)
        } catch let error as DocumentsError { throw error } catch { throw .notFound(record: id) }
    }

    static func bodyPath(sop id: String) throws(DocumentsError) -> RecordPath {
        do { return try RecordPath(try RecordID.sopBodyPath(id: id)) } catch let error as LedgerError {
            throw .ledger(error)
        } catch let error as DocumentsError { throw error } catch { throw .notFound(record: id) }
    }

    /// The next unused number of `kind` at `commit`: one more than the highest, found by walking
    /// down the last shard folders (three small reads, whatever the number of records).
    func nextNumber(of kind: RecordKind, at commit: ObjectID?) throws(DocumentsError) -> Int {
        var folder = kind.rawValue
        for _ in 0..<2 {
            let names: [String]
            do { names = try ledger.list(try RecordPath(folder), at: commit) } catch { throw .ledger(error) }
            guard let last = names.filter({ $0.allSatisfy(\.isNumber) }).max() else { return 1 }
            folder += "/" + last
        }
        let files: [String]
        do { files = try ledger.list(try RecordPath(folder), at: commit) } catch { throw .ledger(error) }
        let numbers = files.compactMap { name -> Int? in
            guard name.hasSuffix(".json"), let dash = name.firstIndex(of: "-") else { return nil }
            return Int(name[name.index(after: dash)...].dropLast(5))
        }
        return (numbers.max() ?? 0) + 1
    }

    /// Canonical JSON of a record, checked against its schema before anything is signed.
    static func encode<T: Encodable>(_ value: T, kind: RecordKind, record: String) throws(DocumentsError) -> Data {
        let data = try encode(value)
        try Schemas.validate(data, kind: kind, record: record)
        return data
    }

    /// `YYYY-MM-DD` (UTC) of a time: the day against which effective dates are compared.
    public static func day(_ time: Date) -> String { String(Timestamp.iso(time).prefix(10)) }

    /// The files a signer's decision rests on besides the record itself: their account and the
    /// policy. If either changes before the act lands, it is refused rather than re-signed.
    static func guards(for session: Session) throws(DocumentsError) -> [RecordPath] {
        [try Account.path(session.account.id), Policy.path]
    }

    /// Runs `create` with the next free ID, once more if another writer took that ID meanwhile.
    func withNewID<T>(_ kind: RecordKind, _ create: (String, ObjectID?) throws(DocumentsError) -> T) throws(DocumentsError) -> T {
        var attempt = 0
        while true {
            let basedOn = try head()
            let number = try nextNumber(of: kind, at: basedOn)
            let id = try RecordID.generatedID(kind: kind, number: number)
            do { return try create(id, basedOn) } catch .ledger(.conflict) where attempt < 3 {
                attempt += 1
            }
        }
    }
}

import Foundation
import RecordRepo

/// The records of one repository: the signed ledger plus the keystore beside it. Services
/// (accounts, later SOPs and jobs) are extensions that turn a person's request into a signed act.
public final class Records {
    public let ledger: Ledger
    public let keystore: Keystore
    /// Reads an SOP's checklist steps (its task-list items, in order, with the reading each asks
    /// for) from its markdown. The markdown parser lives in a layer above this one, so whoever
    /// opens the records supplies it.
    public let checklist: @Sendable (String) -> [ChecklistItem]
    /// Where the acts are signed (`host /dev/pts/1`), recorded in each act's Terminal trailer;
    /// nil: the library was used directly.
    public var terminal: String?

    public init(ledger: Ledger, checklist: @escaping @Sendable (String) -> [ChecklistItem]) {
        self.ledger = ledger
        self.keystore = Keystore(directory: ledger.sidecar)
        self.checklist = checklist
    }

    /// Records whose checklist reader gives the steps' text only: no step asks for a reading.
    public convenience init(ledger: Ledger, checklist: @escaping @Sendable (String) -> [String]) {
        self.init(ledger: ledger, checklist: ChecklistItem.plain(checklist))
    }

    public static func open(at path: String, clock: LedgerClock = .system,
                            checklist: @escaping @Sendable (String) -> [ChecklistItem]) throws(DocumentsError) -> Records {
        do { return Records(ledger: try Ledger.open(at: path, clock: clock), checklist: checklist) } catch { throw .ledger(error) }
    }

    public static func open(at path: String, clock: LedgerClock = .system,
                            checklist: @escaping @Sendable (String) -> [String]) throws(DocumentsError) -> Records {
        try open(at: path, clock: clock, checklist: ChecklistItem.plain(checklist))
    }

    /// The time of the library's clock: the system clock, or the one a test injects.
    public var now: Date { ledger.clock.now() }

    /// Decodes the record at `path` as of `commit` (default: head); nil when it does not exist.
    func decode<T: Decodable>(_ type: T.Type, at path: RecordPath, commit: ObjectID? = nil) throws(DocumentsError) -> T? {
        let data: Data?
        do { data = try ledger.read(path, at: commit) } catch { throw .ledger(error) }
        guard let data else { return nil }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw .invalidField(record: path.value, field: "content", reason: "the stored record cannot be read: \(error)")
        }
    }

    public func account(_ id: String, at commit: ObjectID? = nil) throws(DocumentsError) -> Account? {
        try decode(Account.self, at: try Account.path(id), commit: commit)
    }

    public func policy(at commit: ObjectID? = nil) throws(DocumentsError) -> Policy {
        try decode(Policy.self, at: Policy.path, commit: commit) ?? .standard
    }

    /// Every account, sorted by ID.
    public func accounts() throws(DocumentsError) -> [Account] {
        let names: [String]
        do { names = try ledger.list(try RecordPath("accounts")) } catch { throw .ledger(error) }
        var result: [Account] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            if let account = try account(String(name.dropLast(5))) { result.append(account) }
        }
        return result
    }

    func head() throws(DocumentsError) -> ObjectID? {
        do { return try ledger.head() } catch { throw .ledger(error) }
    }

    /// Encodes and appends an act that writes records, as `signer`, on the state read at `basedOn`.
    @discardableResult
    ///
    /// With a `session`, the person's authority (account active, key current, not locked out) is
    /// checked again under the write lock against the head the act is built on.
    func sign(_ act: Act, by signer: Signer, basedOn: ObjectID?, session: Session? = nil) throws(DocumentsError) -> Appended {
        var act = act
        act.extraTrailers = origin + act.extraTrailers
        var refusal: DocumentsError?
        do {
            return try ledger.append(act, by: signer, basedOn: basedOn) { head in
                guard let session else { return nil }
                refusal = authorityProblem(of: session, at: head)
                return refusal?.description
            }
        } catch .unauthorized where refusal != nil {
            throw refusal ?? .notFound(record: act.record)
        } catch { throw .ledger(error) }
    }

    /// The trailers that say where and with what an act was signed.
    var origin: [Trailers.Extra] {
        let place = terminal.flatMap { TextRules.problem(with: $0, maxLength: 200) == nil ? $0 : nil } ?? "library"
        return [Trailers.Extra(key: Trailers.terminalKey, value: place),
                Trailers.Extra(key: Trailers.versionKey, value: Version.software),
                Trailers.Extra(key: Trailers.schemaKey, value: Version.schemas)]
    }

    static func encode<T: Encodable>(_ value: T) throws(DocumentsError) -> Data {
        do { return try CanonicalJSON.encode(value) } catch {
            throw .invalidField(record: "\(T.self)", field: "content", reason: "cannot encode: \(error)")
        }
    }
}

import Crypto
import Foundation
import RecordRepo

/// One event of a record kind, declared once: who may sign it, what the signature means, the
/// cross-record checks it needs and what it changes. The service that makes an act and verify's
/// replay both run this declaration; neither has rules of its own. The one difference is declared
/// here too: `admit` holds rules on new input that the replay leaves out.
///
/// `Input` is what the person asks for (a step's note, a cancellation, a new job's fields). The
/// replay recovers it from the record the act wrote (`input`), then checks and applies the event
/// to the record before the act exactly as the service did, and requires the same result.
public struct RecordEvent<Record: Sendable, Input: Sendable>: Sendable {
    /// The event's name within its kind (`cancel`); the `Event` trailer says `<kind>.<name>`.
    public let name: String
    /// What the signature means.
    public let meaning: Meaning
    /// Who may sign it, through the policy; nil for acts on one's own account (a password
    /// change, the acknowledgement) and for the system's, whose checks say who may sign them.
    public let permission: Permission?
    /// True when it may be signed while the signer must still change a one-time or expired
    /// password (the password change itself).
    public let duringPasswordChange: Bool
    /// What the permission lets one do, for refusals: "cancel work orders".
    public let action: String
    /// True when the event creates the record (it must not exist before), false when it changes one.
    public let creates: Bool
    /// True when the record names the commit the act is built on: the act is then never rebuilt
    /// on a newer head (an audit-trail review names the last commit it covers).
    public let pinned: Bool
    /// The commit's first line, from the request and the record it gives.
    let summary: @Sendable (_ id: String, Input, Record) -> String
    /// The input that produced `written` (and the file beside it, for kinds that have one) from
    /// `before`, or nil when no input of this event can.
    let input: @Sendable (_ before: Record?, _ written: Record, _ body: Data?) -> Input?
    /// The file beside the record that the event writes (an SOP's markdown), or nil when it
    /// leaves that file as it was.
    let body: @Sendable (Input) -> Data?
    /// Other records the decision rests on: if one changes before the act lands, it is refused.
    let rests: @Sendable (Input) -> [(kind: RecordKind, id: String)]
    /// Cross-record checks against the records the act is built on.
    let check: @Sendable (_ before: Record?, Input, any RecordContext, Signing) throws(DocumentsError) -> Void
    /// Rules on new input that verify does not replay: limits added after acts were signed under
    /// looser rules (an SOP body's markdown bounds), which must not turn those acts into
    /// failures. Only for what stays harmless once stored: the renderer shows a stored body
    /// beyond the bounds as plain text instead of parsing it.
    let admit: @Sendable (_ before: Record?, Input) throws(DocumentsError) -> Void
    /// The record after the event: a pure function of the record before, the input and the signing.
    let apply: @Sendable (_ before: Record?, Input, Signing) throws(DocumentsError) -> Record
    /// Other records the act writes with this one, from the input and the records it is built on
    /// (a generated job advances its plan's schedule in the same act; an accepted request names
    /// its job), each made at the signing.
    /// Verify requires the act to change exactly these files besides the record's own, each with
    /// exactly these contents; an event that declares none may change nothing else.
    let companions: @Sendable (Input, any RecordContext) throws(DocumentsError) -> [Companion]

    public init(_ name: String, meaning: Meaning, permission: Permission?, action: String, creates: Bool = false,
                pinned: Bool = false, duringPasswordChange: Bool = false,
                summary: @escaping @Sendable (_ id: String, Input, Record) -> String,
                input: @escaping @Sendable (_ before: Record?, _ written: Record, _ body: Data?) -> Input?,
                body: @escaping @Sendable (Input) -> Data? = { _ in nil },
                rests: @escaping @Sendable (Input) -> [(kind: RecordKind, id: String)] = { _ in [] },
                check: @escaping @Sendable (_ before: Record?, Input, any RecordContext, Signing) throws(DocumentsError) -> Void
                    = { _, _, _, _ in },
                admit: @escaping @Sendable (_ before: Record?, Input) throws(DocumentsError) -> Void = { _, _ in },
                apply: @escaping @Sendable (_ before: Record?, Input, Signing) throws(DocumentsError) -> Record,
                companions: @escaping @Sendable (Input, any RecordContext) throws(DocumentsError) -> [Companion] = { _, _ in [] }) {
        self.name = name
        self.meaning = meaning
        self.permission = permission
        self.duringPasswordChange = duringPasswordChange
        self.action = action
        self.creates = creates
        self.pinned = pinned
        self.summary = summary
        self.input = input
        self.body = body
        self.rests = rests
        self.check = check
        self.admit = admit
        self.apply = apply
        self.companions = companions
    }

    /// The event's checks (those verify replays, then `admit`) and change, for a request: the
    /// record after it.
    func perform(_ before: Record?, _ input: Input, _ context: any RecordContext, _ signing: Signing) throws(DocumentsError) -> Record {
        try check(before, input, context, signing)
        try admit(before, input)
        return try apply(before, input, signing)
    }

    /// The event with its input type hidden, as the registry and the replay see it.
    var replayable: ReplayableEvent<Record> {
        ReplayableEvent(name: name, meaning: meaning, permission: permission, action: action, creates: creates,
                        duringPasswordChange: duringPasswordChange) {
            before, written, bodies, context, signing, checking, admitting throws(DocumentsError) in
            guard let input = input(before, written, bodies.after) else { return nil }
            // The file beside the record is the event's, or else as it was.
            guard (body(input) ?? bodies.before) == bodies.after else { return nil }
            if checking { try check(before, input, context, signing) }
            if checking, admitting { try admit(before, input) }
            var written: [String: Companion.Expected] = [:]
            for companion in try companions(input, context) { written[companion.path] = try companion.expected(at: signing) }
            return Replayed(record: try apply(before, input, signing), companions: written)
        }
    }
}

/// An event as verify replays it: from the record before and the record written, the record the
/// event gives (nil when no input of the event could have written that record).
public struct ReplayableEvent<Record: Sendable>: Sendable {
    public let name: String
    public let meaning: Meaning
    public let permission: Permission?
    public let action: String
    public let creates: Bool
    public let duringPasswordChange: Bool
    /// `checking` false leaves out the cross-record checks (only to show in tests that they matter);
    /// `admitting` adds the rules on new input, for acts signed by a release that applied them.
    let expected: @Sendable (_ before: Record?, _ written: Record, _ bodies: Bodies, any RecordContext, Signing, _ checking: Bool,
                             _ admitting: Bool) throws(DocumentsError) -> Replayed<Record>?
}

/// What an event gives on replay: its record, and the other records it writes with it (by path, their contents).
public struct Replayed<Record: Sendable>: Sendable {
    public let record: Record
    public let companions: [String: Companion.Expected]
}

/// Another file that an act writes beside its record: another record (a request accepted names
/// its job), made at the signing, or a file the record names by its SHA-256 and size (an
/// attachment), whose bytes verify checks against that digest.
public struct Companion: Sendable {
    public let path: String
    /// The contents at a signing; nil when only their digest is known (replayed from the record).
    let make: (@Sendable (Signing) throws(DocumentsError) -> Data)?
    /// For a file the record names by digest: the SHA-256 (hex) and size it must have.
    let digest: Digest?
    /// For a record: its kind and ID, whose schema its contents must meet.
    var schema: (kind: RecordKind, id: String)?

    /// The record `id` of `kind` that `make` gives at a signing, checked against the kind's schema like any record.
    static func record<T: Encodable & Sendable>(kind: RecordKind, id: String,
                                                _ make: @escaping @Sendable (Signing) throws(DocumentsError) -> T) throws(DocumentsError) -> Companion {
        Companion(path: try RecordID.path(kind: kind, id: id), make: { signing throws(DocumentsError) in
            try Records.encode(try make(signing))
        }, digest: nil, schema: (kind, id))
    }

    /// The record `id` of `kind` as `value`, the same whenever the act is signed: encoded once.
    static func record<T: Encodable & Sendable>(kind: RecordKind, id: String, value: T) throws(DocumentsError) -> Companion {
        let data = try Records.encode(value)
        return Companion(path: try RecordID.path(kind: kind, id: id), make: { @Sendable _ throws(DocumentsError) in data },
                         digest: nil, schema: (kind, id))
    }

    /// The file at `path` that the record names by `digest`: its bytes when the act is being made.
    static func file(at path: String, digest: Digest, bytes: Data?) -> Companion {
        guard let bytes else { return Companion(path: path, make: nil, digest: digest, schema: nil) }
        return Companion(path: path, make: { @Sendable _ throws(DocumentsError) in bytes }, digest: digest, schema: nil)
    }

    /// What the file must be, as verify checks it.
    func expected(at signing: Signing) throws(DocumentsError) -> Expected {
        if let digest { return .digest(digest) }
        guard let make else { throw .invalidField(record: path, field: "contents", reason: "nothing says what they are") }
        return .bytes(try make(signing))
    }

    /// A file's contents named by digest.
    public struct Digest: Sendable, Equatable {
        public let sha256: String
        public let size: Int

        public init(sha256: String, size: Int) {
            self.sha256 = sha256
            self.size = size
        }

        public init(of data: Data) {
            sha256 = SHA256.hash(data: data).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
            size = data.count
        }
    }

    /// A companion file as verify expects it.
    public enum Expected: Sendable, Equatable {
        case bytes(Data)
        case digest(Digest)

        /// Whether `data` is what is expected.
        func matches(_ data: Data) -> Bool {
            switch self {
            case .bytes(let bytes): data == bytes
            case .digest(let digest): data.count == digest.size && Digest(of: data) == digest
            }
        }
    }
}

/// The file beside a record (an SOP's markdown) before and after an act; nil where there is none.
public struct Bodies: Sendable {
    public let before: Data?
    public let after: Data?

    public init(before: Data?, after: Data?) {
        self.before = before
        self.after = after
    }
}

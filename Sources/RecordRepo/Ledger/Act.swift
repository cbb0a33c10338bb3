import Foundation

/// One signed act: the change of one record (or a small fixed set of files belonging to it), with
/// what the signature means and why. The ledger writes each act as exactly one commit.
public struct Act: Sendable {
    /// The record the act is about, as printed in the `Record` trailer.
    public var record: String
    /// The record's revision after the act, when the record has revisions.
    public var revision: Int?
    public var meaning: Meaning
    /// Which declared event of which record kind the act is (`wo.cancel`), written as the signed
    /// `Event` trailer so that verify replays exactly that event. Nil only for acts that predate it.
    public var event: String?
    public var reason: String
    /// The commit's first line, e.g. "Approve SOP-0001 revision 3".
    public var summary: String
    /// The files the act writes or removes.
    public var paths: [RecordPath]
    /// The content of `paths` (nil: remove), made from the signing time, so that times inside the
    /// records (key validity, creation) are exactly the commit's `Signed-At`.
    let render: @Sendable (_ signedAt: Date) throws -> [Data?]
    /// Further files the decision to sign rested on (the signer's account, the policy). If any of
    /// them, or any changed file, differs on `main` from the state the act was built on, the act
    /// is refused with a conflict instead of being re-signed on top.
    public var guards: [RecordPath]
    public var extraTrailers: [Trailers.Extra]
    /// When true, the act is only ever built on the head it was decided on (`basedOn`): if `main`
    /// moved meanwhile, `append` fails with `.conflict` instead of rebuilding it on the new head.
    /// For acts whose content names the commit they are built on (an audit-trail review names the
    /// last commit it covers, which must be its parent). A batch builds each act on the one
    /// before, so only the first act of a batch can be pinned meaningfully.
    public var pinnedToBase = false

    /// An act whose content does not depend on the signing time.
    public init(record: String, revision: Int?, meaning: Meaning, event: String? = nil, reason: String, summary: String,
                changes: [(path: RecordPath, data: Data?)], guards: [RecordPath] = [],
                extraTrailers: [Trailers.Extra] = []) {
        let contents = changes.map(\.data)
        self.init(record: record, revision: revision, meaning: meaning, event: event, reason: reason, summary: summary,
                  paths: changes.map(\.path), guards: guards, extraTrailers: extraTrailers) { _ in contents }
    }

    /// An act whose content is made from the signing time (one entry of the result per path).
    public init(record: String, revision: Int?, meaning: Meaning, event: String? = nil, reason: String, summary: String,
                paths: [RecordPath], guards: [RecordPath] = [], extraTrailers: [Trailers.Extra] = [],
                render: @escaping @Sendable (_ signedAt: Date) throws -> [Data?]) {
        self.event = event
        self.paths = paths
        self.render = render
        self.record = record
        self.revision = revision
        self.meaning = meaning
        self.reason = reason
        self.summary = summary
        self.guards = guards
        self.extraTrailers = extraTrailers
    }

    func trailers(signer: Signer, at time: Date) -> Trailers {
        let named = event.map { [Trailers.Extra(key: Trailers.eventKey, value: $0)] } ?? []
        return Trailers(record: record, revision: revision, meaning: meaning, signer: signer.principal,
                        signerName: signer.name, signedAt: time, reason: reason, extra: named + extraTrailers)
    }

    /// Checks the text that goes into the commit message: one line each, printable, not empty.
    func validate(signer: Signer) throws(LedgerError) {
        for (field, value) in [("record", record), ("reason", reason), ("summary", summary),
                               ("signer", signer.principal), ("signer name", signer.name)]
            + extraTrailers.map({ ("trailer \($0.key)", $0.value) }) + (event.map { [("event", $0)] } ?? []) {
            if let problem = TextRules.problem(with: value, maxLength: field == "reason" ? 1000 : 200) {
                throw .invalidText(field: field, problem: problem)
            }
        }
        if paths.isEmpty { throw .emptyAct(record: record) }
    }
}

/// Rules for text that ends up in trailers or record fields.
public enum TextRules {
    /// Why `value` cannot be used as a single line of text, or nil when it can.
    public static func problem(with value: String, maxLength: Int) -> String? {
        if value.trimmingCharacters(in: .whitespaces).isEmpty { return "it is empty" }
        if value.count > maxLength { return "it is longer than \(maxLength) characters" }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control
            || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator })
        {
            return "it contains a line break, NUL or another control character"
        }
        if value != value.trimmingCharacters(in: .whitespaces) { return "it starts or ends with a space" }
        return hiddenProblem(in: value)
    }

    /// Why `value` would read differently from what is signed (an invisible or direction-changing
    /// character, or bytes that were not UTF-8), or nil.
    public static func hiddenProblem(in value: String) -> String? {
        if let hidden = value.unicodeScalars.first(where: isHidden) {
            return "it contains U+\(String(hidden.value, radix: 16, uppercase: true)), an invisible or direction-changing character"
                + " that would make the text read differently from what is signed"
        }
        if value.unicodeScalars.contains("\u{FFFD}") { return "it contains bytes that are not UTF-8 text" }
        return nil
    }

    /// Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F) and zero-width
    /// characters (U+200B–U+200D, U+2060, U+FEFF).
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || (0x200B...0x200F).contains(value)
            || value == 0x2060 || value == 0xFEFF
    }
}

import Foundation
import RecordRepo

/// One record as an export holds it (§11.10(b)): its current content and every signed act that
/// changed it, each with its full signature manifestation (§11.50).
///
/// The JSON file (`json`) and the HTML page (`ExportPage`) are made from this value; a further
/// section (a field-level history) is added as a property here, a key in `json`, and a table in
/// `ExportPage.tables(for:)`.
public struct RecordExport: Sendable {
    /// One act on the record, as its commit's trailers give it.
    public struct Signature: Sendable, Equatable {
        public let commit: String
        /// ISO 8601 UTC.
        public let time: String
        /// The user ID.
        public let signer: String
        /// The printed name.
        public let name: String
        public let meaning: String
        public let reason: String
        public let revision: Int?
        /// The declared event (`wo.cancel`); nil on acts signed before events were declared.
        public let event: String?
        /// Where it was signed, and the versions of recrepo and of its schemas; nil on older acts.
        public let terminal: String?
        public let software: String?
        public let schemas: String?

        public init(_ act: ActInfo) {
            commit = act.commit.hex
            time = Timestamp.iso(act.time)
            signer = act.signer
            name = act.signerName
            meaning = act.meaning.rawValue
            reason = act.reason
            revision = act.revision
            event = act.event
            terminal = act.trailers.terminal
            software = act.trailers.softwareVersion
            schemas = act.trailers.schemaVersion
        }

        /// Where and with what it was signed, in one line: `host /dev/pts/1, recrepo 0.17.0`.
        public var origin: String? {
            guard let terminal else { return nil }
            return "\(terminal), recrepo \(software ?? "?"), \(schemas ?? "?")"
        }

        var json: JSONValue {
            .object(["commit": .string(commit), "time": .string(time), "signer": .string(signer), "name": .string(name),
                     "meaning": .string(meaning), "reason": .string(reason), "revision": revision.map { .integer(Int64($0)) } ?? .null,
                     "event": event.map(JSONValue.string) ?? .null, "terminal": terminal.map(JSONValue.string) ?? .null,
                     "recrepoVersion": software.map(JSONValue.string) ?? .null, "schemaVersion": schemas.map(JSONValue.string) ?? .null])
        }
    }

    /// One field changed by one act (creation: `old` nil), as `recrepo history` lists it.
    public struct FieldRow: Sendable, Equatable {
        public let act: Signature
        public let change: FieldChange

        var json: JSONValue {
            guard case .object(var fields) = act.json else { return .null }
            fields["field"] = .string(change.field)
            fields["old"] = change.old ?? .null
            fields["new"] = change.new ?? .null
            return .object(fields)
        }
    }

    public let id: String
    public let kind: RecordKind
    /// The record's JSON as it stands at the exported commit.
    public let record: JSONValue
    /// An SOP's markdown body (of its latest revision) at the exported commit; nil for other kinds.
    public let body: String?
    /// Every act that changed the record's files, oldest first.
    public let acts: [Signature]
    /// The field-level history: every field each act changed, oldest first.
    public let history: [FieldRow]

    public init(id: String, kind: RecordKind, record: JSONValue, body: String?, acts: [Signature], history: [FieldRow] = []) {
        self.id = id
        self.kind = kind
        self.record = record
        self.body = body
        self.acts = acts
        self.history = history
    }

    /// The `<ID>.json` file: `{id, kind, record, acts: [{commit, time, signer, name, meaning,
    /// reason, revision}], history: [the same and field, old, new]}` (and `body` for an SOP), in
    /// canonical JSON.
    public var json: Data {
        var fields: [String: JSONValue] = ["id": .string(id), "kind": .string(kind.rawValue), "record": record,
                                           "acts": .array(acts.map(\.json)), "history": .array(history.map(\.json))]
        if let body { fields["body"] = .string(body) }
        return CanonicalJSON.bytes(of: .object(fields))
    }
}

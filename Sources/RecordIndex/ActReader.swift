import Documents
import Foundation
import RecordRepo

/// Works out the rows of acts from git: reads the blobs each act changed, diffs them field by
/// field and renders the values as text. Pure reading: no access to the index, so a rebuild runs
/// it on a thread of its own, on a ledger of its own.
///
/// Not `Sendable`: it owns reads of its ledger and a cache.
final class ActReader {
    private let ledger: Ledger
    /// False in a rebuild, which reads the whole history as git's log does (`Ledger.blob(_:rehash:)`).
    private let rehash: Bool
    /// The JSON of blobs read lately. The version of a record that an act replaces is the one an
    /// earlier act wrote, usually not long before (a work order is started, then its steps are
    /// signed one by one): kept parsed, it is neither read nor parsed again.
    private var documents = RecentDocuments()

    init(ledger: Ledger, rehash: Bool = true) {
        self.ledger = ledger
        self.rehash = rehash
    }

    /// The files of one record that an act changed.
    private struct Group {
        let file: RecordFile
        var json: ChangedFile?
        var body: ChangedFile?
        var other: [ChangedFile] = []
    }

    /// The rows of `act`, which changed `files`.
    func rows(of act: ActInfo, files: [ChangedFile]) throws -> ActRows {
        let groups = Self.groups(of: files)
        var records: [RecordRows] = []
        // Records of two kinds may share an ID: their changes go in one row, in record order.
        var touched: [(record: String, fields: [FieldChange])] = []
        for group in groups {
            let (fields, after) = try changes(of: group)
            let file = group.file
            records.append(RecordRows(
                kind: file.kind, id: file.id,
                json: group.json.map { JSONWrite(path: $0.path, blob: $0.new?.hex, summary: RecordSummary(after, kind: file.kind, id: file.id)) },
                body: group.body.map { BodyWrite(blob: $0.new?.hex) }))
            if let same = touched.firstIndex(where: { $0.record == file.id }) {
                touched[same].fields += fields
            } else {
                touched.append((file.id, fields))
            }
        }
        let primary = groups.firstIndex { $0.file.id == act.record } ?? groups.indices.first
        return ActRows(act: act, records: records, primary: primary,
                       changes: touched.map { ChangeRow(record: $0.record, fields: ChangeList.text($0.fields)) })
    }

    /// The changed files grouped by record, in the order of their records' kinds and IDs.
    private static func groups(of files: [ChangedFile]) -> [Group] {
        var groups: [String: Group] = [:]
        for changed in files {
            let file = RecordFile(path: changed.path)
            let key = file.kind + "/" + file.id
            var group = groups[key] ?? Group(file: file)
            switch file.role {
            case .json: group.json = changed
            case .body: group.body = changed
            case .other: group.other.append(changed)
            }
            groups[key] = group
        }
        return groups.sorted { $0.key.utf8Precedes($1.key) }.map(\.value)
    }

    /// The field changes of one record (its JSON's fields, then its body's hunks, then other
    /// files'), and its JSON after the act (nil: removed, unchanged or not JSON).
    private func changes(of group: Group) throws -> ([FieldChange], after: JSONValue?) {
        var result: [FieldChange] = []
        var after: JSONValue?
        if let json = group.json {
            let oldValue = try document(json.old), newValue = try document(json.new)
            after = newValue.value
            if oldValue.isJSON, newValue.isJSON {
                result += FieldDiff.changes(from: oldValue.value, to: newValue.value)
            } else {
                // Not JSON (never written by recrepo): its lines stand in for its fields.
                result += text(field: "content", old: try json.old.map(read), new: try json.new.map(read))
            }
        }
        if let body = group.body {
            result += text(field: "body", old: try body.old.map(read), new: try body.new.map(read))
        }
        for file in group.other {
            let name = String(file.path.split(separator: "/").last ?? "")
            result += text(field: name, old: try file.old.map(read), new: try file.new.map(read))
        }
        return (result, after)
    }

    /// A JSON blob, parsed. Absent data is valid (a record that does not exist); present data must
    /// parse as JSON.
    private func document(_ blob: ObjectID?) throws -> (isJSON: Bool, value: JSONValue?) {
        guard let blob else { return (true, nil) }
        if let known = documents[blob] { return known }
        let parsed: (isJSON: Bool, value: JSONValue?)
        if let value = try? JSONParser.parse(try read(blob)) { parsed = (true, value) } else { parsed = (false, nil) }
        documents[blob] = parsed
        return parsed
    }

    private func read(_ blob: ObjectID) throws -> Data { try ledger.blob(blob, rehash: rehash) }

    /// Line hunks of a text file, under `field`; a removed file is one hunk with `new` nil.
    private func text(field: String, old: Data?, new: Data?) -> [FieldChange] {
        let oldText = old.map { String(decoding: $0, as: UTF8.self) }
        guard let new else {
            return oldText.map { [FieldChange(field: field, old: .string($0), new: nil)] } ?? []
        }
        return FieldDiff.bodyChanges(from: oldText, to: String(decoding: new, as: UTF8.self)).map {
            FieldChange(field: field, old: $0.old, new: $0.new)
        }
    }
}

/// Parsed JSON blobs, by blob, bounded: two generations of at most `limit` blobs each; a blob not
/// asked for during a whole generation is forgotten.
struct RecentDocuments {
    private var current: [ObjectID: (isJSON: Bool, value: JSONValue?)] = [:]
    private var previous: [ObjectID: (isJSON: Bool, value: JSONValue?)] = [:]
    private let limit = 4_096

    subscript(blob: ObjectID) -> (isJSON: Bool, value: JSONValue?)? {
        mutating get {
            if let known = current[blob] { return known }
            guard let known = previous.removeValue(forKey: blob) else { return nil }
            self[blob] = known
            return known
        }
        set {
            if current.count >= limit {
                previous = current
                current = [:]
            }
            current[blob] = newValue
        }
    }
}

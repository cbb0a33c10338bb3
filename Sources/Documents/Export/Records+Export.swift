import Foundation
import RecordRepo

extension Records {
    /// The kinds whose allowlist `id` passes, most specific first (an equipment ID may look like
    /// any other); refuses an ID that is no record ID at all, before it is used anywhere.
    static func candidateKinds(of id: String) throws(DocumentsError) -> [RecordKind] {
        let kinds = RecordKind.allCases.filter { (try? RecordID.validate(id, kind: $0)) != nil }
        guard !kinds.isEmpty else {
            let examples = RecordKind.allCases.map(\.example)
            throw .invalidField(record: RecordID.quoted(id), field: "record ID",
                                reason: "a record ID looks like \(examples.dropLast().joined(separator: ", ")) or \(examples.last ?? "")")
        }
        return kinds
    }

    /// The kind of the existing record `id` at `commit`.
    func kind(ofExisting id: String, at commit: ObjectID) throws(DocumentsError) -> RecordKind {
        for kind in try Self.candidateKinds(of: id) {
            let path = try Self.path(kind: kind, id: id)
            do {
                if try ledger.read(path, at: commit) != nil { return kind }
            } catch { throw .ledger(error) }
        }
        throw .notFound(record: id)
    }

    /// Every record of every kind at `commit`, by kind then ID.
    func allRecords(at commit: ObjectID) throws(DocumentsError) -> [(id: String, kind: RecordKind)] {
        var found: [(id: String, kind: RecordKind)] = []
        for kind in RecordKind.allCases { found += try records(of: kind, at: commit) }
        return found
    }

    /// The records of `kind` at `commit`, by ID: the policy, the account files, or the JSON files
    /// under the two levels of shard folders.
    func records(of kind: RecordKind, at commit: ObjectID) throws(DocumentsError) -> [(id: String, kind: RecordKind)] {
        var found: [(id: String, kind: RecordKind)] = []
        func list(_ folder: String) throws(DocumentsError) -> [String] {
            do { return try ledger.list(try RecordPath(folder), at: commit).sorted() } catch { throw .ledger(error) }
        }
        func add(_ file: String) {
            guard file.hasSuffix(".json") else { return }
            let id = String(file.dropLast(5))
            if (try? RecordID.validate(id, kind: kind)) != nil { found.append((id, kind)) }
        }
        switch kind.form {
        case .single:
            let path = try Self.path(kind: kind, id: kind.rawValue)
            let data: Data?
            do { data = try ledger.read(path, at: commit) } catch { throw .ledger(error) }
            if data != nil { found.append((kind.rawValue, kind)) }
        case .user:
            for file in try list(kind.rawValue) { add(file) }
        case .numbered:
            for high in try list(kind.rawValue) {
                for low in try list("\(kind.rawValue)/\(high)") {
                    for file in try list("\(kind.rawValue)/\(high)/\(low)") { add(file) }
                }
            }
        }
        return found
    }

    /// The files that belong to a record: its JSON, and an SOP's markdown body.
    static func files(of id: String, kind: RecordKind) throws(DocumentsError) -> [String] {
        [try RecordID.path(kind: kind, id: id)] + [try RecordID.bodyPath(kind: kind, id: id)].compactMap { $0 }
    }

    /// `records` as they stand at `head`, each with every act on `main` up to `head` that changed
    /// one of its files, oldest first. One walk of the history and one tree diff per act, however
    /// many records are exported. Also returns how many acts the history up to `head` holds.
    func exports(of records: [(id: String, kind: RecordKind)], at head: ObjectID) throws(DocumentsError)
        -> (records: [RecordExport], commits: Int) {
        var owner: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            for file in try Self.files(of: record.id, kind: record.kind) { owner[file] = index }
        }
        var acts = Array(repeating: [RecordExport.Signature](), count: records.count)
        var rows = Array(repeating: [RecordExport.FieldRow](), count: records.count)
        var before: [Int: JSONValue] = [:], bodies: [Int: String] = [:]
        var history: [ActInfo] = []
        do {
            try ledger.walkBack(from: head) { history.append($0); return true }
            for act in history.reversed() {
                var touched: [Int: [ChangedFile]] = [:]
                for file in try ledger.changedFiles(of: act.commit) {
                    if let index = owner[file.path] { touched[index, default: []].append(file) }
                }
                for (index, files) in touched.sorted(by: { $0.key < $1.key }) {
                    let signature = RecordExport.Signature(act)
                    acts[index].append(signature)
                    var changes: [FieldChange] = []
                    // In tree order: the record's JSON, then (for an SOP) its markdown body.
                    for file in files {
                        let data = try file.new.map { (blob) throws(LedgerError) in try ledger.blob(blob) }
                        if file.path.hasSuffix(".md") {
                            guard let data else { continue }
                            let body = String(decoding: data, as: UTF8.self)
                            changes += FieldDiff.bodyChanges(from: bodies[index], to: body)
                            bodies[index] = body
                        } else {
                            let json = data.flatMap { try? JSONParser.parse($0) }
                            changes += FieldDiff.changes(from: before[index], to: json)
                            before[index] = json
                        }
                    }
                    rows[index] += changes.map { RecordExport.FieldRow(act: signature, change: $0) }
                }
            }
        } catch { throw .ledger(error) }
        var result: [RecordExport] = []
        for (index, record) in records.enumerated() {
            let path = try Self.path(kind: record.kind, id: record.id)
            let data: Data?
            do { data = try ledger.read(path, at: head) } catch { throw .ledger(error) }
            guard let data else { throw .notFound(record: record.id) }
            var body: String?
            if record.kind == .sop {
                let bodyPath = try Self.bodyPath(sop: record.id)
                do { body = try ledger.read(bodyPath, at: head).map { String(decoding: $0, as: UTF8.self) } } catch { throw .ledger(error) }
            }
            result.append(RecordExport(id: record.id, kind: record.kind, record: try Schemas.parse(data, record: record.id),
                                       body: body, acts: acts[index], history: rows[index]))
        }
        return (result, history.count)
    }
}

extension Records {
    /// Every record of `kind` as it stands at the head, by ID, as JSON: what `recrepo list` prints.
    public func list(_ kind: RecordKind) throws(DocumentsError) -> [(id: String, record: JSONValue)] {
        guard let head = try head() else { return [] }
        var listed: [(id: String, record: JSONValue)] = []
        for (id, kind) in try records(of: kind, at: head) {
            let path = try Self.path(kind: kind, id: id)
            let data: Data?
            do { data = try ledger.read(path, at: head) } catch { throw .ledger(error) }
            if let data { listed.append((id, try Schemas.parse(data, record: id))) }
        }
        return listed
    }
}

extension Records {
    /// The kind of the record `id` as it stands at the head (an ID may fit several kinds' rules).
    public func kind(of id: String) throws(DocumentsError) -> RecordKind {
        guard let current = try head() else { throw .notFound(record: id) }
        return try kind(ofExisting: id, at: current)
    }
}

import Foundation
import RecordRepo

/// What `recrepo export` writes: one record, or every record.
public enum ExportSelection: Sendable, Equatable {
    case record(String)
    case all
}

/// What an export wrote.
public struct ExportResult: Sendable {
    public let directory: String
    /// The records exported, in the order written.
    public let records: [String]
    /// The head of `main` the export (and its bundle) was made at, and the acts up to it.
    public let head: ObjectID
    public let commits: Int
}

extension Records {
    /// Writes an export folder for inspection (§11.10(b)): `README.md`, `allowed_signers`,
    /// `history.bundle` (the whole signed history, checkable with stock git alone), and for each
    /// selected record `<ID>.json` and `<ID>.html` (the current record and every act on it with its
    /// signature manifestation).
    ///
    /// `directory` must not exist or be empty; its parent must exist. The folder is written beside
    /// it under a temporary name and moved into place at the end, so a failed export leaves
    /// nothing behind. A record ID is checked against the allowlists before anything is read.
    ///
    /// `pages` adds files of the caller's for a record (the command line adds a job's SOP revision,
    /// rendered); they are written with the rest, inside the same all-or-nothing move.
    public func export(_ selection: ExportSelection, to directory: String,
                       pages: (RecordExport) throws(DocumentsError) -> [(name: String, data: Data)] = { _ in [] })
        throws(DocumentsError) -> ExportResult {
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw .cannotExport(path: directory, reason: "it is a file; choose a new or empty folder") }
            guard (try? manager.contentsOfDirectory(atPath: target.path))?.isEmpty == true else {
                throw .cannotExport(path: directory, reason: "the folder is not empty; choose a new or empty folder")
            }
        }
        var chosen: [(id: String, kind: RecordKind)] = []
        if case .record(let id) = selection {
            guard let current = try head() else { throw .notFound(record: id) }
            chosen = [(id, try kind(ofExisting: id, at: current))]
        }
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        do { try manager.createDirectory(at: staging, withIntermediateDirectories: false) } catch {
            throw .cannotExport(path: directory, reason: "cannot create a folder beside it: \(error.localizedDescription)")
        }
        defer { try? manager.removeItem(at: staging) }

        let bundle: BundleResult
        do { bundle = try ledger.writeBundle(to: staging.appendingPathComponent("history.bundle").path) } catch { throw .ledger(error) }
        let head = bundle.references[0].target
        if selection == .all { chosen = try allRecords(at: head) }
        let (exports, commits) = try exports(of: chosen, at: head)
        let exportedAt = Timestamp.iso(now)
        let signers: String
        do { signers = try ledger.allowedSigners() } catch { throw .ledger(error) }
        var files: [(name: String, data: Data)] = [
            ("README.md", Data(ExportReadme.text(head: head.hex, commits: commits, records: exports.map(\.id), exportedAt: exportedAt).utf8)),
            ("allowed_signers", Data(signers.utf8)),
        ]
        var names: Set<String> = []
        for export in exports {
            // An equipment ID may look like another kind's ID (`SOP-0001`): the second one is named by its kind too.
            let name = names.insert(export.id).inserted ? export.id : "\(export.id).\(export.kind.rawValue)"
            files.append(("\(name).json", export.json))
            files.append(("\(name).html", Data(ExportPage.html(export, head: head.hex, exportedAt: exportedAt).utf8)))
            files += try attachmentFiles(of: export, named: name, at: head)
            files += try pages(export).map { ("\(name).\($0.name)", $0.data) }
        }
        do {
            for file in files { try file.data.write(to: staging.appendingPathComponent(file.name), options: .withoutOverwriting) }
            if exists { try manager.removeItem(at: target) }
            try manager.moveItem(at: staging, to: target)
        } catch {
            throw .cannotExport(path: directory, reason: error.localizedDescription)
        }
        return ExportResult(directory: target.path, records: exports.map(\.id), head: head, commits: commits)
    }
}

extension Records {
    /// One record of any kind as it stands at the head, with every act on it and its field-level
    /// history: what `recrepo show` prints. `id` is checked against every kind's ID rule first.
    public func recordExport(_ id: String) throws(DocumentsError) -> (export: RecordExport, head: ObjectID) {
        guard let current = try head() else { throw .notFound(record: id) }
        let kind = try kind(ofExisting: id, at: current)
        guard let export = try exports(of: [(id, kind)], at: current).records.first else { throw .notFound(record: id) }
        return (export, current)
    }
}

extension Records {
    /// The files attached to an exported job or piece of equipment, byte for byte, each named by the job, the start of
    /// its digest and its own name made safe for a file system (`WO-000001.attachment-3a7bd3e2c1f0-photo.jpg`).
    func attachmentFiles(of export: RecordExport, named name: String, at head: ObjectID) throws(DocumentsError) -> [(name: String, data: Data)] {
        // Jobs and equipment take attachments; any record that lists them is read the same way.
        struct Attached: Decodable { let id: String; let attachments: [WorkOrder.Attachment]? }
        guard case .object(let fields) = export.record, fields["attachments"] != nil,
              let order = try? JSONDecoder().decode(Attached.self, from: CanonicalJSON.bytes(of: export.record)) else { return [] }
        var files: [(name: String, data: Data)] = []
        for entry in order.attachments ?? [] {
            let path: RecordPath
            do { path = try RecordPath(try WorkOrder.Attachment.path(kind: export.kind, id: order.id, sha256: entry.sha256)) } catch let error as LedgerError {
                throw .ledger(error)
            } catch let error as DocumentsError { throw error } catch { throw .notFound(record: order.id) }
            let data: Data?
            do { data = try ledger.read(path, at: head) } catch { throw .ledger(error) }
            guard let data else { throw .notFound(record: "\(entry.name) attached to \(order.id)") }
            let safe = String(entry.name.unicodeScalars.prefix(80).map { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
            })
            files.append(("\(name).attachment-\(entry.sha256.prefix(12))-\(safe)", data))
        }
        return files
    }
}

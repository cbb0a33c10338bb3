import Foundation
import RecordRepo

extension Records {
    /// Attaches `bytes` to job `id` under `name` (a photo, a PDF, an instrument printout). A file
    /// larger than the policy allows is refused before anything is written.
    public func attach(_ bytes: Data, name: String, to id: String, reason: String, by session: Session) throws(DocumentsError) -> WorkOrder {
        try RecordID.validate(id, kind: .workOrder, field: "work order ID")
        try checkAttachmentSize(bytes.count, name: name, to: id)
        return try perform(WorkOrderKind.attach, of: WorkOrderKind.declaration, id: id,
                           input: Attach(record: id, name: name, bytes: bytes), reason: reason, by: session)
    }

    /// Attaches a manual, drawing or certificate to equipment `id` (`equipment.add`), on the same terms.
    public func attach(_ bytes: Data, name: String, toEquipment id: String, reason: String,
                       by session: Session) throws(DocumentsError) -> Equipment {
        try RecordID.validate(id, kind: .equipment, field: "equipment")
        try checkAttachmentSize(bytes.count, name: name, to: id)
        return try perform(EquipmentKind.attach, of: EquipmentKind.declaration, id: id,
                           input: Attach(record: id, name: name, bytes: bytes), reason: reason, by: session)
    }

    /// Refuses a file of `size` bytes when the policy in force allows less: callers check this
    /// before reading the file at all.
    public func checkAttachmentSize(_ size: Int, name: String, to id: String) throws(DocumentsError) {
        let limit = try policy(at: try head()).attachmentLimit
        guard size <= limit else {
            throw .invalidField(record: id, field: "attachment",
                                reason: "\(name) is \(size) bytes; the policy allows at most \(limit) (attachmentMaxKiB); nothing was written")
        }
    }

    /// The bytes of the file attached to job `id` whose SHA-256 starts with `digest` (at least 8
    /// hex digits) or whose name is `digest`, exactly as attached, with its entry.
    public func attachment(_ id: String, _ digest: String, kind: RecordKind = .workOrder) throws(DocumentsError) -> (WorkOrder.Attachment, Data) {
        try RecordID.validate(id, kind: kind, field: "\(kind.noun) ID")
        let entries: [WorkOrder.Attachment]?
        if kind == .equipment {
            guard let unit = try record(Equipment.self, kind: .equipment, id: id) else { throw .notFound(record: id) }
            entries = unit.attachments
        } else {
            entries = try workOrder(id).attachments
        }
        let order = (id: id, attachments: entries)
        let matches = (order.attachments ?? []).filter { ($0.sha256.hasPrefix(digest.lowercased()) && digest.count >= 8) || $0.name == digest }
        guard matches.count == 1, let entry = matches.first else {
            let known = (order.attachments ?? []).map { "\($0.name) (\($0.sha256.prefix(12)))" }.joined(separator: ", ")
            throw .notFound(record: "an attachment \(RecordID.quoted(digest)) of \(id)" + (matches.isEmpty ? "" : " (it names more than one)")
                            + (known.isEmpty ? "; it has none" : "; it has \(known)"))
        }
        let path: RecordPath
        do { path = try RecordPath(try WorkOrder.Attachment.path(kind: kind, id: id, sha256: entry.sha256)) } catch let error as LedgerError {
            throw .ledger(error)
        } catch let error as DocumentsError { throw error } catch { throw .notFound(record: id) }
        let data: Data?
        do { data = try ledger.read(path) } catch { throw .ledger(error) }
        guard let data, Companion.Digest(of: data) == Companion.Digest(sha256: entry.sha256, size: entry.size) else {
            throw .invalidField(record: id, field: "attachment \(entry.name)", reason: "the stored file is missing or not the one attached; run 'recrepo verify'")
        }
        return (entry, data)
    }
}

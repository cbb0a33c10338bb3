import Foundation
import RecordRepo

/// A record that files can be attached to: a job (photos, printouts), a piece of equipment (its manuals).
protocol Attaching: Sendable {
    var id: String { get }
    var attachments: [WorkOrder.Attachment]? { get set }
    var revision: Int { get set }
}

extension WorkOrder: Attaching {}
extension Equipment: Attaching {}

/// A file to attach: its name and bytes when attaching, its name and digest on replay.
public struct Attach: Sendable, Equatable {
    /// The ID of the record it is attached to.
    public var record: String
    public var name: String
    public var digest: Companion.Digest
    /// Nil on replay: verify checks the stored file against `digest`.
    public var bytes: Data?

    public init(record: String, name: String, bytes: Data) {
        self.record = record
        self.name = name
        self.digest = Companion.Digest(of: bytes)
        self.bytes = bytes
    }

    init(record: String, name: String, digest: Companion.Digest) {
        self.record = record
        self.name = name
        self.digest = digest
        self.bytes = nil
    }
}

enum AttachmentEvent {
    /// The `attach` event of `kind`: the bytes stored beside the record, the record naming them by
    /// SHA-256 and size, no larger than the policy allows, never the same bytes twice. `allowed`
    /// refuses records in a state that takes no more files.
    static func declare<Record: Attaching>(_ kind: RecordKind, meaning: Meaning, permission: Permission, action: String,
                                           allowed: @escaping @Sendable (Record) throws(DocumentsError) -> Void) -> RecordEvent<Record, Attach> {
        RecordEvent<Record, Attach>(
            "attach", meaning: meaning, permission: permission, action: action,
            summary: { id, attach, _ in "Attach \(attach.name) to \(id)" },
            input: { before, written, _ in
                guard let added = written.attachments?.last, (written.attachments?.count ?? 0) == (before?.attachments?.count ?? 0) + 1 else {
                    return nil
                }
                return Attach(record: written.id, name: added.name, digest: Companion.Digest(sha256: added.sha256, size: added.size))
            },
            check: { before, attach, context, _ throws(DocumentsError) in
                guard let record = before else { throw .notFound(record: attach.record) }
                guard record.id == attach.record else { throw .invalidField(record: record.id, field: "attachment", reason: "it names \(attach.record)") }
                try allowed(record)
                if let problem = TextRules.problem(with: attach.name, maxLength: 200) { throw .invalidField(record: record.id, field: "file name", reason: problem) }
                let limit = context.policy.attachmentLimit
                guard attach.digest.size <= limit else {
                    throw .invalidField(record: record.id, field: "attachment",
                                        reason: "\(attach.name) is \(attach.digest.size) bytes; the policy allows at most \(limit) (attachmentMaxKiB)")
                }
                guard !(record.attachments ?? []).contains(where: { $0.sha256 == attach.digest.sha256 }) else {
                    throw .alreadyExists(record: "\(attach.name) on \(record.id) (the same bytes are attached already)")
                }
            },
            apply: { before, attach, signing throws(DocumentsError) in
                guard var record = before else { throw .notFound(record: attach.record) }
                record.attachments = (record.attachments ?? []) + [WorkOrder.Attachment(name: attach.name, sha256: attach.digest.sha256,
                                                                                        size: attach.digest.size, by: signing.user, at: signing.time)]
                record.revision += 1
                return record
            },
            companions: { attach, _ throws(DocumentsError) in
                [Companion.file(at: try WorkOrder.Attachment.path(kind: kind, id: attach.record, sha256: attach.digest.sha256),
                                digest: attach.digest, bytes: attach.bytes)]
            })
    }
}

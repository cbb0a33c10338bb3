import Foundation
import RecordRepo

extension WorkOrderKind {
    /// A file to attach: its name and bytes when attaching, its name and digest on replay.
    public struct Attach: Sendable, Equatable {
        /// The job's ID.
        public var order: String
        public var name: String
        public var digest: Companion.Digest
        /// Nil on replay: verify checks the stored file against `digest`.
        public var bytes: Data?

        public init(order: String, name: String, bytes: Data) {
            self.order = order
            self.name = name
            self.digest = Companion.Digest(of: bytes)
            self.bytes = bytes
        }

        init(order: String, name: String, digest: Companion.Digest) {
            self.order = order
            self.name = name
            self.digest = digest
            self.bytes = nil
        }
    }

    /// A photo, PDF or printout attached to a job by whoever works on it: the bytes stored beside
    /// the record, the record naming them by SHA-256 and size. No larger than the policy allows.
    public static let attach = RecordEvent<WorkOrder, Attach>(
        "attach", meaning: .execution, permission: .woExecute, action: "attach files to jobs",
        summary: { id, attach, _ in "Attach \(attach.name) to \(id)" },
        input: { before, written, _ in
            guard let added = written.attachments?.last, (written.attachments?.count ?? 0) == (before?.attachments?.count ?? 0) + 1 else {
                return nil
            }
            return Attach(order: written.id, name: added.name, digest: Companion.Digest(sha256: added.sha256, size: added.size))
        },
        check: { before, attach, context, signing throws(DocumentsError) in
            let order = try existing(before)
            guard order.id == attach.order else { throw .invalidField(record: order.id, field: "attachment", reason: "it names \(attach.order)") }
            guard ![.closed, .cancelled].contains(order.status) else {
                throw .invalidTransition(record: order.id, from: order.status.rawValue, event: "attach", reason: "the job is \(order.status.rawValue)")
            }
            if let problem = TextRules.problem(with: attach.name, maxLength: 200) { throw .invalidField(record: order.id, field: "file name", reason: problem) }
            let limit = context.policy.attachmentLimit
            guard attach.digest.size <= limit else {
                throw .invalidField(record: order.id, field: "attachment",
                                    reason: "\(attach.name) is \(attach.digest.size) bytes; the policy allows at most \(limit) (attachmentMaxKiB)")
            }
            guard !(order.attachments ?? []).contains(where: { $0.sha256 == attach.digest.sha256 }) else {
                throw .alreadyExists(record: "\(attach.name) on \(order.id) (the same bytes are attached already)")
            }
        },
        apply: { before, attach, signing throws(DocumentsError) in
            var order = try existing(before)
            order.attachments = (order.attachments ?? []) + [WorkOrder.Attachment(name: attach.name, sha256: attach.digest.sha256,
                                                                                  size: attach.digest.size, by: signing.user, at: signing.time)]
            order.revision += 1
            return order
        },
        companions: { attach, _ throws(DocumentsError) in
            [Companion.file(at: try WorkOrder.Attachment.path(order: attach.order, sha256: attach.digest.sha256),
                            digest: attach.digest, bytes: attach.bytes)]
        })
}

import ArgumentParser
import Documents
import Foundation
import RecordRepo
import SOPRender

extension RecRepo {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a record (or every record) with its signed history for inspection.",
            discussion: """
                DIR receives README.md (how to check everything with stock git alone), allowed_signers, \
                history.bundle (the whole signed history), and <ID>.json and <ID>.html for each record: \
                its current content and every act on it with the signer's printed name, user ID, date and \
                time (UTC), meaning, reason and commit; for a job, <ID>.sop.html (the SOP revision it was \
                executed against, with its signatures) and its attachments. DIR must be new or empty.
                """)
        @OptionGroup var repo: RepoOptions
        @Argument(help: ArgumentHelp("The record to export, e.g. WO-000001.", valueName: "record-id")) var record: String?
        @Flag(help: "Export every record.") var all = false
        @Option(help: "A new or empty folder for the export.") var out: String

        func validate() throws {
            if record != nil, all { throw ValidationError("give either a RECORD-ID or --all, not both") }
            if record == nil, !all { throw ValidationError("give a RECORD-ID or --all") }
        }

        func run() throws {
            let records = try repo.open()
            // A job's export carries the SOP revision it was executed against, rendered with its signatures.
            // Each revision is read once, however many jobs followed it.
            var revisions: [String: SOPRevisionView] = [:]
            let result = try records.export(record.map { .record($0) } ?? .all, to: out) { (export) throws(DocumentsError) in
                guard export.kind == .workOrder, case .object(let fields) = export.record, case .object(let bound)? = fields["boundSOP"],
                      case .string(let commit)? = bound["commit"] else { return [] }
                let view: SOPRevisionView
                if let known = revisions[commit] { view = known } else { view = try records.workOrderSOP(export.id) }
                revisions[commit] = view
                let context = "Executed by \(export.id): the revision bound when the job started"
                return [(name: "sop.html", data: Data(SOPRenderer.html(page(view, context: context)).utf8))]
            }
            print("Exported \(result.records.count) record\(result.records.count == 1 ? "" : "s") and the signed history"
                + " (\(result.commits) acts, main at \(result.head.hex)) to \(result.directory)")
        }
    }
}

import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a record (or every record) with its signed history for inspection.",
            discussion: """
                DIR receives README.md (how to check everything with stock git alone), allowed_signers, \
                history.bundle (the whole signed history), and <ID>.json and <ID>.html for each record: \
                its current content and every act on it with the signer's printed name, user ID, date and \
                time (UTC), meaning, reason and commit. DIR must be new or empty.
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
            let result = try repo.open().export(record.map { .record($0) } ?? .all, to: out)
            print("Exported \(result.records.count) record\(result.records.count == 1 ? "" : "s") and the signed history"
                + " (\(result.commits) acts, main at \(result.head.hex)) to \(result.directory)")
        }
    }
}

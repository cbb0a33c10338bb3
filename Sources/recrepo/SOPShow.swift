import ArgumentParser
import Documents
import Foundation
import RecordRepo
import SOPRender

enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case text, html, markdown, json
}

extension RecRepo.SOPCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an SOP revision (default: the effective one) with its signatures.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The SOP ID.") var id: String
        @Option(help: "A revision number (default: the effective revision).") var revision: Int?
        @Option(help: "text, html, markdown (the stored bytes) or json.") var format: DocumentFormat = .text

        func run() throws {
            let records = try repo.open()
            try printRevision(try records.sopRevision(id, number: revision), format: format, context: nil)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List SOPs and the state of their revisions.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let records = try repo.open()
            let today = try records.policy().day(of: Date())
            let sops = try records.sops()
            switch format {
            case .json:
                try printJSON(sops.map { SOPListing($0, today: today) })
            case .text:
                for sop in sops {
                    let states = sop.revisions.map { "r\($0.number) \(sop.status(of: $0, today: today).rawValue)" }
                    print("\(sop.id)  \(Terminal.printable(sop.title))  [\(states.joined(separator: ", "))]")
                }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The changed lines between two revisions' markdown.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The SOP ID.") var id: String
        @Option(help: "The older revision.") var from: Int
        @Option(help: "The newer revision.") var to: Int

        func run() throws {
            let records = try repo.open()
            let old = try records.sopRevision(id, number: from), new = try records.sopRevision(id, number: to)
            print("--- \(id) revision \(from)\n+++ \(id) revision \(to)")
            print(LineDiff(from: String(decoding: old.body, as: UTF8.self), to: String(decoding: new.body, as: UTF8.self)).unified(),
                  terminator: "")
        }
    }
}

/// `sop show --format json`: the revision's metadata and every signature on it.
struct SOPRevisionJSON: Encodable {
    let id: String
    let title: String
    let revision: Int
    let status: String
    let effectiveDate: String?
    let authors: [String]
    let reviewer: String?
    let approver: String?
    let approvalCommit: String?
    let signatures: [SignatureView]
    let markdown: String
}

/// Prints a revision in `format`; markdown is written byte for byte.
func printRevision(_ view: SOPRevisionView, format: DocumentFormat, context: String?) throws {
    switch format {
    case .markdown: FileHandle.standardOutput.write(view.body)
    case .json:
        try printJSON(SOPRevisionJSON(
            id: view.sop.id, title: view.sop.title, revision: view.revision.number, status: view.status.rawValue,
            effectiveDate: view.revision.effectiveDate, authors: view.revision.authors, reviewer: view.revision.reviewer,
            approver: view.revision.approver, approvalCommit: view.approvalCommit?.hex, signatures: view.signatures,
            markdown: String(decoding: view.body, as: UTF8.self)))
    case .html: print(SOPRenderer.html(page(view, context: context)), terminator: "")
    case .text: print(SOPRenderer.text(page(view, context: context)), terminator: "")
    }
}

/// What SOPRender needs of a revision.
func page(_ view: SOPRevisionView, context: String?) -> SOPPage {
    SOPPage(id: view.sop.id, title: view.sop.title, revision: view.revision.number, status: view.status.rawValue,
            effectiveDate: view.revision.effectiveDate, markdown: String(decoding: view.body, as: UTF8.self),
            signatures: view.signatures.map {
                SignatureLine(name: $0.name, signer: $0.signer, time: $0.time, meaning: $0.meaning, reason: $0.reason, commit: $0.commit)
            },
            context: context)
}

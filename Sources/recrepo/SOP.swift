import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo {
    struct SOPCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sop",
            abstract: "Document control: SOP revisions from draft to effective (every step a signed act).",
            subcommands: [New.self, Revise.self, Submit.self, Review.self, Reject.self, Approve.self, Retire.self,
                          PeriodicReview.self, ReviewDue.self, Show.self, List.self, Diff.self])
    }
}

/// Reads a markdown file exactly as it is on disk, reading no more than the 1 MiB an SOP may hold
/// (a larger file is refused by its size, before it is read).
func readBody(_ path: String) throws -> Data {
    let limit = 1 << 20
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw CLIError.refused("cannot read the markdown file \(path); check the path and that it is readable")
    }
    defer { try? handle.close() }
    let data = try handle.read(upToCount: limit + 1) ?? Data()
    guard data.count <= limit else {
        throw CLIError.refused("\(path) is larger than 1 MiB, the most an SOP's markdown may hold; split the procedure")
    }
    return data
}

extension RecRepo.SOPCommand {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an SOP; prints its ID (revision 1, draft).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Option(help: "The SOP's title.") var title: String
        @Option(help: "The markdown body (stored byte for byte).") var file: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let body = try readBody(file)
            let records = try repo.open()
            let sop = try records.createSOP(title: title, body: body, reason: reason.reason, by: try user.session(records))
            print("Created \(sop.id) revision 1 (draft): \(sop.title)")
            print(sop.id)
            ReadingWarnings.warn(about: body)
        }
    }

    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Edit the open draft, or open the next revision as a draft.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The SOP ID.") var id: String
        @Option(help: "The new markdown body.") var file: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let body = try readBody(file)
            let records = try repo.open()
            let sop = try records.reviseSOP(id, body: body, reason: reason.reason, by: try user.session(records))
            print("\(sop.id) revision \(sop.latest?.number ?? 0) is a draft with the new text")
            ReadingWarnings.warn(about: body)
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit the draft for review.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The SOP ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let sop = try records.submitSOP(id, reason: reason.reason, by: try user.session(records))
            print("\(sop.id) revision \(sop.latest?.number ?? 0) is in review")
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign the review of the revision in review.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The SOP ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let sop = try records.reviewSOP(id, reason: reason.reason, by: try user.session(records))
            print("Reviewed \(sop.id) revision \(sop.latest?.number ?? 0); it now needs an approval by QA")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send the revision in review back to draft.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The SOP ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let sop = try records.rejectSOP(id, reason: reason.reason, by: try user.session(records))
            print("\(sop.id) revision \(sop.latest?.number ?? 0) is back in draft")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve the reviewed revision, effective now or on a date.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The SOP ID.") var id: String
        @Option(help: "The day it takes effect (YYYY-MM-DD in the plant's time zone; default today).") var effective: String?
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let sop = try records.approveSOP(id, effective: effective, reason: reason.reason, by: try user.session(records))
            guard let latest = sop.latest else { return }
            print("Approved \(sop.id) revision \(latest.number): \(latest.status == .effective ? "effective now" : "effective from \(latest.effectiveDate ?? "?")")")
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire the SOP: no job may follow it any more.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The SOP ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let sop = try records.retireSOP(id, reason: reason.reason, by: try user.session(records))
            print("Retired \(sop.id)")
        }
    }
}

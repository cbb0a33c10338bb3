import ArgumentParser
import Documents
import Foundation

extension RecRepo.SOPCommand {
    struct PeriodicReview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "periodic-review",
            abstract: "Sign the periodic review of an SOP's effective revision (qa): no change, or revise (opens a new draft in the same act).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The SOP ID.") var id: String
        @Flag(help: "The effective revision stays fit for use.") var noChange = false
        @Flag(help: "The SOP must change: the next revision is opened as a draft.") var revise = false
        @Option(help: "Months until the next periodic review of this SOP from now on (1 to 120); default: as it was.") var interval: Int?
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            guard noChange != revise else { throw ValidationError("say the outcome: --no-change or --revise (one of them)") }
        }

        func run() throws {
            let records = try repo.open()
            let sop = try records.periodicReview(id, outcome: revise ? .revise : .noChange, intervalMonths: interval, reason: reason.reason,
                                                 by: try user.session(records))
            let reviewed = sop.periodicReviews?.last?.revision ?? 1
            if revise {
                print("Reviewed \(sop.id) revision \(reviewed): to be revised; revision \(sop.latest?.number ?? 1) is open as a draft")
            } else {
                print("Reviewed \(sop.id) revision \(reviewed): no change")
            }
        }
    }

    struct ReviewDue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review-due",
            abstract: "SOPs whose effective revision is due for its periodic review (effective date or last review + interval).")
        @OptionGroup var repo: RepoOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let due = try repo.open().reviewDue()
            switch format {
            case .json: try printJSON(due)
            case .text:
                guard !due.isEmpty else { print("No SOP is due for its periodic review."); return }
                print(Table(title: "Periodic reviews due", header: ["sop", "revision", "since", "interval", "due", "days over", "title"],
                            rows: due.map { item in
                                [item.sop, String(item.revision), item.since, "\(item.intervalMonths) months", item.due,
                                 String(item.daysOverdue), item.title]
                            }).text, terminator: "")
            }
        }
    }
}

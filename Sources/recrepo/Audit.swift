import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    /// `recrepo audit …`: the audit trail and its review. A query form (`recrepo audit --since …`)
    /// can join as another subcommand and become `defaultSubcommand`.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail: queries across all records, its signed periodic review, and where that review stands.",
            subcommands: [Query.self, Review.self, Status.self], defaultSubcommand: Query.self)
    }
}

extension RecRepo.Audit {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a review of every act not reviewed yet (meaning audit-review); prints AR-NNNNNN.",
            discussion: "The review names the exact range it covers: from the previous review's act (or the root) to the head of main it is signed on. Refused when nothing was signed since the last review.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let review = try records.reviewAuditTrail(reason: reason.reason, by: try user.session(records))
            print("Reviewed \(review.acts) act\(review.acts == 1 ? "" : "s"): \(review.first) .. \(review.last)")
            print(review.id)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The last audit-trail review, how many acts followed it, and whether a review is overdue.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let status = try repo.open().auditStatus()
            switch format {
            case .json: try printJSON(status)
            case .text:
                if let last = status.lastReview {
                    print("Last review: \(last.time) by \(last.signer), commit \(last.commit), through \(last.through)")
                } else {
                    print("Last review: none")
                }
                print("Unreviewed acts: \(status.unreviewed)")
                print(status.overdue ? "Overdue: yes, a review is due" : "Overdue: no")
            }
        }
    }
}

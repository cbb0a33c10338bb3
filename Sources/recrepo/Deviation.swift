import ArgumentParser
import Documents
import Foundation

extension Deviation.Classification: ExpressibleByArgument {}

extension RecRepo {
    struct DeviationCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dev", abstract: "Deviations: open, investigate, assess, approve (qa), close (qa), show, list.",
            discussion: """
                States: open -> investigated -> assessed -> approved -> closed. Before approval the \
                investigation and the assessment may be signed again (a new investigation needs a new \
                assessment). The person who opened a deviation never approves or closes it.
                """,
            subcommands: [Open.self, Investigate.self, Assess.self, Approve.self, Close.self, Show.self, List.self])
    }
}

extension RecRepo.DeviationCommand {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a deviation; prints its ID last.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Option(help: "What departed from what, in a line.") var title: String
        @Option(help: "The equipment ID.") var equipment: String?
        @Option(name: .customLong("work-order"), help: "The work order ID.") var workOrder: String?
        @Option(help: "The calibration ID (CAL-000001).") var calibration: String?
        @Option(help: "The SOP ID departed from.") var sop: String?
        @Option(name: .customLong("class"), help: "minor, major or critical.") var classification: Deviation.Classification
        @Option(help: "What happened (recorded on the deviation and as the signature's reason).") var reason: String

        func run() throws {
            let records = try repo.open()
            let links = Deviation.Links(equipment: equipment, workOrder: workOrder, calibration: calibration, sop: sop)
            let deviation = try records.openDeviation(title: title, classification: classification, links: links, description: reason,
                                                      by: try user.session(records))
            print("Opened \(deviation.id) (\(deviation.classification.rawValue)); due to close by \(deviation.due)")
            print(deviation.id)
        }
    }

    struct Investigate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign the investigation's root cause (supervisor or qa).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The deviation ID.") var id: String
        @Option(name: .customLong("root-cause"), help: "The root cause found.") var rootCause: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let deviation = try records.investigateDeviation(id, rootCause: rootCause, reason: reason.reason, by: try user.session(records))
            print("Signed the investigation of \(deviation.id); it is \(deviation.status.rawValue)")
        }
    }

    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign the product impact assessment (supervisor or qa).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The deviation ID.") var id: String
        @Option(help: "The impact on product quality.") var impact: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let deviation = try records.assessDeviation(id, impact: impact, reason: reason.reason, by: try user.session(records))
            print("Signed the impact assessment of \(deviation.id); it is \(deviation.status.rawValue)")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve the investigation and assessment (qa, not the opener).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The deviation ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let deviation = try records.approveDeviation(id, reason: reason.reason, by: try user.session(records))
            print("Approved \(deviation.id)")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an approved deviation (qa, not the opener).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The deviation ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let deviation = try records.closeDeviation(id, reason: reason.reason, by: try user.session(records))
            print("Closed \(deviation.id)")
        }
    }
}

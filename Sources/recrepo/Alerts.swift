import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Security alerts not yet acknowledged: failed sign-ins, unknown users, lockouts.",
            subcommands: [List.self, Ack.self], defaultSubcommand: List.self)
    }
}

extension RecRepo.Alerts {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The alerts not yet acknowledged, oldest first.")
        @OptionGroup var repo: RepoOptions
        @Flag(help: "Acknowledged alerts too.") var all = false
        @Option(help: "text or json.") var format: OutputFormat = .text

        struct Entry: Encodable {
            let id: String, time: String, kind: String, user: String, message: String
            let acknowledgedBy: String?
        }

        func run() throws {
            let alerts = try repo.open().alerts(open: !all)
            let entries = alerts.map {
                Entry(id: $0.id, time: $0.raisedAt, kind: $0.kind.rawValue, user: $0.user, message: $0.message, acknowledgedBy: $0.acknowledgedBy)
            }
            switch format {
            case .json: try printJSON(entries)
            case .text:
                if entries.isEmpty { print(all ? "No alerts." : "No alert waits for acknowledgement.") }
                for entry in entries {
                    let state = entry.acknowledgedBy.map { "  (acknowledged by \($0))" } ?? ""
                    print("\(entry.id)  \(entry.time)  \(entry.kind)  \(entry.user): \(Terminal.printable(entry.message))\(state)")
                }
            }
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: "Acknowledge an alert after looking into it (qa or admin); the reason says what was found.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The alert ID (ALERT-000001).") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let alert = try records.acknowledgeAlert(id, reason: reason.reason, by: try user.session(records))
            print("Acknowledged \(alert.id) (\(alert.kind.rawValue) for \(alert.user))")
        }
    }
}

import ArgumentParser
import Documents
import Foundation

extension RecRepo.WorkOrderCommand {
    struct Labour: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record time worked on a job in progress or completed: your own, or anyone's as a supervisor.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @Option(help: "Hours worked (more than 0, at most 24, to the hundredth).") var hours: Double
        @Option(name: .customLong("worker"), help: "Whose time (default: yours).") var worker: String?
        @Option(help: "Why (default: Labour recorded).") var reason: String?

        func run() throws {
            let records = try repo.open()
            let session = try user.session(records)
            let order = try records.recordLabour(id, user: worker ?? session.account.id, hours: hours,
                                                 reason: reason ?? "Labour recorded", by: session)
            let total = (order.labour ?? []).map(\.hours).reduce(0, +)
            print("Recorded \(CanonicalJSON.number(hours)) h on \(order.id); \(CanonicalJSON.number(total)) h in all")
        }
    }

    struct Part: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a part used on a job in progress or completed.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @Option(help: "The part number.") var part: String
        @Option(help: "What it is.") var description: String
        @Option(help: "How many (or how much).") var quantity: Double
        @Option(help: "Its lot or serial number.") var lot: String?
        @Option(help: "Why (default: Part used).") var reason: String?

        func run() throws {
            let records = try repo.open()
            let entry = WorkOrderKind.PartEntry(number: part, description: description, quantity: quantity, lot: lot)
            let order = try records.recordPart(id, entry, reason: reason ?? "Part used", by: try user.session(records))
            print("Recorded \(CanonicalJSON.number(quantity)) x \(part) on \(order.id)")
        }
    }
}

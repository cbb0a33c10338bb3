import ArgumentParser
import Documents
import SOPRender

/// A value typed on the command line: a plain decimal number, as the SOP's limits are written.
enum StepValue {
    static func parse(_ text: String) throws -> Double {
        guard let value = ReadingSpec.number(text) else {
            throw ValidationError("--value must be a plain decimal number such as 4.5 or -20 (at most 15 digits); \(text.debugDescription) is not one")
        }
        return value
    }
}

extension RecRepo.WorkOrderCommand {
    struct Disposition: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A supervisor decides on a step's value outside its limits: accept it, or have it read again.",
            discussion: "accept lets the job be completed; repeat keeps it blocked until the technician corrects the value ('wo correct') to one within limits. A signed act with the meaning review (wo.review).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @Argument(help: "The step number (from 1).") var number: Int
        @Option(help: "accept (the default) or repeat.") var decision: WorkOrder.Disposition.Decision = .accept
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let entry = WorkOrderKind.DispositionEntry(number: number, decision: decision, reason: reason.reason)
            let order = try records.disposeStep(id, entry, by: try user.session(records))
            print("Recorded the disposition of step \(number) of \(order.id): \(decision.rawValue)")
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a signed step's value or note; what it said before stays on the record.",
            discussion: "While the job is in progress, by the person who signed the step; once it is completed, by a supervisor. A signed act with the meaning correction. A corrected value is held to the step's limits again.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @Argument(help: "The step number (from 1).") var number: Int
        @Option(help: "The correct value (a plain decimal number).") var value: String?
        @Option(help: "The correct note.") var note: String?
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            if let value { _ = try StepValue.parse(value) }
            if value == nil, note == nil { throw ValidationError("give the corrected --value, --note or both") }
        }

        func run() throws {
            let records = try repo.open()
            let entry = WorkOrderKind.CorrectionEntry(number: number, value: try value.map(StepValue.parse), note: note, reason: reason.reason)
            let order = try records.correctStep(id, entry, by: try user.session(records))
            print("Corrected step \(number) of \(order.id)")
            if let blocked = order.awaitingDisposition { Terminal.warn("OUT OF LIMITS: \(blocked)") }
        }
    }
}

extension WorkOrder.Disposition.Decision: ExpressibleByArgument {}

import ArgumentParser
import Documents
import Foundation

extension RecRepo.WorkOrderCommand {
    struct RequestWork: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request", abstract: "Ask for corrective work on a piece of equipment (anyone); prints the request's ID last.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Option(help: "The equipment ID.") var equipment: String
        @Option(help: "What needs doing, in a line.") var title: String
        @Option(help: "What is wrong (recorded on the request and as the signature's reason).") var reason: String

        func run() throws {
            let records = try repo.open()
            let request = try records.raiseRequest(equipment: equipment, title: title, description: reason, by: try user.session(records))
            print("Raised \(request.id) on \(request.equipment); a supervisor accepts it into a job or declines it")
            print(request.id)
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a request into a corrective job (supervisor); prints the job's ID last.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The request ID (REQ-000001).") var id: String
        @Option(help: "The SOP the job follows.") var sop: String
        @Option(help: "The technician who will do it.") var assign: String?
        @Option(help: "low, normal (the default), high or urgent.") var priority: WorkOrder.Priority = .normal
        @Option(help: "The day it is due, YYYY-MM-DD.") var due: String?
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            if let due, !Day.exists(due) { throw ValidationError("--due must be a calendar day written YYYY-MM-DD; \(due.debugDescription) is not one") }
        }

        func run() throws {
            let records = try repo.open()
            let order = try records.acceptRequest(id, sop: sop, assignee: assign, priority: priority, due: due, reason: reason.reason,
                                                  by: try user.session(records))
            print("Accepted \(id) into \(order.id) on \(order.equipment) following \(order.sop)")
            print(order.id)
        }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decline a request with the reason (supervisor).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The request ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let request = try records.declineRequest(id, reason: reason.reason, by: try user.session(records))
            print("Declined \(request.id)")
        }
    }

    struct Requests: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The requests awaiting a decision (--all: every request).")
        @OptionGroup var repo: RepoOptions
        @Flag(help: "Every request, decided ones too.") var all = false
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let requests = try repo.open().requests(open: !all)
            switch format {
            case .json: try printJSON(requests)
            case .text:
                guard !requests.isEmpty else { print(all ? "No request yet." : "No request awaits a decision."); return }
                print(Table(title: "Maintenance requests", header: ["id", "status", "equipment", "raised", "by", "title", "outcome"],
                            rows: requests.map { request in
                                [request.id, request.status.rawValue, request.equipment, request.raisedAt, request.raisedBy, request.title,
                                 request.workOrder.map { "job \($0)" } ?? request.declined.map { "declined: \($0)" } ?? ""]
                            }).text, terminator: "")
            }
        }
    }
}

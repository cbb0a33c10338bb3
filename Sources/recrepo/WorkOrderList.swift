import ArgumentParser
import Documents
import Foundation
import RecordIndex

extension RecRepo.WorkOrderCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A queue of jobs by due date, answered from the index: what a technician opens at the start of a shift.",
            discussion: "Without --status, the jobs still to do (open and in progress); --status any lists every job.")
        @OptionGroup var repo: RepoOptions
        @Flag(help: "Only the jobs of the acting user (--user or RECREPO_USER), and those assigned to a role they hold.") var mine = false
        @Option(help: "Only the jobs assigned to this user (and to a role they hold).") var assignee: String?
        @Option(help: "open, in-progress, completed, reviewed, closed, cancelled, or any.") var status: String?
        @Option(help: "preventive, corrective or calibration.") var type: WorkOrder.Kind?
        @Option(help: "Only this equipment.") var equipment: String?
        @Option(help: "Only jobs due before this day (YYYY-MM-DD).") var dueBefore: String?
        @Flag(help: "Only jobs still to do whose due date has passed.") var overdue = false
        @Option(help: "text or json.") var format: OutputFormat = .text
        @OptionGroup var user: UserOptions

        func validate() throws {
            if mine, assignee != nil { throw ValidationError("give --mine or --assignee, not both") }
            if let status, status != "any", WorkOrder.Status(rawValue: status) == nil {
                throw ValidationError("--status must be one of \(WorkOrder.Status.allCases.map(\.rawValue).joined(separator: ", ")) or any")
            }
            if let dueBefore, !Day.exists(dueBefore) {
                throw ValidationError("--due-before must be a calendar day written YYYY-MM-DD; \(dueBefore.debugDescription) is not one")
            }
        }

        func run() throws {
            let records = try repo.open()
            var query = JobQuery(type: type?.rawValue, equipment: equipment, dueBefore: dueBefore)
            switch status {
            case "any"?: break
            case let status?: query.statuses = [status]
            case nil: query.statuses = [WorkOrder.Status.open.rawValue, WorkOrder.Status.inProgress.rawValue]
            }
            let today = try records.today()
            if overdue { query.overdueOn = today.text }
            if let person = mine ? try user.userID() : assignee {
                guard let account = try records.account(person) else {
                    throw CLIError.refused("\(person) is no user here; 'recrepo user list' lists them")
                }
                query.assignees = [person] + account.roles.map { "@" + $0.rawValue }
            }
            let jobs = try updatedIndex(records).jobs(query)
            switch format {
            case .json: try printJSON(jobs)
            case .text:
                guard !jobs.isEmpty else { print("No job matches."); return }
                print(Table(title: "Jobs by due date (today is \(today))",
                            header: ["due", "id", "status", "type", "equipment", "assigned to", "title"],
                            rows: jobs.map { job in
                                let late = job.due.map { $0 < today.text } == true && ["open", "in-progress"].contains(job.status ?? "")
                                return [(job.due ?? "") + (late ? " OVERDUE" : ""), job.id, job.status ?? "", job.type ?? "",
                                        job.equipment ?? "", job.assignee.map { $0.hasPrefix("@") ? "any " + $0.dropFirst() : $0 } ?? "",
                                        job.title ?? ""]
                            }).text, terminator: "")
            }
        }
    }
}

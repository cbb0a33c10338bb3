import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct WorkOrderCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wo", abstract: "Jobs: a work order follows the effective SOP, step by signed step.",
            subcommands: [New.self, Start.self, SOP.self, Step.self, Disposition.self, Correct.self, Labour.self, Part.self, Complete.self,
                          Review.self, Close.self, Cancel.self, Show.self, List.self, RequestWork.self, Accept.self, Decline.self, Requests.self,
                          Attach.self, Attachment.self])
    }
}

extension RecRepo.WorkOrderCommand {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a work order; prints its ID.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Option(help: "The SOP the job follows.") var sop: String
        @Option(help: "The equipment ID.") var equipment: String
        @Option(help: "What the job is.") var title: String
        @Option(help: "The technician who will do it.") var assign: String?
        @Flag(help: "The repair that returns out-of-service equipment to service (the one job such equipment takes).") var repair = false
        @Option(help: "corrective (the default) or calibration; preventive jobs come from PM plans.") var type: WorkOrder.Kind = .corrective
        @Option(help: "low, normal (the default), high or urgent.") var priority: WorkOrder.Priority = .normal
        @Option(help: "The day it is due, YYYY-MM-DD.") var due: String?
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            if let due, !Day.exists(due) { throw ValidationError("--due must be a calendar day written YYYY-MM-DD; \(due.debugDescription) is not one") }
        }

        func run() throws {
            let records = try repo.open()
            let order = try records.createWorkOrder(sop: sop, equipment: equipment, title: title, assignee: assign, repair: repair,
                                                    type: type, priority: priority, due: due,
                                                    reason: reason.reason, by: try user.session(records))
            print("Created \(order.id) on \(order.equipment) following \(order.sop)")
            print(order.id)
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the job: binds the SOP's effective revision.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @Option(help: "Why (default: 'Started the job').") var reason: String?

        func run() throws {
            let records = try repo.open()
            let order = try records.startWorkOrder(id, reason: reason, by: try user.session(records))
            guard let bound = order.boundSOP else { return }
            print("Started \(order.id): follows \(bound.id) revision \(bound.revision) (approved in commit \(bound.commit.prefix(12))), \(order.steps.count) steps")
        }
    }

    struct SOP: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The SOP revision bound to the job, exactly as approved.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The work order ID.") var id: String
        @Option(help: "text, html or markdown (the stored bytes).") var format: DocumentFormat = .text

        func run() throws {
            let records = try repo.open()
            let view = try records.workOrderSOP(id)
            let notice = try records.boundRevisionNotice(try records.workOrder(id))
            if let notice, format != .markdown, format != .json { Terminal.warn("NOTICE: \(notice)") }
            try printRevision(view, format: format, context: "Work order \(id): the revision bound when the job started"
                + (notice.map { ". NOTICE: \($0)" } ?? ""))
        }
    }

    struct Step: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign one checklist step (in order, by the assigned technician).",
            discussion: "A step that asks for a reading is signed with --value; a value outside its limits blocks completion until a supervisor's 'wo disposition'.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @Argument(help: "The step number (from 1).") var number: Int
        @Option(help: "What was observed or done.") var note: String?
        @Option(help: "The value read, in the step's unit (a plain decimal number such as 4.5).") var value: String?
        @Option(help: "How the step was done other than as written: opens a deviation record (DEV-…) in the same act.") var deviation: String?
        @Option(name: .customLong("deviation-class"), help: "The class of that deviation: minor (the default), major or critical.")
        var deviationClass: Deviation.Classification?
        @Flag(help: "The step did not apply: say why with --justification (or right after it: --not-applicable TEXT).") var notApplicable = false
        @Option(help: "Why the step did not apply.") var justification: String?
        /// The justification written straight after the flag, as `--not-applicable TEXT`.
        @Argument(help: .hidden) var notApplicableText: String?

        /// The justification, from whichever form gave it.
        var why: String? { justification ?? notApplicableText }

        func validate() throws {
            if let value { _ = try StepValue.parse(value) }
            if deviationClass != nil, deviation == nil { throw ValidationError("--deviation-class goes with --deviation TEXT") }
            if justification != nil, notApplicableText != nil { throw ValidationError("give the justification once: --not-applicable TEXT or --justification TEXT") }
            if notApplicable, why == nil { throw ValidationError("--not-applicable needs a justification: say why step \(number) did not apply (--justification TEXT)") }
            if !notApplicable, let why {
                throw ValidationError(justification != nil ? "--justification goes with --not-applicable" : "unexpected argument \(why.debugDescription)")
            }
        }

        func run() throws {
            let records = try repo.open()
            let step = WorkOrderKind.Step(number: number, note: note, value: try value.map(StepValue.parse), deviation: deviation,
                                          notApplicable: notApplicable, justification: why, deviationClass: deviationClass)
            let order = try records.signStep(id, step, by: try user.session(records))
            print("Signed step \(number) of \(order.steps.count) of \(order.id)")
            if let opened = order.steps.first(where: { $0.number == number })?.deviationID {
                print("Opened \(opened) for the deviation; qa approves and closes it ('recrepo dev show \(opened)')")
            }
            if let signed = order.steps.first(where: { $0.number == number }), signed.outOfLimits == true, let blocked = order.awaitingDisposition {
                Terminal.warn("OUT OF LIMITS: \(blocked)")
            }
        }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Complete the job (every step signed).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let order = try records.completeWorkOrder(id, reason: reason.reason, by: try user.session(records))
            print("Completed \(order.id); it now needs a supervisor's review")
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Supervisor's review of a completed job.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let order = try records.reviewWorkOrder(id, reason: reason.reason, by: try user.session(records))
            print("Reviewed \(order.id); it now needs QA to close it")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "QA closes a reviewed job.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let order = try records.closeWorkOrder(id, reason: reason.reason, by: try user.session(records))
            print("Closed \(order.id)")
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a job that is open or in progress; it never changes again.",
            discussion: "A signed act with the meaning cancellation, by a person the policy lets cancel jobs (wo.cancel).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let order = try records.cancelWorkOrder(id, reason: reason.reason, by: try user.session(records))
            print("Cancelled \(order.id)")
        }
    }
}

extension WorkOrder.Kind: ExpressibleByArgument {}
extension WorkOrder.Priority: ExpressibleByArgument {}

import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct PMCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pm", abstract: "Preventive maintenance plans: drafted by a supervisor, approved by qa, by calendar, meter or condition.",
            subcommands: [Add.self, Revise.self, Approve.self, Retire.self, ShowOne.self, ListAll.self, Run.self, Compliance.self])
    }
}

/// What defines a plan, shared by `add` and `revise` (which keeps what is not given).
struct PlanOptions: ParsableArguments {
    @Option(help: "What the job is.") var title: String?
    @Option(help: "The equipment ID.") var equipment: String?
    @Option(help: "The SOP the jobs follow.") var sop: String?
    @Option(help: "The user the jobs are assigned to.") var assign: String?
    @Option(help: "The role whose members may take the jobs.") var assignRole: String?
    @Option(help: "Calendar: every N (with --days, --weeks or --months).") var every: Int?
    @Flag(help: "The calendar interval's unit.") var unitFlag: PMPlan.Trigger.Unit?
    @Argument(help: "days, weeks or months, after --every N (the same as --days, --weeks, --months).") var unitWord: PMPlan.Trigger.Unit?

    var unit: PMPlan.Trigger.Unit? { unitFlag ?? unitWord }
    @Option(help: "Calendar: the first due date, YYYY-MM-DD.") var from: String?
    @Flag(help: "Calendar: count the next due date from the last completion, not from the first due date.") var floating = false
    @Option(help: "Meter or condition: the meter's name.") var meter: String?
    @Option(help: "Meter: every N units of the meter.") var everyUnits: Double?
    @Option(help: "Condition: a reading above this.") var above: Double?
    @Option(help: "Condition: a reading below this.") var below: Double?
    @Option(help: "Meter or condition: days from the reading to the due date (default 0).") var responseDays: Int?
    @Option(help: "Days before the due date that the window opens (calendar; default 0).") var graceBefore: Int?
    @Option(help: "Days after the due date that the window stays open (default 0).") var graceAfter: Int?

    func validate() throws {
        if let assignRole, Role(rawValue: assignRole) == nil {
            throw ValidationError("--assign-role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if assign != nil, assignRole != nil { throw ValidationError("give --assign or --assign-role, not both") }
        if unitFlag != nil, unitWord != nil { throw ValidationError("give the interval's unit once") }
        if let from, !Day.exists(from) { throw ValidationError("--from must be a calendar day written YYYY-MM-DD; \(from.debugDescription) is not one") }
    }

    /// The trigger the options give, or nil when they name none.
    var trigger: PMPlan.Trigger? {
        if every != nil || unit != nil || from != nil {
            return PMPlan.Trigger(kind: .calendar, every: every, unit: unit, from: from, floating: floating ? true : nil)
        }
        if everyUnits != nil { return PMPlan.Trigger(kind: .meter, meter: meter, everyUnits: everyUnits, responseDays: responseDays) }
        if above != nil || below != nil {
            return PMPlan.Trigger(kind: .condition, meter: meter, above: above, below: below, responseDays: responseDays)
        }
        return nil
    }

    func apply(to definition: inout PMPlan.Definition) {
        if let title { definition.title = title }
        if let equipment { definition.equipment = equipment }
        if let sop { definition.sop = sop }
        if let assign { definition.assignee = assign; definition.assigneeRole = nil }
        if let assignRole { definition.assigneeRole = Role(rawValue: assignRole); definition.assignee = nil }
        if let trigger { definition.trigger = trigger }
        if let graceBefore { definition.graceBefore = graceBefore }
        if let graceAfter { definition.graceAfter = graceAfter }
    }
}

extension PMPlan.Trigger.Unit: EnumerableFlag, ExpressibleByArgument {}

extension RecRepo.PMCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft a plan (supervisor); prints its ID last. It generates nothing until qa approves it.",
            discussion: "One trigger: --every N --days|--weeks|--months --from DAY [--floating]; --meter NAME --every-units N [--response-days D]; or --meter NAME --above X|--below X [--response-days D].")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @OptionGroup var options: PlanOptions
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            guard options.title != nil, options.equipment != nil, options.sop != nil else {
                throw ValidationError("--title, --equipment and --sop are required")
            }
            guard options.trigger != nil else {
                throw ValidationError("give one trigger: --every N --days|--weeks|--months --from DAY, --meter NAME --every-units N, or --meter NAME --above X|--below X")
            }
        }

        func run() throws {
            let records = try repo.open()
            var definition = PMPlan.Definition(title: "", equipment: "", sop: "", trigger: PMPlan.Trigger(kind: .calendar))
            options.apply(to: &definition)
            let plan = try records.addPlan(definition, reason: reason.reason, by: try user.session(records))
            print("Drafted \(plan.id): \(Terminal.printable(plan.definition.title)); it generates nothing until approved ('recrepo pm approve \(plan.id)')")
            print(plan.id)
        }
    }

    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft a new revision (supervisor); the approved one stays in force until qa approves this.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The plan ID (PM-0001).") var id: String
        @OptionGroup var options: PlanOptions
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let options = options
            let plan = try records.revisePlan(id, reason: reason.reason, by: try user.session(records)) { options.apply(to: &$0) }
            print("Revised \(plan.id); the revision awaits approval")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve the revision awaiting it (qa, never its drafter).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The plan ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let plan = try records.approvePlan(id, reason: reason.reason, by: try user.session(records))
            print("Approved \(plan.id) revision \(plan.approvedRevisions); it is in force")
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a plan for good (qa); it generates nothing more.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The plan ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let plan = try records.retirePlan(id, reason: reason.reason, by: try user.session(records))
            print("Retired \(plan.id)")
        }
    }
}

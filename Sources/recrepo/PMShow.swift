import ArgumentParser
import Documents
import Foundation

extension RecRepo.PMCommand {
    struct ShowOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One plan: the revision in force and any awaiting approval.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The plan ID.") var id: String
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            guard let plan = try repo.open().plan(id) else { throw CLIError.refused("\(id) is no PM plan here; 'recrepo pm list' lists them") }
            switch format {
            case .json: try printJSON(plan)
            case .text:
                var rows: [(String, String)] = [("Plan", plan.id), ("Status", plan.status.rawValue)]
                rows += Self.lines(plan.definition, heading: plan.status == .draft ? "Draft" : "In force")
                if let pending = plan.pending { rows += Self.lines(pending, heading: "Awaiting approval") }
                rows.append(("Drafted", "\(plan.draftedAt) by \(plan.draftedBy)"))
                if let by = plan.approvedBy { rows.append(("Approved", "\(plan.approvedAt ?? "") by \(by) (revision \(plan.approvedRevisions))")) }
                if let base = plan.meterBase { rows.append(("Counts from", CanonicalJSON.number(base))) }
                if let schedule = plan.schedule {
                    rows.append(("Generated", "\(schedule.generated) occurrence(s)" + (schedule.lastOrder.map { ", the last \($0) due \(schedule.lastDue ?? "")" } ?? "")))
                    if let base = schedule.base { rows.append(("Counts now from", CanonicalJSON.number(base))) }
                    if let armed = schedule.armed { rows.append(("Armed", armed ? "yes" : "no: waiting for a reading back inside the threshold")) }
                }
                if let by = plan.retiredBy { rows.append(("Retired", "\(plan.retiredAt ?? "") by \(by)")) }
                let width = rows.map(\.0.count).max() ?? 0
                for (label, value) in rows { print("\(label.padding(toLength: width, withPad: " ", startingAt: 0))  \(Terminal.printable(value))") }
            }
        }

        static func lines(_ definition: PMPlan.Definition, heading: String) -> [(String, String)] {
            [("\(heading)", definition.title), ("  Equipment", definition.equipment), ("  SOP", definition.sop),
             ("  Assigned to", definition.assignee ?? definition.assigneeRole.map { "anyone with the role \($0.rawValue)" } ?? ""),
             ("  Trigger", describe(definition.trigger)),
             ("  Window", "\(definition.graceBefore) day(s) before to \(definition.graceAfter) day(s) after the due date")]
        }

        static func describe(_ trigger: PMPlan.Trigger) -> String {
            switch trigger.kind {
            case .calendar:
                "every \(trigger.every ?? 0) \(trigger.unit?.rawValue ?? "") from \(trigger.from ?? "?")" + (trigger.floating == true ? ", floating" : ", fixed")
            case .meter:
                "every \(CanonicalJSON.number(trigger.everyUnits ?? 0)) of meter \(trigger.meter ?? "?"), due \(trigger.responseDays ?? 0) day(s) after"
            case .condition:
                "meter \(trigger.meter ?? "?") " + (trigger.above.map { "above \(CanonicalJSON.number($0))" } ?? trigger.below.map { "below \(CanonicalJSON.number($0))" } ?? "")
                    + ", due \(trigger.responseDays ?? 0) day(s) after"
            }
        }
    }

    struct ListAll: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The plans, optionally of one piece of equipment.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "Only the plans on this equipment.") var equipment: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let plans = try repo.open().plans().filter { equipment == nil || $0.definition.equipment == equipment }
            switch format {
            case .json: try printJSON(plans)
            case .text:
                guard !plans.isEmpty else { print("No PM plan matches."); return }
                print(Table(title: "PM plans", header: ["id", "status", "equipment", "sop", "trigger", "title"],
                            rows: plans.map { [$0.id, $0.status.rawValue + ($0.pending == nil ? "" : " (revision awaiting approval)"),
                                               $0.definition.equipment, $0.definition.sop, ShowOne.describe($0.definition.trigger),
                                               $0.definition.title] }).text, terminator: "")
            }
        }
    }
}

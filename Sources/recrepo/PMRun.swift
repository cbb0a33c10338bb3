import ArgumentParser
import Documents
import Foundation
import RecordIndex

extension RecRepo.PMCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the jobs approved plans call for, signed by the system key (meaning generation).",
            discussion: """
                Generates every job whose window opens on or before today (or --through DAY, to plan ahead) and \
                re-arms condition plans a reading has brought back inside their threshold. Each occurrence is \
                generated once, however often this runs and from however many processes at once. Run it every \
                day (see the README for a systemd timer or a cron line).
                """)
        @OptionGroup var repo: RepoOptions
        @Option(help: "Plan ahead: generate the jobs whose windows open up to this day (YYYY-MM-DD, at most 366 days ahead).")
        var through: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func validate() throws {
            if let through, !Day.exists(through) {
                throw ValidationError("--through must be a calendar day written YYYY-MM-DD; \(through.debugDescription) is not one")
            }
        }

        struct Output: Encodable {
            let generated: [Generated]
            let rearmed: [String]
            let waiting: [Waiting]
            struct Generated: Encodable { let order: String, plan: String, occurrence: Int, due: String, opens: String, closes: String }
            struct Waiting: Encodable { let plan: String, reason: String }
        }

        func run() throws {
            let records = try repo.open()
            let day = try through.map { text throws(DocumentsError) in try Day(parsing: text, field: "--through", record: "pm run") }
            let run = try records.runPlans(through: day)
            let output = Output(
                generated: run.generated.map { .init(order: $0.order, plan: $0.occurrence.plan, occurrence: $0.occurrence.number,
                                                     due: $0.occurrence.due, opens: $0.occurrence.opens, closes: $0.occurrence.closes) },
                rearmed: run.rearmed, waiting: run.waiting.map { .init(plan: $0.plan, reason: $0.reason) })
            switch format {
            case .json: try printJSON(output)
            case .text:
                for job in output.generated {
                    print("Generated \(job.order): \(job.plan) occurrence \(job.occurrence), due \(job.due) (window \(job.opens) to \(job.closes))")
                }
                for plan in output.rearmed { print("Re-armed \(plan): a reading is back inside its threshold") }
                for waiting in output.waiting { print("Waiting \(waiting.plan): \(Terminal.printable(waiting.reason))") }
                print(output.generated.isEmpty ? "Nothing new to generate." : "Generated \(output.generated.count) job(s).")
            }
        }
    }

    struct Compliance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "PM compliance: occurrences due in a range, open, on time, late, missed or overdue, and the rate.",
            discussion: """
                An occurrence is on time when its job was completed by the end of its window, late when after it but \
                before the occurrence's next due date, missed when not completed before then (or cancelled), \
                overdue when its window is over and the next due date has not come, open otherwise. The rate is \
                on time / (on time + late + missed). Due dates from --from to --to, both included.
                """)
        @OptionGroup var repo: RepoOptions
        @Option(help: "The first due date counted (YYYY-MM-DD).") var from: String?
        @Option(help: "The last due date counted (YYYY-MM-DD).") var to: String?
        @Option(help: "Only this equipment.") var equipment: String?
        @Option(help: "Only equipment of this department.") var department: String?
        @Option(help: "Only this plan.") var plan: String?
        @Option(help: "text, json or csv.") var format: ReportFormat = .text
        @Flag(help: "List every occurrence in the text, on time ones too (json and csv always list every one).") var all = false

        func validate() throws {
            for (name, value) in [("--from", from), ("--to", to)] where value.map(Day.exists) == false {
                throw ValidationError("\(name) must be a calendar day written YYYY-MM-DD; \((value ?? "").debugDescription) is not one")
            }
            if let from, let to, from > to { throw ValidationError("--from (\(from)) is after --to (\(to))") }
        }

        func run() throws {
            let records = try repo.open()
            let filter = ComplianceFilter(from: try from.map { t throws(DocumentsError) in try Day(parsing: t, field: "--from", record: "pm compliance") },
                                          to: try to.map { t throws(DocumentsError) in try Day(parsing: t, field: "--to", record: "pm compliance") },
                                          equipment: equipment, department: department, plan: plan)
            // From the index (brought up to date first; built again from git when missing).
            let index = try updatedIndex(records)
            let report = try index.compliance(filter, today: try records.today(), listing: all || format != .text ? .every : .notOnTime)
            let history = try index.importedHistory(filter)
            let table = Table(title: "Occurrences", header: ["due", "plan", "occurrence", "job", "equipment", "window ends", "next due", "completed", "class"],
                              rows: report.occurrences.map { [$0.due, $0.plan, String($0.number), $0.order, $0.equipment, $0.closes, $0.nextDue,
                                                              $0.cancelled ? "cancelled" : ($0.completed ?? ""), $0.classification.word] })
            switch format {
            case .json: try printJSON(ComplianceJSON(report, history: history))
            case .csv: print(table.csv, terminator: "")
            case .html: print(table.html, terminator: "")
            case .text:
                let range = "\(report.from ?? "the first") to \(report.to ?? "the last") due date"
                print("PM compliance, \(range), as of \(report.today)")
                for kind in OccurrenceClass.allCases { print("  \(kind.word.padding(toLength: 8, withPad: " ", startingAt: 0)) \(report.count(kind))") }
                print("  rate     " + (report.rate.map { Self.percent($0) } ?? "none (nothing decided yet)"))
                if !report.occurrences.isEmpty {
                    if !report.complete { print("Occurrences not on time (--all lists every one):") }
                    print(table.text, terminator: "")
                }
                if !history.isEmpty {
                    print("Imported maintenance history in the range (history, not PM occurrences): \(history.count) record(s)")
                    print(Table(title: "Imported history", header: ["date", "record", "equipment", "type", "description"],
                                rows: history.map { [$0.due ?? "", $0.id, $0.equipment ?? "", $0.type ?? "", $0.title ?? ""] }).text, terminator: "")
                }
            }
        }

        static func percent(_ rate: Double) -> String {
            let tenths = Int((rate * 1000).rounded())
            return "\(tenths / 10).\(tenths % 10)%"
        }
    }
}

/// The compliance report as JSON: the counts and rate first, then the occurrences behind them.
struct ComplianceJSON: Encodable {
    let from: String?
    let to: String?
    let today: String
    let counts: [String: Int]
    let rate: Double?
    let occurrences: [OccurrenceLine]
    /// Imported legacy records in the range: history, not counted.
    let importedHistory: [Imported]

    struct Imported: Encodable { let id: String, equipment: String?, date: String?, type: String?, description: String? }

    init(_ report: ComplianceReport, history: [IndexedJob]) {
        importedHistory = history.map { Imported(id: $0.id, equipment: $0.equipment, date: $0.due, type: $0.type, description: $0.title) }
        from = report.from
        to = report.to
        today = report.today
        counts = report.counts
        rate = report.rate
        occurrences = report.occurrences
    }
}

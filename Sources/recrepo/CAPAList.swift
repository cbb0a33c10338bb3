import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo.CAPACommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A CAPA: its actions, checks and every signature on it.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The CAPA ID (CAPA-000001).") var id: String
        @Option(help: "text, json or html.") var format: RecordFormat = .text

        func run() throws {
            let records = try repo.open()
            try RecRepo.Show.record(CAPA.self, kind: .capa, id: id, field: "CAPA ID", format: format, in: records) { capa, export in
                let today = try records.today()
                let overdue = capa.overdueActions(on: today).map { "\($0.number)" }
                let line = "\(capa.actions.filter(\.isImplemented).count) of \(capa.actions.count) actions implemented"
                    + (overdue.isEmpty ? "" : "; OVERDUE: action \(overdue.joined(separator: ", "))")
                return RecRepo.Show.text(export).replacingOccurrences(of: "\n\nFields:\n", with: "\n\n\(line)\n\nFields:\n")
            }
        }
    }

    /// A CAPA as `capa list --format json` gives it.
    struct Row: Encodable {
        let id: String, title: String, status: String, deviation: String?, openedBy: String, openedAt: String
        let actions: Int, implemented: Int, overdueActions: [Int], nextDue: String?

        init(_ capa: CAPA, today: Day) {
            id = capa.id; title = capa.title; status = capa.status.rawValue; deviation = capa.deviation
            openedBy = capa.openedBy; openedAt = capa.openedAt
            actions = capa.actions.count; implemented = capa.actions.filter(\.isImplemented).count
            overdueActions = capa.overdueActions(on: today).map(\.number)
            nextDue = capa.actions.filter { !$0.isImplemented }.map(\.due).min()
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "CAPAs, with their actions implemented and those overdue (in plant days).")
        @OptionGroup var repo: RepoOptions
        @Flag(help: "Only those not closed.") var open = false
        @Flag(help: "Only those with an action not implemented past its due day.") var overdue = false
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let records = try repo.open()
            let today = try records.today()
            let rows = try records.capas(open: open, overdueOn: overdue ? today : nil).map { Row($0, today: today) }
            switch format {
            case .json: try printJSON(rows)
            case .text:
                guard !rows.isEmpty else { print(overdue ? "No CAPA has an overdue action." : open ? "No open CAPA." : "No CAPA yet."); return }
                print(Table(title: "CAPAs", header: ["id", "status", "deviation", "actions", "next due", "overdue", "title"],
                            rows: rows.map { row in
                                [row.id, row.status, row.deviation ?? "", "\(row.implemented)/\(row.actions)", row.nextDue ?? "",
                                 row.overdueActions.isEmpty ? "" : "OVERDUE: " + row.overdueActions.map(String.init).joined(separator: ", "), row.title]
                            }).text, terminator: "")
            }
        }
    }
}

import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo.DeviationCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A deviation: its fields, age and due day, and every signature on it.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The deviation ID (DEV-000001).") var id: String
        @Option(help: "text, json or html.") var format: RecordFormat = .text

        func run() throws {
            let records = try repo.open()
            try RecRepo.Show.record(Deviation.self, kind: .deviation, id: id, field: "deviation ID", format: format, in: records) { deviation, export in
                let today = try records.today()
                let age = deviation.closedAt.map { "Opened \(deviation.openedOn), due to close by \(deviation.due), closed at \($0)" }
                    ?? "Opened \(deviation.openedOn), \(deviation.age(on: today)) days ago; due to close by \(deviation.due)"
                    + (deviation.isOverdue(on: today) ? " (OVERDUE)" : "")
                return RecRepo.Show.text(export).replacingOccurrences(of: "\n\nFields:\n", with: "\n\n\(age)\n\nFields:\n")
            }
        }
    }

    /// A deviation as `dev list --format json` gives it: the record's summary with its age and due day.
    struct Row: Encodable {
        let id: String, title: String, classification: String, status: String, openedBy: String, openedOn: String
        let due: String, age: Int, overdue: Bool
        let equipment: String?, workOrder: String?, step: Int?, calibration: String?, sop: String?, capas: [String]?

        init(_ deviation: Deviation, today: Day) {
            id = deviation.id; title = deviation.title; classification = deviation.classification.rawValue
            status = deviation.status.rawValue; openedBy = deviation.openedBy; openedOn = deviation.openedOn
            due = deviation.due.text; age = deviation.age(on: today); overdue = deviation.isOverdue(on: today)
            equipment = deviation.equipment; workOrder = deviation.workOrder; step = deviation.step
            calibration = deviation.calibration; sop = deviation.sop; capas = deviation.capas
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deviations with their age, due day and whether they are overdue.")
        @OptionGroup var repo: RepoOptions
        @Flag(help: "Only those not closed.") var open = false
        @Option(name: .customLong("class"), help: "Only minor, major or critical ones.") var classification: Deviation.Classification?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let records = try repo.open()
            let today = try records.today()
            let rows = try records.deviations(open: open, classification: classification).map { Row($0, today: today) }
            switch format {
            case .json: try printJSON(rows)
            case .text:
                guard !rows.isEmpty else { print(open ? "No open deviation." : "No deviation yet."); return }
                print(Table(title: "Deviations", header: ["id", "class", "status", "opened", "age", "due", "overdue", "links", "title"],
                            rows: rows.map { row in
                                [row.id, row.classification, row.status, row.openedOn, "\(row.age)d", row.due, row.overdue ? "OVERDUE" : "",
                                 [row.equipment, row.workOrder.map { wo in row.step.map { "\(wo) step \($0)" } ?? wo }, row.calibration, row.sop]
                                    .compactMap { $0 }.joined(separator: " "), row.title]
                            }).text, terminator: "")
            }
        }
    }
}

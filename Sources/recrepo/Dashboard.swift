import ArgumentParser
import Documents
import Foundation
import RecordIndex

extension RecRepo {
    struct DashboardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dashboard",
            abstract: "The figures QA opens every morning: PM compliance, open and overdue jobs, calibration, deviations and CAPA, training, SOP reviews, audit review, alerts and the last drill.",
            discussion: "Answered from the index at its last commit, which the page names. --format html writes one self-contained, printable page.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "PM compliance from this day (due dates), YYYY-MM-DD.") var from: String?
        @Option(help: "PM compliance up to this day, YYYY-MM-DD.") var to: String?
        @Option(help: "Only this piece of equipment.") var equipment: String?
        @Option(help: "Only this system and everything installed in it.") var area: String?
        @Option(help: "Only equipment of this department.") var department: String?
        @Option(help: "Only this person's jobs, training and CAPA actions.") var user: String?
        @Option(help: "text, json or html.") var format: RecordFormat = .text

        func run() throws {
            let records = try repo.open()
            let index = try updatedIndex(records)
            let board = try index.dashboard(DashboardFilter(from: from, to: to, equipment: equipment, area: area, department: department, user: user),
                                            records: records)
            switch format {
            case .json: try printJSON(board)
            case .html: print(DashboardPage.html(board), terminator: "")
            case .text: print(Self.text(board), terminator: "")
            }
        }

        static func text(_ board: Dashboard) -> String {
            func ids(_ list: [String]) -> String { list.isEmpty ? "" : ": " + list.prefix(20).joined(separator: ", ") + (list.count > 20 ? ", …" : "") }
            let pm = board.pm, wo = board.workOrders, cal = board.calibration
            var lines = ["Dashboard on \(board.today), at commit \(board.commit.prefix(12))", ""]
            lines.append("PM compliance: rate \(pm.rate.map { String(format: "%.1f%%", $0 * 100) } ?? "none decided yet"); "
                         + "on time \(pm.onTime), late \(pm.late), missed \(pm.missed), overdue \(pm.overdue), open \(pm.open)")
            lines.append("Work orders: open \(wo.open) (ages \(zip(Dashboard.Ages.labels, wo.byAge.values).map { "\($0) \($1)" }.joined(separator: ", "))); "
                         + "overdue \(wo.overdue)\(ids(wo.overdueRecords))")
            lines.append("Calibration: due in 30 days \(cal.dueIn30Days)\(ids(cal.dueRecords)); overdue \(cal.overdue)\(ids(cal.overdueRecords)); "
                         + "out of tolerance \(cal.outOfTolerance)\(ids(cal.outOfToleranceRecords))")
            lines.append("Deviations: open \(board.deviations.open) (\(board.deviations.byClass.keys.sorted().map { "\($0) \(board.deviations.byClass[$0] ?? 0)" }.joined(separator: ", "))); "
                         + "overdue \(board.deviations.overdue)\(ids(board.deviations.records))")
            lines.append("CAPA: open \(board.capa.open); actions overdue \(board.capa.overdueActions)\(ids(board.capa.records))")
            lines.append("Training due: \(board.training.due)\(ids(board.training.records))")
            lines.append("SOPs due for periodic review: \(board.sopReviewsDue)\(ids(board.sopReviewRecords))")
            lines.append("Audit-trail review: \(board.auditReview.overdue ? "OVERDUE" : "up to date"); last \(board.auditReview.last ?? "never"); "
                         + "\(board.auditReview.unreviewedActs) acts not yet reviewed")
            lines.append("Security alerts not acknowledged: \(board.alerts.unacknowledged)\(ids(board.alerts.records))")
            lines.append("Last recovery drill: \(board.lastDrill.result.map { "\($0) at \(board.lastDrill.time ?? "?") (\(board.lastDrill.id ?? ""))" } ?? "none yet")")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

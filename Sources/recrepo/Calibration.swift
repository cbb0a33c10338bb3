import ArgumentParser
import Documents
import Foundation
import RecordIndex
import RecordRepo

extension RecRepo {
    struct CalibrationCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cal", abstract: "Calibrations of instruments against reference standards.",
            subcommands: [Record.self, Approve.self, ShowCalibration.self, ListCalibrations.self, Due.self, Impact.self])
    }
}

extension RecRepo.CalibrationCommand {
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a calibration: the standards used and each point's readings; pass or fail is computed. Prints the CAL ID last.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The instrument's equipment ID.") var equipment: String
        @Option(help: "The calibration job it was done under.") var workOrder: String?
        @Option(help: "A reference standard used (repeat).") var standard: [String] = []
        @Option(help: "A point's reading as found, NAME=VALUE (repeat; every point).") var asFound: [String] = []
        @Option(help: "A point's reading as left after adjustment, NAME=VALUE (repeat; leave out when left as found).") var asLeft: [String] = []
        @OptionGroup var reason: ReasonOption

        func validate() throws { _ = try readings() }

        /// The readings by point, in the order the as-found readings were given.
        func readings() throws -> [CalibrationKind.Reading] {
            let found = try Self.pairs(asFound, option: "--as-found"), left = try Self.pairs(asLeft, option: "--as-left")
            for (name, _) in left where !found.contains(where: { $0.0 == name }) {
                throw ValidationError("--as-left \(name) has no --as-found \(name): give the reading as found first")
            }
            return found.map { name, value in CalibrationKind.Reading(point: name, asFound: value, asLeft: left.first { $0.0 == name }?.1) }
        }

        static func pairs(_ given: [String], option: String) throws -> [(String, Double)] {
            try given.map { text in
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let value = Double(parts[1]), value.isFinite else {
                    throw ValidationError("\(option) takes NAME=VALUE, such as low=2.01; \(text.debugDescription) is not one")
                }
                return (parts[0], value)
            }
        }

        func run() throws {
            let records = try repo.open()
            let done = try records.recordCalibration(equipment: equipment, workOrder: workOrder, standards: standard, readings: try readings(),
                                                     reason: reason.reason, by: try user.session(records))
            for point in done.points where !point.asFoundPass || !point.asLeftPass {
                print("  \(point.name): as found \(CanonicalJSON.number(point.asFound)) \(point.asFoundPass ? "within" : "OUT OF") tolerance"
                      + (point.asLeft.map { ", as left \(CanonicalJSON.number($0)) \(point.asLeftPass ? "within" : "OUT OF") tolerance" } ?? ""))
            }
            let next = done.nextDue.map { "next due \($0)" } ?? "the instrument is out of tolerance until a calibration leaves every point within"
            print("Recorded \(done.id) on \(done.equipment): \(done.result.rawValue); \(next)"
                  + (done.deviation.map { "; deviation \($0) opened" } ?? ""))
            print(done.id)
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a calibration (qa; never one's own).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The calibration ID.") var id: String
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let done = try records.approveCalibration(id, reason: reason.reason, by: try user.session(records))
            print("Approved \(done.id) (\(done.equipment), \(done.result.rawValue))")
        }
    }

    struct ShowCalibration: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A calibration: points, readings, standards and signatures.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The calibration ID.") var id: String
        @Option(help: "text, json or html.") var format: RecordFormat = .text

        func run() throws {
            let records = try repo.open()
            try RecRepo.Show.record(Calibration.self, kind: .calibration, id: id, field: "calibration ID", format: format, in: records) { done, export in
                var lines = ["Calibration \(done.id) of \(done.equipment): \(done.result.rawValue), \(done.status.rawValue)",
                             "Procedure \(done.procedure) revision \(done.procedureRevision); every \(done.interval.text); next due \(done.nextDue ?? "none (out of tolerance)")"]
                if let order = done.workOrder { lines.append("Work order \(order)") }
                if let deviation = done.deviation { lines.append("Deviation \(deviation)") }
                let standards = Table(title: "Standards", header: ["id", "certificate", "due", "uncertainty"],
                                      rows: done.standards.map { [$0.id, $0.certificate, $0.due, $0.uncertainty.text] })
                let points = Table(title: "Test points", header: ["point", "nominal", "tolerance", "as found", "", "as left", ""],
                                   rows: done.points.map { point in
                                       [point.name, "\(CanonicalJSON.number(point.nominal)) \(point.unit)",
                                        "± \(CanonicalJSON.number(point.tolerance))\(point.percent == true ? "%" : " \(point.unit)")",
                                        CanonicalJSON.number(point.asFound), point.asFoundPass ? "pass" : "FAIL",
                                        point.asLeft.map(CanonicalJSON.number) ?? "as found", point.asLeftPass ? "pass" : "FAIL"]
                                   })
                return lines.joined(separator: "\n") + "\n" + standards.text + points.text
                    + "Signatures (oldest first):\n" + RecRepo.Show.signatures(export.acts)
            }
        }
    }

    struct ListCalibrations: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Calibrations, oldest first.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "Only those of this instrument.") var equipment: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let done = try repo.open().calibrations(equipment: equipment)
            switch format {
            case .json: try printJSON(done)
            case .text:
                guard !done.isEmpty else { print("No calibration yet."); return }
                print(Table(title: "Calibrations", header: ["id", "equipment", "calibrated", "by", "result", "next due", "status", "deviation"],
                            rows: done.map { [$0.id, $0.equipment, $0.performedAt, $0.performedBy, $0.result.rawValue, $0.nextDue ?? "",
                                              $0.status.rawValue, $0.deviation ?? ""] }).text, terminator: "")
            }
        }
    }

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Instruments due for calibration within DAYS (30 by default), overdue, out of tolerance or never calibrated.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "How many days ahead.") var within: Int = Instrument.dueWindow
        @Option(help: "text or json.") var format: OutputFormat = .text

        func validate() throws {
            guard (0...366).contains(within) else { throw ValidationError("--within takes 0 to 366 days") }
        }

        func run() throws {
            let due = try repo.open().instruments(dueWithin: within)
            switch format {
            case .json: try printJSON(due)
            case .text:
                guard !due.isEmpty else { print("No instrument is due within \(within) days."); return }
                print(Table(title: "Instruments due within \(within) days", header: ["equipment", "name", "status", "next due", "last calibration", "procedure"],
                            rows: due.map { [$0.equipment, $0.name, $0.status.rawValue, $0.nextDue ?? "never calibrated", $0.lastCalibration ?? "", $0.procedure] }).text,
                      terminator: "")
            }
        }
    }
}

extension RecRepo.CalibrationCommand {
    struct Impact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a failed standard may have affected: the calibrations that used it and the jobs whose readings rest on them.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The reference standard's ID.") var standard: String
        @Option(help: "From this day, YYYY-MM-DD (default: the standard's last calibration).") var since: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let records = try repo.open()
            let impact = try updatedIndex(records).calibrationImpact(standard: standard, since: since, records: records)
            switch format {
            case .json: try printJSON(impact)
            case .text:
                print("Impact of reference standard \(impact.standard) since \(impact.since ?? "its first use"):")
                print(impact.calibrations.isEmpty ? "No calibration used it." :
                        Table(title: "Calibrations that used it", header: ["id", "instrument", "calibrated", "result", "status"],
                              rows: impact.calibrations.map { [$0.id, $0.equipment, $0.calibrated, $0.result ?? "", $0.status ?? ""] }).text,
                      terminator: impact.calibrations.isEmpty ? "\n" : "")
                print(impact.workOrders.isEmpty ? "No job took readings that rest on those calibrations." :
                        Table(title: "Jobs whose readings rest on them", header: ["work order", "equipment", "calibration", "steps with readings"],
                              rows: impact.workOrders.map { [$0.workOrder, $0.equipment, $0.calibration, $0.steps.map(String.init).joined(separator: ", ")] }).text,
                      terminator: impact.workOrders.isEmpty ? "\n" : "")
            }
        }
    }
}

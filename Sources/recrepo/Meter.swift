import ArgumentParser
import Documents
import Foundation
import RecordIndex
import RecordRepo

extension RecRepo {
    struct MeterCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meter", abstract: "Meter readings on equipment: who, when, what value.", subcommands: [Record.self, History.self])
    }
}

extension RecRepo.MeterCommand {
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a reading; a counter that goes down is refused unless the meter was replaced (--replacement).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The equipment ID.") var equipment: String
        @Argument(help: "The meter's name (hours, cycles…).") var meter: String
        @Argument(help: "The value read.") var value: String
        @Flag(help: "The meter was replaced: a counter starts again (give the reason).") var replacement = false
        @Option(help: "Why (default: Meter reading).") var reason: String?

        func validate() throws {
            guard let number = Double(value), number.isFinite else {
                throw ValidationError("the value must be a number such as 1250 or 12.5; \(value.debugDescription) is not one")
            }
            if replacement, reason == nil { throw ValidationError("--replacement needs a --reason saying why the meter was replaced") }
        }

        func run() throws {
            let records = try repo.open()
            let unit = try records.recordReading(equipment, meter: meter, value: Double(value) ?? .nan, replacement: replacement,
                                                 reason: reason ?? "Meter reading", by: try user.session(records))
            let unitName = unit.meter(meter)?.meter.unit ?? ""
            print("Recorded \(equipment) \(meter) = \(value) \(unitName)")
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every reading of one meter, oldest first: value, time, who.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The equipment ID.") var equipment: String
        @Argument(help: "The meter's name.") var meter: String
        @Option(help: "text, json or csv.") var format: ReportFormat = .text

        struct Entry: Encodable { let value: Double, at: String, by: String, replacement: Bool, commit: String }

        func run() throws {
            let records = try repo.open()
            guard let unit = try records.record(Equipment.self, kind: .equipment, id: equipment) else {
                throw CLIError.refused("\(equipment) is no equipment here")
            }
            guard unit.meter(meter) != nil else {
                throw CLIError.refused("\(equipment) has no meter \(meter.debugDescription); its meters are \((unit.meters ?? []).map(\.name).joined(separator: ", "))")
            }
            // Each act on the equipment from the index, its signature checked against its commit,
            // and the record read back at that commit: a reading is a change of the meter's reading.
            let index = try updatedIndex(records)
            let acts = try index.revisions(of: equipment)
            try index.confirm(acts.map(\.shown))
            var entries: [Entry] = [], last: Equipment.Reading?
            for act in acts {
                guard let commit = ObjectID(hex: act.commit),
                      let then = try records.record(Equipment.self, kind: .equipment, id: equipment, at: commit),
                      let reading = then.meter(meter)?.meter.reading, reading != last else { continue }
                last = reading
                entries.append(Entry(value: reading.value, at: reading.at, by: reading.by, replacement: reading.replacement == true, commit: act.commit))
            }
            let table = Table(title: "Readings of \(equipment) \(meter)", header: ["time", "value", "by", "replacement", "commit"],
                              rows: entries.map { [$0.at, CanonicalJSON.number($0.value), $0.by, $0.replacement ? "yes" : "", $0.commit] })
            switch format {
            case .json: try printJSON(entries)
            case .csv: print(table.csv, terminator: "")
            case .html: print(table.html, terminator: "")
            case .text: print(entries.isEmpty ? "No readings of \(equipment) \(meter) yet." : table.text, terminator: entries.isEmpty ? "\n" : "")
            }
        }
    }
}

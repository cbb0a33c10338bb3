import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct StandardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "standard", abstract: "Reference standards: certificates, traceability, due dates and uncertainty.",
            subcommands: [Add.self, Update.self, ListStandards.self])
    }

    struct InstrumentCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "instrument", abstract: "Make equipment an instrument: its calibration procedure, interval and test points.",
            subcommands: [SetInstrument.self])
    }
}

/// `VALUE UNIT`, as `--uncertainty` takes it: `0.05 bar`.
func parseQuantity(_ text: String, option: String) throws -> ReferenceStandard.Quantity {
    let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
    guard parts.count == 2, let value = Double(parts[0]), value.isFinite, !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError("\(option) takes a number and its unit, such as \"0.05 bar\"; \(text.debugDescription) is not one")
    }
    return ReferenceStandard.Quantity(value: value, unit: parts[1].trimmingCharacters(in: .whitespaces))
}

extension RecRepo.StandardCommand {
    /// The options of `standard add`, all optional for `update`.
    struct Fields: ParsableArguments {
        @Option(help: "What it is.") var name: String?
        @Option(help: "The calibration certificate's number.") var certificate: String?
        @Option(help: "The body that calibrated it.") var calibratedBy: String?
        @Option(help: "The certificate's statement of traceability to a national standard.") var traceability: String?
        @Option(help: "The day of its calibration, YYYY-MM-DD (the certificate's date).") var calibrated: String?
        @Option(help: "The last day it may be used, YYYY-MM-DD.") var due: String?
        @Option(help: "Its expanded uncertainty and unit, e.g. \"0.05 bar\".") var uncertainty: String?

        func apply(to definition: inout StandardKind.Definition) throws {
            if let name { definition.name = name }
            if let certificate { definition.certificate = certificate }
            if let calibratedBy { definition.calibratedBy = calibratedBy }
            if let traceability { definition.traceability = traceability }
            if let calibrated { definition.calibrated = calibrated }
            if let due { definition.due = due }
            if let uncertainty { definition.uncertainty = try parseQuantity(uncertainty, option: "--uncertainty") }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a reference standard under the plant's ID for it.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The standard's ID (STD-1).") var id: String
        @OptionGroup var fields: Fields
        @OptionGroup var reason: ReasonOption

        func run() throws {
            guard let name = fields.name, let certificate = fields.certificate, let calibratedBy = fields.calibratedBy,
                  let traceability = fields.traceability, let due = fields.due, let uncertainty = fields.uncertainty else {
                throw ValidationError("give --name, --certificate, --calibrated-by, --traceability, --due and --uncertainty")
            }
            let definition = StandardKind.Definition(name: name, certificate: certificate, calibratedBy: calibratedBy, traceability: traceability,
                                                     calibrated: fields.calibrated, due: due,
                                                     uncertainty: try parseQuantity(uncertainty, option: "--uncertainty"))
            let records = try repo.open()
            let standard = try records.addStandard(id, definition, reason: reason.reason, by: try user.session(records))
            print("Registered reference standard \(standard.id): certificate \(standard.certificate), due \(standard.due), uncertainty \(standard.uncertainty.text)")
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a reference standard (a new certificate after its calibration).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The standard's ID.") var id: String
        @OptionGroup var fields: Fields
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            var failure: (any Error)?
            let standard = try records.updateStandard(id, reason: reason.reason, by: try user.session(records)) { definition in
                do { try fields.apply(to: &definition) } catch { failure = error }
            }
            if let failure { throw failure }
            print("Updated reference standard \(standard.id): certificate \(standard.certificate), due \(standard.due)")
        }

        func validate() throws {
            if let uncertainty = fields.uncertainty { _ = try parseQuantity(uncertainty, option: "--uncertainty") }
        }
    }

    struct ListStandards: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every reference standard, with its due date.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let records = try repo.open()
            let standards = try records.standards()
            let today = try records.today()
            switch format {
            case .json: try printJSON(standards)
            case .text:
                guard !standards.isEmpty else { print("No reference standard yet."); return }
                print(Table(title: "Reference standards", header: ["id", "name", "certificate", "due", "uncertainty", "in calibration"],
                            rows: standards.map { standard in
                                [standard.id, standard.name, standard.certificate, standard.due, standard.uncertainty.text,
                                 today.text <= standard.due ? "yes" : "no: due \(standard.due)"]
                            }).text, terminator: "")
            }
        }
    }
}

extension RecRepo.InstrumentCommand {
    struct SetInstrument: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Give equipment its calibration procedure, interval and test points.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The equipment ID.") var equipment: String
        @Option(help: "The calibration procedure (an SOP ID).") var procedure: String
        @Option(help: "How often: \"12 months\" or \"90 days\".") var interval: String
        @Option(help: "A test point NAME:NOMINAL:UNIT:TOLERANCE, the tolerance ± in the unit or with % of the nominal (repeat).")
        var point: [String] = []
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            _ = try parsedInterval()
            _ = try point.map(Self.parsePoint)
        }

        func parsedInterval() throws -> Instrument.Interval {
            let parts = interval.split(separator: " ").map(String.init)
            guard parts.count == 2, let every = Int(parts[0]),
                  let unit = Instrument.Interval.Unit(rawValue: parts[1].hasSuffix("s") ? parts[1] : parts[1] + "s") else {
                throw ValidationError("--interval takes a count and days or months, such as \"12 months\"; \(interval.debugDescription) is not one")
            }
            return Instrument.Interval(every: every, unit: unit)
        }

        static func parsePoint(_ text: String) throws -> Instrument.TestPoint {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let percent = parts.count == 4 && parts[3].hasSuffix("%")
            guard parts.count == 4, let nominal = Double(parts[1]), let tolerance = Double(percent ? String(parts[3].dropLast()) : parts[3]) else {
                throw ValidationError("--point takes NAME:NOMINAL:UNIT:TOLERANCE[%], such as \"low:2:bar:0.05\" or \"high:100:°C:0.5%\"; \(text.debugDescription) is not one")
            }
            return Instrument.TestPoint(name: parts[0], nominal: nominal, unit: parts[2], tolerance: tolerance, percent: percent ? true : nil)
        }

        func run() throws {
            let records = try repo.open()
            let definition = EquipmentKind.InstrumentDefinition(procedure: procedure, interval: try parsedInterval(), points: try point.map(Self.parsePoint))
            let unit = try records.setInstrument(equipment, definition, reason: reason.reason, by: try user.session(records))
            print("\(unit.id) is an instrument: calibrated by \(procedure) every \(definition.interval.text) at \(definition.points.map(\.text).joined(separator: ", "))")
        }
    }
}

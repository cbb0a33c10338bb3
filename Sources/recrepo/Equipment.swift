import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct EquipmentCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "equipment", abstract: "The equipment register: systems and their components, status, documents and meters.",
            subcommands: [Add.self, Update.self, Status.self, ShowOne.self, ListAll.self, Tree.self, AttachDocument.self, Document.self])
    }
}

/// The options that describe equipment, shared by `add` and `update`.
struct EquipmentOptions: ParsableArguments {
    @Option(help: "What it is.") var name: String?
    @Option(help: "Its type (autoclave, pump…).") var type: String?
    @Option(help: "Its maker.") var make: String?
    @Option(help: "Its model.") var model: String?
    @Option(help: "Its serial number.") var serial: String?
    @Option(help: "Where it is.") var location: String?
    @Option(help: "The department responsible.") var department: String?
    @Option(help: "The system it is a component of (an equipment ID).") var parent: String?
    @Flag(inversion: .prefixedNo, help: "Whether it affects product quality.") var gmpCritical: Bool?
    @Option(name: .customLong("sop"), help: "An SOP that applies to it (repeat for several).") var documents: [String] = []
    @Option(name: .customLong("meter"), help: "A meter, NAME:UNIT:counter or NAME:UNIT:gauge (repeat for several).") var meters: [String] = []

    func validate() throws {
        for text in meters { _ = try Self.meter(text) }
    }

    /// Applies what was given to `description`; what was not given stays (meters were checked by `validate`).
    func apply(to description: inout EquipmentKind.Description) {
        if let name { description.name = name }
        if let type { description.type = type }
        if let make { description.make = make }
        if let model { description.model = model }
        if let serial { description.serialNumber = serial }
        if let location { description.location = location }
        if let department { description.department = department }
        if let parent { description.parent = parent }
        if let gmpCritical { description.gmpCritical = gmpCritical }
        if !documents.isEmpty { description.documents = Array(Set((description.documents ?? []) + documents)).sorted() }
        for text in meters {
            guard let meter = try? Self.meter(text) else { continue }
            var list = description.meters ?? []
            if let index = list.firstIndex(where: { $0.name == meter.name }) { list[index] = meter } else { list.append(meter) }
            description.meters = list
        }
    }

    static func meter(_ text: String) throws -> Equipment.Meter {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let kind = Equipment.Meter.Kind(rawValue: parts[2]) else {
            throw ValidationError("--meter \(text.debugDescription) must be NAME:UNIT:counter or NAME:UNIT:gauge, e.g. hours:h:counter")
        }
        return Equipment.Meter(name: parts[0], unit: parts[1], kind: kind)
    }
}

extension RecRepo.EquipmentCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a piece of equipment (e.g. PUMP-101); prints its ID last.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The equipment ID the plant uses, e.g. PUMP-101.") var id: String
        @OptionGroup var options: EquipmentOptions
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            guard options.name != nil else { throw ValidationError("--name is required: what the equipment is") }
        }

        func run() throws {
            let records = try repo.open()
            var description = EquipmentKind.Description(name: options.name ?? "")
            options.apply(to: &description)
            let equipment = try records.addEquipment(id, description, reason: reason.reason, by: try user.session(records))
            print("Added equipment \(equipment.id): \(Terminal.printable(equipment.name))")
            print(equipment.id)
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change what describes equipment; fields not given stay, --sop and --meter add (a meter with readings stays).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The equipment ID.") var id: String
        @OptionGroup var options: EquipmentOptions
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let session = try user.session(records)
            let options = options
            let equipment = try records.updateEquipment(id, reason: reason.reason, by: session) { options.apply(to: &$0) }
            print("Updated equipment \(equipment.id) (revision \(equipment.revision))")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put equipment in service or out of service, or retire it for good (a signed act with a reason).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The equipment ID.") var id: String
        @Argument(help: "in-service, out-of-service or retired.") var status: String
        @OptionGroup var reason: ReasonOption

        func validate() throws {
            guard Equipment.Status(word: status) != nil else {
                throw ValidationError("the status must be in-service, out-of-service or retired; \(status.debugDescription) is not one")
            }
        }

        func run() throws {
            let records = try repo.open()
            guard let next = Equipment.Status(word: status) else { throw ExitCode(2) }
            let equipment = try records.setEquipmentStatus(id, to: next, reason: reason.reason, by: try user.session(records))
            print("Equipment \(equipment.id) is now \(equipment.status.word)")
        }
    }
}

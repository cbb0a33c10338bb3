import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct EquipmentCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "equipment", abstract: "Equipment that work orders are done on.", subcommands: [Add.self])
    }
}

extension RecRepo.EquipmentCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a piece of equipment (e.g. PUMP-101).")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The equipment ID the plant uses, e.g. PUMP-101.") var id: String
        @Option(help: "What it is.") var name: String
        @Option(help: "Where it is.") var location: String?
        @Option(help: "The department responsible.") var department: String?
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let equipment = try records.addEquipment(id, name: name, location: location, department: department,
                                                     reason: reason.reason, by: try user.session(records))
            print("Added equipment \(equipment.id): \(Terminal.printable(equipment.name))")
            print(equipment.id)
        }
    }
}

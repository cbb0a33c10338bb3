import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct ImportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Bring in records from a legacy system, reconciled and signed.",
            subcommands: [MaintenanceHistoryImport.self])
    }
}

extension RecRepo.ImportCommand {
    struct MaintenanceHistoryImport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "maintenance-history",
            abstract: "Import legacy maintenance history from a CSV file as read-only records; prints the reconciliation's ID last.",
            discussion: """
                Each row becomes an imported maintenance record (MH-…) dated as its source, signed by you with the \
                meaning migration and the SHA-256 of the row. The import ends with a signed reconciliation (IMP-…): \
                the file's SHA-256, rows read, imported and refused (by row), and every record re-read and compared \
                with its row. A file that cannot be read is refused naming the row and the column, and nothing is \
                written. Importing the same file again adds nothing.
                """)
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The CSV file (RFC 4180, UTF-8, a header row).") var file: String
        @Option(help: "The column holding the date: YYYY-MM-DD, YYYY-MM-DD HH:MM:SS (the plant's time zone) or ISO 8601.")
        var dateColumn: String
        @Option(help: "The column naming the equipment.") var equipmentColumn: String
        @Option(help: "The column saying what was done.") var descriptionColumn: String
        @Option(help: "The column holding the type of work.") var typeColumn: String?
        @Option(help: "The column naming the technician.") var technicianColumn: String?
        @Option(help: "The column listing parts used.") var partColumn: String?
        @Option(help: "Put before a bare number to make the equipment ID: EQ- turns 17 into EQ-17.") var equipmentPrefix: String?
        @Option(help: "A two-column CSV with a header: the source's equipment, then its equipment ID.") var equipmentMap: String?
        @Flag(help: "Register equipment the file names that is not registered yet (otherwise its rows are refused).")
        var createEquipment = false
        @Option(help: "text or json.") var format: OutputFormat = .text
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let request = HistoryImport(
                name: URL(fileURLWithPath: file).lastPathComponent, data: try Self.read(file),
                columns: ImportReconciliation.Columns(date: dateColumn, equipment: equipmentColumn, description: descriptionColumn,
                                                      type: typeColumn, technician: technicianColumn, part: partColumn),
                prefix: equipmentPrefix, map: try equipmentMap.map { (URL(fileURLWithPath: $0).lastPathComponent, try Self.read($0)) },
                createEquipment: createEquipment)
            let session = try user.session(records)
            let outcome = try Progress.run("Importing \(request.name)") {
                try records.importHistory(request, reason: reason.reason, by: session)
            }
            let found = outcome.reconciliation
            if format == .json { return try printJSON(found) }
            for refusal in found.refused { print("refused: row \(refusal.row): \(Terminal.printable(refusal.reason))") }
            guard outcome.wrote else {
                print("Nothing added: \(found.alreadyImported) of \(found.rowsRead) rows were imported before, \(found.refused.count) refused;"
                    + " \(outcome.earlier ?? "an earlier import") reconciled this file (SHA-256 \(found.sha256))")
                return
            }
            if outcome.earlier != nil { print("This file was imported before (\(outcome.earlier ?? "")); only rows not yet imported were added") }
            print("Read \(found.rowsRead) rows of \(Terminal.printable(found.file)) (SHA-256 \(found.sha256))")
            print("Imported \(found.imported)\(found.first.map { " (\($0) to \(found.last ?? $0))" } ?? ""), already imported \(found.alreadyImported), refused \(found.refused.count)")
            if !found.equipmentCreated.isEmpty { print("Registered equipment: \(found.equipmentCreated.joined(separator: ", "))") }
            print("Re-read and compared \(found.compared): \(found.matched) match their rows"
                + (found.mismatches.isEmpty ? "" : ", \(found.mismatches.count) fields differ: "
                    + found.mismatches.prefix(20).map { "\($0.record) \($0.field)" }.joined(separator: "; ")))
            print(found.id)
        }

        static func read(_ path: String) throws -> Data {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.refused("cannot read \(path)") }
            return data
        }
    }
}

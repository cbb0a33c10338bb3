import ArgumentParser
import Documents
import Foundation

extension RecRepo.EquipmentCommand {
    struct ShowOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One piece of equipment: its description, components and meters.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The equipment ID.") var id: String
        @Option(help: "text, json or html.") var format: RecordFormat = .text

        func run() throws {
            let records = try repo.open()
            let all = try records.allEquipment()
            guard let unit = all.first(where: { $0.id == id }) else {
                throw CLIError.refused("\(id) is no equipment here; 'recrepo equipment list' lists it")
            }
            let components = all.filter { $0.parent == unit.id }.map(\.id)
            let rows = Self.lines(unit, components: components)
            switch format {
            case .json: try printJSON(unit)
            case .text:
                let width = rows.map(\.0.count).max() ?? 0
                for (label, value) in rows { print("\(label.padding(toLength: width, withPad: " ", startingAt: 0))  \(Terminal.printable(value))") }
                for line in ImportedHistory.lines(try ImportedHistory.records(of: unit.id, in: records)) { print(line) }
            case .html: print(Table(title: "Equipment \(unit.id)", header: ["field", "value"], rows: rows.map { [$0.0, $0.1] }).html, terminator: "")
            }
        }

        static func lines(_ unit: Equipment, components: [String]) -> [(String, String)] {
            var rows: [(String, String)] = [("Equipment", unit.id), ("Name", unit.name), ("Status", unit.status.word)]
            let optional: [(String, String?)] = [
                ("Type", unit.type), ("Make", unit.make), ("Model", unit.model), ("Serial number", unit.serialNumber),
                ("Location", unit.location), ("Department", unit.department), ("Part of", unit.parent),
                ("GMP-critical", unit.gmpCritical.map { $0 ? "yes" : "no" }),
                ("SOPs", unit.documents.map { $0.joined(separator: ", ") }),
                ("Components", components.isEmpty ? nil : components.joined(separator: ", ")),
            ]
            rows += optional.compactMap { label, value in value.map { (label, $0) } }
            for meter in unit.meters ?? [] {
                let reading = meter.reading.map { "\(CanonicalJSON.number($0.value)) \(meter.unit) at \($0.at) by \($0.by)\($0.replacement == true ? " (meter replaced)" : "")" }
                rows.append(("Meter \(meter.name)", "\(meter.kind.rawValue) in \(meter.unit); last reading: \(reading ?? "none yet")"))
            }
            for file in unit.attachments ?? [] {
                rows.append(("Document", "\(file.name), \(file.size) bytes, SHA-256 \(file.sha256) (attached by \(file.by) at \(file.at))"))
            }
            rows.append(("Created", "\(unit.createdAt) by \(unit.createdBy); revision \(unit.revision)"))
            return rows
        }
    }

    struct ListAll: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The equipment, filtered by location, department, status or parent.")
        @OptionGroup var repo: RepoOptions
        @Option(help: "Only at this location.") var location: String?
        @Option(help: "Only of this department.") var department: String?
        @Option(help: "Only in-service, out-of-service or retired.") var status: String?
        @Option(help: "Only the direct components of this equipment.") var parent: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func validate() throws {
            if let status, Equipment.Status(word: status) == nil {
                throw ValidationError("--status must be in-service, out-of-service or retired; \(status.debugDescription) is not one")
            }
        }

        func run() throws {
            let wanted = status.flatMap(Equipment.Status.init(word:))
            let found = try repo.open().allEquipment().filter { unit in
                (location == nil || unit.location == location) && (department == nil || unit.department == department)
                    && (wanted == nil || unit.status == wanted) && (parent == nil || unit.parent == parent)
            }
            switch format {
            case .json: try printJSON(found)
            case .text:
                let table = Table(title: "Equipment", header: ["id", "name", "status", "type", "location", "department", "parent"],
                                  rows: found.map { [$0.id, $0.name, $0.status.word, $0.type ?? "", $0.location ?? "", $0.department ?? "", $0.parent ?? ""] })
                print(found.isEmpty ? "No equipment matches." : table.text, terminator: found.isEmpty ? "\n" : "")
            }
        }
    }

    struct Tree: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Systems and their components, indented; from one equipment ID or the whole plant.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "Start at this equipment (default: every top-level system).") var id: String?

        func run() throws {
            let all = try repo.open().allEquipment()
            if let id, !all.contains(where: { $0.id == id }) { throw CLIError.refused("\(id) is no equipment here; 'recrepo equipment list' lists it") }
            var children: [String: [Equipment]] = [:]
            for unit in all { children[unit.parent ?? "", default: []].append(unit) }
            let known = Set(all.map(\.id))
            // Top level: no parent, or a parent that is not here (never the case for records written through recrepo).
            let roots = id.map { root in all.filter { $0.id == root } } ?? all.filter { $0.parent == nil || !known.contains($0.parent ?? "") }
            func show(_ unit: Equipment, depth: Int) {
                print(String(repeating: "  ", count: depth) + "\(unit.id)  \(Terminal.printable(unit.name))" + (unit.status == .active ? "" : "  [\(unit.status.word)]"))
                guard depth < 64 else { return }
                for child in children[unit.id] ?? [] { show(child, depth: depth + 1) }
            }
            for root in roots { show(root, depth: 0) }
        }
    }
}

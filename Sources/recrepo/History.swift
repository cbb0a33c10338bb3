import ArgumentParser
import Documents
import Foundation
import RecordIndex
import RecordRepo

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, html
}

/// Opens the derived index and brings it up to `main`; a rewritten history is said loudly.
func updatedIndex(_ records: Records) throws -> RecordIndex {
    let index = try RecordIndex.open(for: records)
    let update = try index.update()
    if let warning = update.warning { Terminal.warn("WARNING: \(warning)") }
    return index
}

extension RecRepo {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every change to one record, field by field, oldest first, with who signed it, when, what it meant and why.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The record ID (SOP-0001, WO-000001, PUMP-101, a user ID…).") var id: String
        @Option(help: "text, json, csv or html.") var format: ReportFormat = .text

        func run() throws {
            let rows = try updatedIndex(try repo.open()).history(of: id)
            guard !rows.isEmpty else { throw CLIError.refused("\(id) has no history: no such record") }
            let table = Table(
                title: "History of \(id)",
                header: ["time", "signer", "name", "meaning", "reason", "revision", "field", "old", "new", "commit"],
                rows: rows.map { [$0.time, $0.signer, $0.name, $0.meaning.rawValue, $0.reason, $0.revision.map(String.init) ?? "",
                                  $0.field, cell($0.old), cell($0.new), $0.commit] })
            switch format {
            case .json: try printJSON(rows)
            case .csv: print(table.csv, terminator: "")
            case .html: print(table.html, terminator: "")
            case .text: print(table.text, terminator: "")
            }
        }
    }

    struct IndexCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index", abstract: "The derived SQLite index beside the repository (never trusted over git).",
            subcommands: [Rebuild.self, Check.self])

        struct Rebuild: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Rebuild the index from the history, from scratch.")
            @OptionGroup var repo: RepoOptions

            func run() throws {
                let index = try RecordIndex.open(for: try repo.open())
                let rebuilt = try Progress.run("Rebuilding the index") { try index.rebuild() }
                if let warning = rebuilt.warning { Terminal.warn("WARNING: \(warning)") }
                print("Rebuilt the index at \(index.path)")
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Compare the index with a rebuild from the history; exit 1 on any difference.")
            @OptionGroup var repo: RepoOptions

            func run() throws {
                let index = try updatedIndex(try repo.open())
                let differences = try index.check()
                for difference in differences { print(difference) }
                if !differences.isEmpty { throw ExitCode(1) }
                print("The index equals a rebuild from the history")
            }
        }
    }
}

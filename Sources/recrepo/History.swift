import ArgumentParser
import Documents
import Foundation
import RecordIndex
import RecordRepo

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, html
}

/// `text` broken at spaces into lines of at most 100 columns, each starting with `indent`; a word
/// longer than a line is split, never dropped.
func wrapped(_ text: String, indent: String, width: Int = 100) -> String {
    var lines: [String] = [], line = indent
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        var word = Substring(word)
        while indent.count + word.count > width {
            if line != indent { lines.append(line); line = indent }
            lines.append(indent + word.prefix(width - indent.count))
            word = word.dropFirst(width - indent.count)
        }
        if line.count + (line == indent ? 0 : 1) + word.count > width { lines.append(line); line = indent }
        line += (line == indent ? "" : " ") + word
    }
    lines.append(line)
    return lines.joined(separator: "\n") + "\n"
}

/// Opens the derived index and brings it up to `main`; a rewritten history is said loudly. On a
/// copy that cannot be written (a mounted backup), the index is built for this command alone in a
/// temporary file: slower, but the question is answered and the copy is left untouched.
func updatedIndex(_ records: Records) throws -> RecordIndex {
    guard RecordIndex.isWritable(for: records) else {
        Terminal.warn("This copy cannot be written, so its index is built in a temporary file for this command alone")
        let index = try RecordIndex.temporary(for: records)
        _ = try Progress.run("Indexing the history") { try index.update() }
        return index
    }
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
            let records = try repo.open()
            let index = try updatedIndex(records)
            let rows = try index.history(of: id)
            try index.confirm(rows.map(\.shown))
            guard !rows.isEmpty else { throw CLIError.refused("\(id) has no history: no such record") }
            let kind = try? records.kind(of: id)
            let table = Table(
                title: "History of \(id)",
                header: ["time", "signer", "name", "meaning", "reason", "revision", "field", "old", "new", "commit"],
                rows: rows.map { [$0.time, $0.signer, $0.name, $0.meaning.rawValue, $0.reason, $0.revision.map(String.init) ?? "",
                                  $0.field, cell($0.old), cell($0.new), $0.commit] })
            switch format {
            case .json: try printJSON(rows)
            case .csv: print(table.csv, terminator: "")
            case .html: print(table.html, terminator: "")
            case .text: print(Self.text(rows, kind: kind, origin: Self.origins(of: rows, in: records)), terminator: "")
            }
        }

        /// One block per act, at most 100 columns, nothing cut: who signed, when, what it meant, the
        /// whole reason, then each field changed by its label.
        /// Where and with what each act was signed (`Event`, `Terminal`, versions), read from its commit.
        static func origins(of rows: [HistoryRow], in records: Records) -> [String: String] {
            var origins: [String: String] = [:]
            for commit in Set(rows.map(\.commit)) {
                guard let id = ObjectID(hex: commit), let act = try? records.ledger.act(id) else { continue }
                let signature = RecordExport.Signature(act)
                origins[commit] = [signature.event.map { "event \($0)" }, signature.origin.map { "at \($0)" }].compactMap { $0 }
                    .joined(separator: ", ")
            }
            return origins
        }

        static func text(_ rows: [HistoryRow], kind: RecordKind?, origin: [String: String] = [:]) -> String {
            var out = "", commit = ""
            for row in rows {
                if row.commit != commit {
                    commit = row.commit
                    out += (out.isEmpty ? "" : "\n") + "\(row.time)  \(Terminal.printable(row.name)) (\(row.signer))  \(row.meaning.rawValue)"
                        + "\(row.revision.map { "  r\($0)" } ?? "")  \(row.commit.prefix(12))\n"
                    out += wrapped("Reason: " + Terminal.printable(row.reason), indent: "  ")
                    if let place = origin[row.commit], !place.isEmpty { out += wrapped(Terminal.printable(place), indent: "  ") }
                }
                let label = kind.map { FieldLabels.label(row.field, kind: $0) } ?? row.field
                out += wrapped("\(label): \(row.old.map(cell) ?? "(none)") -> \(row.new.map(cell) ?? "(none)")", indent: "  ")
            }
            return out
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

import ArgumentParser
import Documents
import Foundation

extension RecRepo {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every record of one kind, one line each: its ID, status, revision and title or name.",
            discussion: "Kinds: \(RecordKind.allCases.map(\.name).joined(separator: ", ")). 'recrepo show ID' shows one record with its signatures.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The kind: \(RecordKind.allCases.map(\.name).joined(separator: ", ")).") var kind: String
        @Option(help: "text or json (the records themselves).") var format: OutputFormat = .text

        func validate() throws {
            guard RecordKind.allCases.contains(where: { $0.name == kind }) else {
                throw ValidationError("\(kind.debugDescription) is not a record kind; the kinds are \(RecordKind.allCases.map(\.name).joined(separator: ", "))")
            }
        }

        func run() throws {
            guard let kind = RecordKind.allCases.first(where: { $0.name == kind }) else { return }
            let records = try repo.open().list(kind)
            switch format {
            case .json: print(String(decoding: try CanonicalJSON.encode(JSONValue.array(records.map(\.record))), as: UTF8.self), terminator: "")
            case .text:
                if records.isEmpty { print("No \(kind.noun) records.") }
                for (id, record) in records { print(Self.line(id, record)) }
            }
        }

        /// `WO-000001  closed  r8  Weekly autoclave check`: the fields most kinds have, where present.
        static func line(_ id: String, _ record: JSONValue) -> String {
            guard case .object(let fields) = record else { return id }
            func text(_ key: String) -> String? {
                switch fields[key] {
                case .string(let value): Terminal.printable(value)
                case .integer(let value): String(value)
                default: nil
                }
            }
            return [id, text("status"), text("revision").map { "r\($0)" }, text("title") ?? text("name") ?? text("message")]
                .compactMap { $0 }.joined(separator: "  ")
        }
    }
}

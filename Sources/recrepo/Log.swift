import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every signed act, newest first.")

        @OptionGroup var repo: RepoOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        struct Entry: Encodable {
            let commit: String, time: String, signer: String, name: String, meaning: String, record: String
            let revision: Int?
            let reason: String
            let event: String?, terminal: String?, recrepoVersion: String?, schemaVersion: String?

            enum CodingKeys: String, CodingKey {
                case commit, time, signer, name, meaning, record, revision, reason, event, terminal, recrepoVersion, schemaVersion
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(commit, forKey: .commit)
                try container.encode(time, forKey: .time)
                try container.encode(signer, forKey: .signer)
                try container.encode(name, forKey: .name)
                try container.encode(meaning, forKey: .meaning)
                try container.encode(record, forKey: .record)
                try container.encode(revision, forKey: .revision)
                try container.encode(reason, forKey: .reason)
                try container.encode(event, forKey: .event)
                try container.encode(terminal, forKey: .terminal)
                try container.encode(recrepoVersion, forKey: .recrepoVersion)
                try container.encode(schemaVersion, forKey: .schemaVersion)
            }
        }

        func run() throws {
            let acts = try repo.open().ledger.log()
            let entries = acts.map {
                Entry(commit: $0.commit.hex, time: Timestamp.iso($0.time), signer: $0.signer, name: $0.signerName,
                      meaning: $0.meaning.rawValue, record: $0.record, revision: $0.revision, reason: $0.reason,
                      event: $0.event, terminal: $0.trailers.terminal, recrepoVersion: $0.trailers.softwareVersion,
                      schemaVersion: $0.trailers.schemaVersion)
            }
            switch format {
            case .json: try printJSON(entries)
            case .text:
                for (entry, act) in zip(entries, acts) {
                    let revision = entry.revision.map { " r\($0)" } ?? ""
                    print("\(entry.time)  \(entry.commit.prefix(12))  \(entry.meaning)  \(entry.record)\(revision)")
                    print("    \(Terminal.printable(act.summary))")
                    print("    signed by \(entry.name) <\(entry.signer)>: \(Terminal.printable(entry.reason))")
                    if let terminal = entry.terminal {
                        print("    \(entry.event.map { "event \($0), " } ?? "")at \(Terminal.printable(terminal)), recrepo \(entry.recrepoVersion ?? "?"), \(entry.schemaVersion ?? "?")")
                    }
                }
            }
        }
    }
}

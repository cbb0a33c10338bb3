import ArgumentParser
import Documents
import Foundation
import RecordIndex
import RecordRepo

extension RecRepo.Audit {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query",
            abstract: "Acts across all records, filtered (the default: 'recrepo audit --since 2026-11-01 --user jdoe').")
        @OptionGroup var repo: RepoOptions
        @Option(help: "From this day (YYYY-MM-DD, UTC, inclusive).") var since: String?
        @Option(help: "Up to this day (YYYY-MM-DD, UTC, inclusive).") var until: String?
        @Option(help: "Signed by this user ID.") var user: String?
        @Option(help: "Record kind: \(RecordKind.allCases.map(\.name).joined(separator: ", ")).") var kind: String?
        @Option(help: "One record ID.") var record: String?
        @Option(help: "Meaning: authorship, review, approval, execution, …") var meaning: String?
        @Option(help: "Equipment ID.") var equipment: String?
        @Option(help: "Department.") var department: String?
        @Option(help: "text, json, csv or html.") var format: ReportFormat = .text

        func validate() throws {
            for (name, day) in [("since", since), ("until", until)] {
                if let day, !SOPRevision.isDate(day) { throw ValidationError("--\(name) must be a calendar day written YYYY-MM-DD, e.g. 2026-02-28; \(day.debugDescription) is not one") }
            }
            if let kind, !RecordKind.allCases.contains(where: { $0.name == kind }) {
                throw ValidationError("--kind must be one of \(RecordKind.allCases.map(\.name).joined(separator: ", ")); \(kind.debugDescription) is not a record kind")
            }
            if let meaning, Meaning(rawValue: meaning) == nil {
                throw ValidationError("--meaning must be one of \(Meaning.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let records = try repo.open()
            if let user, (try? records.account(user)) == nil {
                let known = try records.accounts().map(\.id)
                throw CLIError.refused("--user \(user.debugDescription) has no account; the accounts are \(known.prefix(30).joined(separator: ", "))\(known.count > 30 ? ", …" : "")")
            }
            if let record, (try? records.kind(of: record)) == nil {
                throw CLIError.refused("--record \(record.debugDescription) is no record here; 'recrepo list KIND' lists the records of a kind")
            }
            if let equipment, (try? records.record(Equipment.self, kind: .equipment, id: equipment)) == nil {
                let known = try records.list(.equipment).map(\.id)
                throw CLIError.refused("--equipment \(equipment.debugDescription) is no equipment here; the equipment is \(known.prefix(30).joined(separator: ", "))\(known.count > 30 ? ", …" : "")")
            }
            let filter = AuditFilter(since: since, until: until, user: user, kind: kind, record: record,
                                     meaning: meaning.flatMap(Meaning.init(rawValue:)), equipment: equipment, department: department)
            let index = try updatedIndex(records)
            let acts = try index.audit(filter)
            try index.confirm(acts.map(\.shown))
            let table = Table(
                title: "Audit trail",
                header: ["time", "signer", "name", "meaning", "record", "revision", "equipment", "department", "reason", "commit"],
                rows: acts.map { [$0.time, $0.signer, $0.name, $0.meaning.rawValue, $0.record, $0.revision.map(String.init) ?? "",
                                  $0.equipment ?? "", $0.department ?? "", $0.reason, $0.commit] })
            switch format {
            case .json: try printJSON(acts)
            case .csv: print(table.csv, terminator: "")
            case .html: print(table.html, terminator: "")
            case .text: print(table.text, terminator: "")
            }
        }
    }
}

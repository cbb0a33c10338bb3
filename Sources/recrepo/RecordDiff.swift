import ArgumentParser
import Documents
import Foundation
import RecordIndex
import RecordRepo

extension RecRepo {
    struct RecordDiff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "What changed in a record between two revisions: fields for JSON records, lines for an SOP's markdown.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The record ID.") var id: String
        @Option(help: "The older revision.") var from: Int
        @Option(help: "The newer revision.") var to: Int

        func run() throws {
            let records = try repo.open()
            let acts = try updatedIndex(records).revisions(of: id)
            guard let kind = acts.first?.kind else { throw CLIError.refused("\(id) has no history: no such record") }
            func last(_ revision: Int) throws -> IndexedAct {
                guard let act = acts.last(where: { $0.revision == revision }) else {
                    let known = Set(acts.compactMap(\.revision)).sorted().map(String.init).joined(separator: ", ")
                    throw CLIError.refused("\(id) has no revision \(revision) (it has \(known))")
                }
                return act
            }
            let old = try last(from), new = try last(to)
            let path = try Self.path(kind: kind, id: id)
            func read(_ act: IndexedAct, _ path: String) throws -> Data? {
                guard let commit = ObjectID(hex: act.commit) else { return nil }
                return try records.ledger.read(try RecordPath(path), at: commit)
            }
            let before = try read(old, path).map { try JSONParser.parse($0) }
            let after = try read(new, path).map { try JSONParser.parse($0) }
            print("--- \(id) revision \(from) (\(old.commit.prefix(12)))\n+++ \(id) revision \(to) (\(new.commit.prefix(12)))")
            let recordKind = RecordKind.allCases.first { $0.name == kind }
            for change in FieldDiff.changes(from: before, to: after) {
                let label = recordKind.map { FieldLabels.label(change.field, kind: $0) } ?? change.field
                print(wrapped("\(label): \(change.old.map(cell) ?? "(none)") -> \(change.new.map(cell) ?? "(none)")", indent: ""), terminator: "")
            }
            if let recordKind, let body = try RecordID.bodyPath(kind: recordKind, id: id) {
                let oldBody = String(decoding: try read(old, body) ?? Data(), as: UTF8.self)
                let newBody = String(decoding: try read(new, body) ?? Data(), as: UTF8.self)
                print(LineDiff(from: oldBody, to: newBody).unified(), terminator: "")
            }
        }

        static func path(kind: String, id: String) throws -> String {
            guard let recordKind = RecordKind.allCases.first(where: { $0.name == kind }) else {
                throw CLIError.refused("\(id) is a \(kind), which has no revisions to compare")
            }
            return try RecordID.path(kind: recordKind, id: id)
        }
    }
}

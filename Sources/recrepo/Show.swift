import ArgumentParser
import Documents
import Foundation
import RecordRepo

extension RecRepo {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Any record of any kind: its fields and every signature on it (printed name, time, meaning, reason).",
            discussion: "The kind comes from the ID: SOP-0001, WO-000001, PUMP-101, DRILL-000001, AR-000001, ALERT-000001, a user ID, or 'policy'.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The record ID.") var id: String
        @Option(help: "text, json or html.") var format: RecordFormat = .text

        func run() throws {
            let records = try repo.open()
            let (export, head) = try records.recordExport(id)
            switch format {
            case .json: print(String(decoding: export.json, as: UTF8.self), terminator: "")
            case .html: print(ExportPage.html(export, head: head.hex, exportedAt: Timestamp.iso(Date())), terminator: "")
            case .text: print(Self.text(export), terminator: "")
            }
        }

        static func text(_ export: RecordExport) -> String {
            var out = "\(export.kind.noun.prefix(1).uppercased())\(export.kind.noun.dropFirst()) \(export.id)\n\nFields:\n"
            for row in ExportPage.tables(for: export).first?.rows ?? [] where row.count == 2 {
                out += "  \(row[0]): \(Terminal.printable(row[1]))\n"
            }
            if let body = export.body { out += "\nText: \(body.utf8.count) bytes of markdown ('recrepo sop show \(export.id)' renders it)\n" }
            return out + "\nSignatures (oldest first):\n" + signatures(export.acts)
        }

        /// One line per signature: time, printed name (user ID), meaning, reason; then event and origin.
        static func signatures(_ acts: [RecordExport.Signature]) -> String {
            acts.map { act in
                "  \(act.time)  \(Terminal.printable(act.name)) (\(act.signer))  \(act.meaning)\(act.revision.map { " r\($0)" } ?? "")"
                    + "  \(Terminal.printable(act.reason))\n"
                    + (act.event.map { "      event \($0)\(act.origin.map { ", at \(Terminal.printable($0))" } ?? "")\n" } ?? "")
            }.joined()
        }
    }
}

extension RecRepo.Show {
    /// The record `id` of `kind` in `format`: json is the record as stored (`recrepo show` gives it
    /// with its signatures and history), html its printable page with every signature, text what
    /// `text` makes of the record and its export (the generic fields and signatures are
    /// `Show.text(export)`).
    static func record<T: Decodable>(_ type: T.Type, kind: RecordKind, id: String, field: String, format: RecordFormat, in records: Records,
                                     text: (T, RecordExport) throws -> String) throws {
        try RecordID.validate(id, kind: kind, field: field)
        guard let record = try records.record(type, kind: kind, id: id) else { throw DocumentsError.notFound(record: id) }
        let (export, head) = try records.recordExport(id)
        switch format {
        case .json: print(String(decoding: CanonicalJSON.bytes(of: export.record), as: UTF8.self), terminator: "")
        case .html: print(ExportPage.html(export, head: head.hex, exportedAt: Timestamp.iso(Date())), terminator: "")
        case .text: print(try text(record, export), terminator: "")
        }
    }
}

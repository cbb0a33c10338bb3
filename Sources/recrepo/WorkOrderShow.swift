import ArgumentParser
import Documents
import Foundation
import RecordIndex
import RecordRepo
import SOPRender

enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, html
}

extension RecRepo.WorkOrderCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a work order, its steps and who signed them.")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The work order ID.") var id: String
        @Option(help: "text, json or html.") var format: RecordFormat = .text

        func run() throws {
            let records = try repo.open()
            let order = try records.workOrder(id)
            // The acts on the job from the derived index, each read back from its commit: no walk of
            // the whole history for a page a technician opens on the floor. Where the index cannot
            // be written (a read-only copy), the history is walked instead.
            let indexed = try? updatedIndex(records).revisions(of: order.id).map { row in
                guard let commit = ObjectID(hex: row.commit) else { throw CLIError.refused("the index names no commit \(row.commit)") }
                return RecordExport.Signature(try records.ledger.act(commit))
            }
            let signatures = try indexed ?? records.recordExport(order.id).export.acts
            let notice = try records.boundRevisionNotice(order)
            switch format {
            case .json: try printJSON(order)
            case .text:
                print(Self.text(order, notice: notice) + "\nSignatures (oldest first):\n" + RecRepo.Show.signatures(signatures), terminator: "")
            case .html:
                // The page carries the SOP revision the job was executed against, rendered, with its signatures.
                let executed = order.boundSOP == nil ? nil : try records.workOrderSOP(order.id)
                print(Self.html(order, notice: notice, signatures: signatures, executed: executed), terminator: "")
            }
        }

        static func lines(_ order: WorkOrder, notice: String?) -> [(String, String)] {
            var rows: [(String, String)] = notice.map { [("NOTICE", $0)] } ?? []
            rows += [
                ("Work order", order.id), ("Title", order.title), ("Status", order.status.rawValue),
                ("Equipment", order.equipment), ("SOP", order.boundSOP.map { "\($0.id) revision \($0.revision) (commit \($0.commit))" } ?? order.sop),
                ("Assigned to", order.assignee ?? order.assigneeRole.map { "anyone with the role \($0.rawValue)" } ?? "nobody yet"), ("Created", "\(order.createdAt) by \(order.createdBy)"),
            ]
            if let type = order.type { rows.append(("Type", type.rawValue + (order.repair == true ? " (repair that returns the equipment to service)" : ""))) }
            if let priority = order.priority { rows.append(("Priority", priority.rawValue)) }
            if let due = order.due { rows.append(("Due", due)) }
            if let request = order.request { rows.append(("Request", "accepted from \(request)")) }
            if let occurrence = order.occurrence {
                let reading = occurrence.reading.map { ", triggered by the reading \(CanonicalJSON.number($0)) at \(occurrence.readingAt ?? "?")" } ?? ""
                rows.append(("Plan", "\(occurrence.plan) occurrence \(occurrence.number), window \(occurrence.opens) to the end of \(occurrence.closes)"
                             + ", next due \(occurrence.nextDue)\(reading)"))
            }
            for entry in order.labour ?? [] {
                rows.append(("Labour", "\(entry.user) \(CanonicalJSON.number(entry.hours)) h (recorded by \(entry.by) at \(entry.at))"))
            }
            for part in order.parts ?? [] {
                rows.append(("Part", "\(CanonicalJSON.number(part.quantity)) x \(part.number) \(part.description)\(part.lot.map { ", lot \($0)" } ?? "") (recorded by \(part.by) at \(part.at))"))
            }
            for file in order.attachments ?? [] {
                rows.append(("Attachment", "\(file.name), \(file.size) bytes, SHA-256 \(file.sha256) (attached by \(file.by) at \(file.at))"))
            }
            if let at = order.startedAt { rows.append(("Started", at)) }
            for step in order.steps { rows += stepRows(step) }
            for (label, who, at) in [("Completed", order.completedBy, order.completedAt), ("Reviewed", order.reviewedBy, order.reviewedAt),
                                     ("Closed", order.closedBy, order.closedAt), ("Cancelled", order.cancelledBy, order.cancelledAt)] {
                if let who { rows.append((label, "\(at ?? "?") by \(who)")) }
            }
            return rows
        }

        static func text(_ order: WorkOrder, notice: String?) -> String {
            lines(order, notice: notice).map { "\($0.0): \(Terminal.printable($0.1))\n" }.joined()
        }

        static func html(_ order: WorkOrder, notice: String?, signatures: [RecordExport.Signature], executed: SOPRevisionView? = nil) -> String {
            let escape = ExportPage.escape
            let rows = lines(order, notice: notice).map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined(separator: "\n")
            let signed = signatures.map { act in
                "<tr><td>\(escape(act.time))</td><td>\(escape(act.name)) (\(escape(act.signer)))</td><td>\(escape(act.meaning))</td><td>\(escape(act.reason))</td></tr>"
            }.joined(separator: "\n")
            return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>\(escape(order.id))</title>
                <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem}th{text-align:left;vertical-align:top;padding-right:1rem}td{overflow-wrap:anywhere}</style>
                </head><body><h1>\(escape(order.id)): \(escape(order.title))</h1><table>
                \(rows)
                </table><h2>Signatures</h2><table>
                <tr><th>Date and time (UTC)</th><th>Printed name (user ID)</th><th>Meaning</th><th>Reason</th></tr>
                \(signed)
                </table>\(executed.map(Self.executedSection) ?? "")</body></html>

                """
        }
    }
}

extension RecRepo.WorkOrderCommand.Show {
    /// The SOP revision a job was executed against: its body rendered through cmark-gfm, then every
    /// signature on that revision.
    static func executedSection(_ view: SOPRevisionView) -> String {
        let escape = ExportPage.escape
        let signed = view.signatures.map { act in
            "<tr><td>\(escape(act.time))</td><td>\(escape(act.name)) (\(escape(act.signer)))</td><td>\(escape(act.meaning))</td><td>\(escape(act.reason))</td></tr>"
        }.joined(separator: "\n")
        return """

            <h2>SOP executed: \(escape(view.sop.id)) revision \(view.revision.number), \(escape(view.sop.title))</h2>
            <section class="sop">\(MarkdownRenderer.html(String(decoding: view.body, as: UTF8.self)))</section>
            <h3>Signatures on \(escape(view.sop.id)) revision \(view.revision.number)</h3><table>
            <tr><th>Date and time (UTC)</th><th>Printed name (user ID)</th><th>Meaning</th><th>Reason</th></tr>
            \(signed)
            </table>
            """
    }
}

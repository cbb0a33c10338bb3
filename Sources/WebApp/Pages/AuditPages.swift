import Documents
import Foundation
import Hummingbird
import RecordIndex
import RecordRepo

/// The auditor's audit trail: acts across all records filtered as `recrepo audit query` filters
/// them, one record's field-level history as `recrepo history` lists it (each with a CSV
/// download), a record's export as a self-contained page, and the signed audit-trail review.
/// Every row shown is first confirmed against its signed commit, as the CLI does.
enum AuditPages {
    static let messages = ["reviewed": "The audit-trail review is signed."]
    static let filters = [("since", "From (YYYY-MM-DD)", "date"), ("until", "Up to (YYYY-MM-DD)", "date"), ("user", "Signed by (user ID)", "text"),
                          ("kind", "Record kind", "text"), ("record", "Record ID", "text"), ("meaning", "Meaning", "text"),
                          ("equipment", "Equipment", "text"), ("department", "Department", "text")]
    static let actHeader = ["time", "signer", "name", "meaning", "record", "revision", "equipment", "department", "reason", "commit"]
    static let historyHeader = ["time", "signer", "name", "meaning", "reason", "revision", "field", "old", "new", "commit"]

    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/audit") { request, context in try await page(site, request, context, PageActs.notice(request, messages), .ok) }
        router.get("/audit/acts.csv") { request, context in
            let rows = try await acts(site, request, context).1
            return csv("audit-trail.csv", header: actHeader, rows: rows.map(actRow))
        }
        router.get("/audit/history.csv") { request, context in
            let (id, rows) = try await history(site, request, context)
            return csv("history-\(AttachmentRoutes.safeName(id)).csv", header: historyHeader, rows: rows.map(historyRow))
        }
        router.get("/audit/export") { request, context in
            let session = try context.signedIn()
            let id = value(request, "id") ?? ""
            let page = try await site.read { records in
                _ = try reader(records, session)
                let (export, head) = try records.recordExport(id)
                return ExportPage.html(export, head: head.hex, exportedAt: Timestamp.iso(records.now))
            }
            var response = Response.html(page)
            response.headers[.contentDisposition] = "attachment; filename=\"\(AttachmentRoutes.safeName(id)).html\""
            return response
        }
        let render: PageRender = { context, notice, status in try await page(site, nil, context, notice, status) }
        PageActs.post(router, site, "/audit/review", render: render) { form, _ in
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in _ = try records.reviewAuditTrail(reason: reason, by: session) }, "/audit?done=reviewed")
        }
    }

    static func reader(_ records: Records, _ session: WebSession) throws -> Viewer {
        let viewer = try records.viewer(session)
        guard viewer.account.has(.auditor) || viewer.account.has(.qa) else {
            throw WebError.forbidden("the audit trail is for the roles auditor and qa; your roles include neither")
        }
        return viewer
    }

    /// A query parameter's text; nil when absent or blank.
    static func value(_ request: Request?, _ name: String) -> String? {
        guard let text = request?.uri.queryParameters.get(name) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func filter(_ request: Request?) throws -> AuditFilter? {
        guard let request, filters.contains(where: { value(request, $0.0) != nil }) else { return nil }
        for name in ["since", "until"] {
            if let day = value(request, name), !SOPRevision.isDate(day) {
                throw WebError.badInput(field: name, reason: "\(day.debugDescription) is not a calendar day written YYYY-MM-DD")
            }
        }
        let meaning = try value(request, "meaning").map { text in
            guard let meaning = Meaning(rawValue: text) else {
                throw WebError.badInput(field: "meaning", reason: "one of \(Meaning.allCases.map(\.rawValue).joined(separator: ", ")), not \(text.debugDescription)")
            }
            return meaning
        }
        return AuditFilter(since: value(request, "since"), until: value(request, "until"), user: value(request, "user"),
                           kind: value(request, "kind"), record: value(request, "record"), meaning: meaning,
                           equipment: value(request, "equipment"), department: value(request, "department"))
    }

    static func acts(_ site: Site, _ request: Request?, _ context: WebContext) async throws -> (Viewer, [IndexedAct]) {
        let session = try context.signedIn()
        let wanted = try filter(request) ?? AuditFilter()
        return try await site.index { records, index in
            let viewer = try reader(records, session)
            let acts = try index.audit(wanted)
            try index.confirm(acts.map(\.shown))
            return (viewer, acts)
        }
    }

    static func history(_ site: Site, _ request: Request?, _ context: WebContext) async throws -> (String, [HistoryRow]) {
        let session = try context.signedIn()
        guard let id = value(request, "id") else { throw WebError.badInput(field: "id", reason: "name the record whose history to show") }
        let rows = try await site.index { records, index in
            _ = try reader(records, session)
            let rows = try index.history(of: id)
            try index.confirm(rows.map(\.shown))
            return rows
        }
        guard !rows.isEmpty else { throw WebError.notFound("a record \(id)") }
        return (id, rows)
    }

    static func actRow(_ act: IndexedAct) -> [String] {
        [act.time, act.signer, act.name, act.meaning.rawValue, act.record, act.revision.map(String.init) ?? "", act.equipment ?? "",
         act.department ?? "", act.reason, act.commit]
    }

    static func historyRow(_ row: HistoryRow) -> [String] {
        [row.time, row.signer, row.name, row.meaning.rawValue, row.reason, row.revision.map(String.init) ?? "", row.field,
         row.old.map(RecordPages.text) ?? "", row.new.map(RecordPages.text) ?? "", row.commit]
    }

    static func csv(_ name: String, header: [String], rows: [[String]]) -> Response {
        func field(_ value: String) -> String {
            value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        let text = ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func page(_ site: Site, _ request: Request?, _ context: WebContext, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let (viewer, audit) = try await site.read { records in (try reader(records, session), try records.auditStatus()) }
        var main = "<h2>Audit-trail review</h2>\n" + HTML.facts([
            ("Last review", audit.lastReview.map { "\($0.time) by \($0.signer), through \($0.through)" } ?? "none yet"),
            ("Acts not yet reviewed", "\(audit.unreviewed)"), ("Overdue", audit.overdue ? "yes, a review is due" : "no"),
        ])
        main += HTML.form("/audit/review", csrf: viewer.csrf, HTML.signature(meaning: Meaning.auditReview.rawValue, record: "the audit trail",
                                                                            id: "review", button: "Sign the review"))
        main += "<h2>One record's history</h2>\n<form class=\"filters\" method=\"get\" action=\"/audit\">\n"
            + HTML.field("id", label: "Record ID", id: "history-id", extra: " value=\"\(HTML.e(value(request, "id") ?? ""))\"")
            + "<button type=\"submit\">Show its history</button>\n</form>\n"
        if let id = value(request, "id") {
            let rows = try await history(site, request, context).1
            main += "<p>\(HTML.link("/audit/history.csv?id=\(HTML.path(id))", "Download the history as CSV")) · "
                + "\(HTML.link("/audit/export?id=\(HTML.path(id))", "Download the record's export")) · \(HTML.record(id))</p>\n"
            main += HTML.table(caption: "History of \(id)", header: historyHeader, rows: rows.map { historyRow($0).map(HTML.e) })
        }
        main += "<h2>Acts</h2>\n<form class=\"filters\" method=\"get\" action=\"/audit\">\n"
        for (name, label, type) in filters {
            main += HTML.field(name, label: label, id: "filter-\(name)", type: type, extra: " value=\"\(HTML.e(value(request, name) ?? ""))\"")
        }
        main += "<button type=\"submit\">Filter</button>\n</form>\n"
        if try filter(request) != nil {
            let acts = try await Self.acts(site, request, context).1
            let query = filters.compactMap { name, _, _ in value(request, name).map { "\(name)=\(HTML.path($0))" } }.joined(separator: "&")
            main += "<p>\(acts.count) act\(acts.count == 1 ? "" : "s"). \(HTML.link("/audit/acts.csv?\(query)", "Download as CSV"))</p>\n"
            main += HTML.table(header: actHeader, rows: acts.prefix(500).map { actRow($0).map(HTML.e) })
            if acts.count > 500 { main += "<p class=\"muted\">The first 500 are shown; the CSV holds them all.</p>\n" }
        }
        return Response.html(Page("Audit trail", notice: notice, main).html(for: viewer), status: status)
    }
}

import Documents
import Foundation
import Hummingbird
import RecordRepo

/// Any record by its ID: its fields as they stand, its field-level history and its signatures
/// (`records.recordExport`). A job is shown on its own page; the search form leads to either.
enum RecordPages {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/search") { request, context in
            let session = try context.signedIn()
            let viewer = try await site.read { records in try records.viewer(session) }
            guard let id = request.uri.queryParameters["id"].map({ String($0).trimmingCharacters(in: .whitespaces) }), !id.isEmpty else {
                return Response.html(Page("Find a record", form(nil)).html(for: viewer))
            }
            do {
                let kind = try await site.read { records in try records.recordExport(id).export.kind }
                return Response.redirect(address(id, kind))
            } catch {
                guard let refusal = WebError.from(error), refusal.status.code < 500 else { throw error }
                return Response.html(Page("Find a record", notice: .error(refusal.description), form(id)).html(for: viewer), status: refusal.status)
            }
        }
        router.get("/records/:id") { _, context in
            let session = try context.signedIn()
            let id = try context.parameters.require("id")
            let (viewer, export) = try await site.read { records in (try records.viewer(session), try records.recordExport(id).export) }
            if export.kind == .workOrder { return Response.redirect(address(id, export.kind)) }
            // An account holds how the person's identity was checked: only its owner and those who
            // manage or audit accounts read it.
            if export.kind == .account, id != viewer.account.id, ![Role.admin, .qa, .auditor].contains(where: viewer.account.has) {
                throw WebError.forbidden("another person's account is for the roles admin, qa and auditor; your roles include none of them")
            }
            return Response.html(Page("\(export.kind.noun) \(id)", html(export)).html(for: viewer))
        }
    }

    static func address(_ id: String, _ kind: RecordKind) -> String {
        switch kind {
        case .workOrder: "/jobs/\(HTML.path(id))"
        case .equipment: "/equipment/\(HTML.path(id))"
        default: "/records/\(HTML.path(id))"
        }
    }

    static func form(_ id: String?) -> String {
        "<form class=\"filters\" method=\"get\" action=\"/search\">\n"
            + HTML.field("id", label: "Record ID (WO-000001, SOP-0001, DEV-…, AC-101…)", id: "search-id", required: true,
                         extra: " value=\"\(HTML.e(id ?? ""))\" autocapitalize=\"characters\"")
            + "<button type=\"submit\">Find</button>\n</form>\n"
    }

    static func html(_ export: RecordExport) -> String {
        var out = ""
        if case .object(let fields) = export.record {
            out += HTML.facts(fields.keys.sorted().map { ($0, text(fields[$0] ?? .null)) })
        }
        if let body = export.body { out += "<h2>Body of the latest revision</h2>\n<pre>\(HTML.e(body))</pre>\n" }
        out += "<h2>Field history</h2>\n" + HTML.table(header: ["Time (UTC)", "Signed by", "Meaning", "Field", "Was", "Became"], rows: export.history.map {
            [HTML.e($0.act.time), HTML.e($0.act.signer), HTML.e($0.act.meaning), HTML.e($0.change.field),
             HTML.e($0.change.old.map(text) ?? ""), HTML.e($0.change.new.map(text) ?? "")]
        })
        out += "<h2>Signatures</h2>\n" + HTML.table(header: ["Time (UTC)", "Signed by", "Meaning", "Reason"], rows: export.acts.map {
            [HTML.e($0.time), HTML.e("\($0.name) (\($0.signer))"), HTML.e($0.meaning), HTML.e($0.reason)]
        })
        return out
    }

    /// A value as one line of text: strings as they are, the rest as canonical JSON.
    static func text(_ value: JSONValue) -> String {
        if case .string(let string) = value { return string }
        return String(decoding: CanonicalJSON.bytes(of: value), as: UTF8.self)
    }
}

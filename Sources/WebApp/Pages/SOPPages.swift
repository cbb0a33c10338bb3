import Documents
import Foundation
import Hummingbird
import RecordRepo
import SOPRender

/// Document control's SOPs: the list, one SOP with any revision (those not in force marked), the
/// diff between two revisions, and the acts of the revision's life: a new SOP, a new revision
/// from a markdown text, submit, review and reject. QA reads them too and approves from the queue.
enum SOPPages {
    static let messages = [
        "created": "The SOP is created as a draft of revision 1.", "revised": "The draft revision is saved.",
        "submitted": "The revision is submitted for review.", "reviewed": "The review is signed; QA approves from the approval queue.",
        "rejected": "The revision is sent back as a draft.",
    ]
    /// The largest markdown body a form may carry.
    static let bodyLimit = 1024 * 1024

    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/sops") { request, context in try await list(site, context, PageActs.notice(request, messages), .ok) }
        router.get("/sops/:id") { request, context in
            try await show(site, context, request: request, PageActs.notice(request, messages), .ok)
        }
        let listed: PageRender = { context, notice, status in try await list(site, context, notice, status) }
        PageActs.post(router, site, "/sops", limit: bodyLimit, render: listed) { form, _ in
            let title = try form.required("title", label: "Title")
            let body = Data(try form.required("body", label: "Markdown").utf8)
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in _ = try records.createSOP(title: title, body: body, reason: reason, by: session) }, "/sops?done=created")
        }
        let shown: PageRender = { context, notice, status in try await show(site, context, request: nil, notice, status) }
        PageActs.post(router, site, "/sops/:id/revise", limit: bodyLimit, render: shown) { form, context in
            let id = try context.parameters.require("id")
            let body = Data(try form.required("body", label: "Markdown").utf8)
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in _ = try records.reviseSOP(id, body: body, reason: reason, by: session) }, "/sops/\(HTML.path(id))?done=revised")
        }
        SOPUpload.register(on: router, site: site)
        for (verb, done) in [("submit", "submitted"), ("review", "reviewed"), ("reject", "rejected")] {
            PageActs.post(router, site, "/sops/:id/\(verb)", render: shown) { form, context in
                let id = try context.parameters.require("id")
                let reason = try form.required("reason", label: "Reason")
                return ({ records, session in
                    switch verb {
                    case "submit": _ = try records.submitSOP(id, reason: reason, by: session)
                    case "review": _ = try records.reviewSOP(id, reason: reason, by: session)
                    default: _ = try records.rejectSOP(id, reason: reason, by: session)
                    }
                }, "/sops/\(HTML.path(id))?done=\(done)")
            }
        }
    }

    static func reader(_ records: Records, _ session: WebSession) throws -> Viewer {
        let viewer = try records.viewer(session)
        guard viewer.account.has(.documentControl) || viewer.account.has(.qa) else {
            throw WebError.forbidden("the SOPs are for the roles document-control and qa; your roles include neither")
        }
        return viewer
    }

    static func list(_ site: Site, _ context: WebContext, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let (viewer, sops, today) = try await site.read { records in (try reader(records, session), try records.sops(), try records.today().text) }
        var main = HTML.table(caption: "SOPs", header: ["SOP", "Title", "In force", "Revisions"], rows: sops.map { sop in
            [HTML.link("/sops/\(HTML.path(sop.id))", sop.id), HTML.e(sop.title),
             HTML.e(sop.effectiveRevision(today: today).map { "revision \($0.number)" } ?? "none"),
             HTML.e(sop.revisions.map { "\($0.number) \($0.status.rawValue)" }.joined(separator: ", "))]
        })
        if viewer.account.has(.documentControl) {
            let fields = HTML.field("title", label: "Title", id: "new-title", required: true)
                + HTML.textarea("body", label: "Markdown of revision 1", id: "new-body", required: true)
                + HTML.signature(meaning: Meaning.authorship.rawValue, record: "a new SOP", id: "new", button: "Create the SOP")
            main += "<h2>New SOP</h2>\n" + HTML.form("/sops", csrf: viewer.csrf, fields)
        }
        return Response.html(Page("SOPs", notice: notice, main).html(for: viewer), status: status)
    }

    static func show(_ site: Site, _ context: WebContext, request: Request?, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let id = try context.parameters.require("id")
        let query = request?.uri.queryParameters
        let wanted = query?["revision"].flatMap { Int(String($0)) }
        let diff = (query?["from"].flatMap { Int(String($0)) }, query?["to"].flatMap { Int(String($0)) })
        let (viewer, sop, view, changes, today) = try await site.read { records in
            let viewer = try reader(records, session)
            let sop = try records.sopRecord(id)
            let view = try records.sopRevision(id, number: wanted ?? sop.revisions.last?.number)
            var changes: LineDiff?
            if let from = diff.0, let to = diff.1 {
                changes = LineDiff(from: String(decoding: try records.sopRevision(id, number: from).body, as: UTF8.self),
                                   to: String(decoding: try records.sopRevision(id, number: to).body, as: UTF8.self))
            }
            return (viewer, sop, view, changes, try records.today().text)
        }
        let page = SOPPage(sop: sop, view: view, changes: changes, diff: diff, today: today, viewer: viewer)
        return Response.html(Page("\(sop.id): \(sop.title)", notice: notice, page.html).html(for: viewer), status: status)
    }
}

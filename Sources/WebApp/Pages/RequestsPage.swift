import Documents
import Foundation
import Hummingbird
import RecordRepo

/// The supervisor's requests: each open maintenance request, accepted into a corrective job (SOP,
/// assignee, priority, due date) or declined with a reason, through the same services as
/// `recrepo wo request accept|decline`.
enum RequestsPage {
    static let messages = ["accepted": "The request is accepted; its job is created.", "declined": "The request is declined."]

    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/requests") { request, context in
            try await Self.render(site, context, PageActs.notice(request, messages), .ok)
        }
        let render: PageRender = { context, notice, status in try await Self.render(site, context, notice, status) }
        PageActs.post(router, site, "/requests/:id/accept", render: render) { form, context in
            let id = try context.parameters.require("id")
            let sop = try form.required("sop", label: "SOP")
            let assignee = form.optional("assignee")
            let priority = try form.optional("priority").map { text in
                guard let priority = WorkOrder.Priority(rawValue: text) else {
                    throw WebError.badInput(field: "priority", reason: "one of \(WorkOrder.Priority.allCases.map(\.rawValue).joined(separator: ", ")), not \(text.debugDescription)")
                }
                return priority
            }
            let due = form.optional("due")
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in
                _ = try records.acceptRequest(id, sop: sop, assignee: assignee, priority: priority, due: due, reason: reason, by: session)
            }, "/requests?done=accepted")
        }
        PageActs.post(router, site, "/requests/:id/decline", render: render) { form, context in
            let id = try context.parameters.require("id")
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in _ = try records.declineRequest(id, reason: reason, by: session) }, "/requests?done=declined")
        }
    }

    static func render(_ site: Site, _ context: WebContext, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let (viewer, requests, sops) = try await site.read { records in
            let viewer = try records.viewer(session, needs: .supervisor, for: "the requests page")
            let today = try records.today().text
            let sops = try records.sops().filter { $0.effectiveRevision(today: today) != nil }.map { ($0.id, $0.title) }
            return (viewer, try records.requests(open: true), sops)
        }
        let items = requests.map { request in
            let id = "rq-\(request.id)"
            var out = "<h2>\(HTML.e(request.id)): \(HTML.e(request.title))</h2>\n"
            out += HTML.facts([("Equipment", request.equipment), ("Raised", "\(request.raisedAt) by \(request.raisedBy)"), ("Description", request.description)])
            let options = sops.map { "<option value=\"\(HTML.e($0.0))\">\(HTML.e("\($0.0): \($0.1)"))</option>" }.joined()
            let priorities = WorkOrder.Priority.allCases.map { "<option value=\"\($0.rawValue)\"\($0 == .normal ? " selected" : "")>\($0.rawValue)</option>" }.joined()
            let accept = "<label for=\"\(HTML.e(id))-sop\">SOP to follow</label><select id=\"\(HTML.e(id))-sop\" name=\"sop\" required>\(options)</select>\n"
                + HTML.field("assignee", label: "Assign to (user ID; empty: unassigned)", id: "\(id)-assignee")
                + "<label for=\"\(HTML.e(id))-priority\">Priority</label><select id=\"\(HTML.e(id))-priority\" name=\"priority\">\(priorities)</select>\n"
                + HTML.field("due", label: "Due (YYYY-MM-DD)", id: "\(id)-due", type: "date")
                + HTML.signature(meaning: Meaning.authorship.rawValue, record: request.id, id: "\(id)-a", button: "Accept into a job")
            out += HTML.form("/requests/\(HTML.path(request.id))/accept", csrf: viewer.csrf, accept)
            out += "<details><summary>Decline \(HTML.e(request.id))</summary>\n"
                + HTML.form("/requests/\(HTML.path(request.id))/decline", csrf: viewer.csrf,
                            HTML.signature(meaning: Meaning.rejection.rawValue, record: request.id, id: "\(id)-d", button: "Decline the request"))
                + "</details>\n"
            return out
        }
        let main = items.isEmpty ? "<p class=\"muted\">No open requests.</p>\n" : items.joined()
        return Response.html(Page("Requests (\(requests.count) open)", notice: notice, main).html(for: viewer), status: status)
    }
}

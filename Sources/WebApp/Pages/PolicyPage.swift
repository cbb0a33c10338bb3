import Documents
import Foundation
import Hummingbird
import RecordRepo

/// The administrator's policy page: the policy in force as `recrepo policy show` gives it, the
/// change waiting for approval, and the form that proposes one (QA approves it from the queue).
enum PolicyPage {
    static let messages = ["proposed": "The change is proposed; it takes effect when someone with policy.approve approves it."]

    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/policy") { request, context in try await Self.render(site, context, PageActs.notice(request, messages), .ok) }
        let render: PageRender = { context, notice, status in try await Self.render(site, context, notice, status) }
        PageActs.post(router, site, "/policy/propose", render: render) { form, _ in
            func lines(_ name: String) -> [String] {
                (form.optional(name) ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let grant = lines("grant"), revoke = lines("revoke"), set = lines("set")
            guard !(grant.isEmpty && revoke.isEmpty && set.isEmpty) else {
                throw WebError.badInput(field: "change", reason: "give at least one grant, revoke or setting")
            }
            let proposal = try PolicyKind.Proposal(parsingGrants: grant, revokes: revoke, settings: set)
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in _ = try records.proposePolicyChange(proposal, reason: reason, by: session) }, "/policy?done=proposed")
        }
    }

    static func render(_ site: Site, _ context: WebContext, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let (viewer, policy) = try await site.read { records in
            (try records.viewer(session, needs: .admin, for: "the policy page"), try records.policy())
        }
        var rows = Policy.Setting.allCases.map { ($0.rawValue, $0.text(of: policy.value(of: $0))) }
        rows.append(("timeZone", policy.timeZone ?? "UTC"))
        var main = "<h2>Policy revision \(policy.revision)</h2>\n" + HTML.facts(rows)
        main += HTML.table(caption: "Permissions", header: ["Permission", "Roles"], rows: Permission.allCases.map { permission in
            let roles = policy.roles(for: permission).map(\.rawValue)
            return [HTML.e(permission.rawValue), HTML.e(roles.isEmpty ? "nobody" : roles.joined(separator: ", "))]
        })
        if let pending = policy.pending {
            main += "<h2>Waiting for approval</h2>\n<p>\(HTML.e(pending.summary)) <span class=\"muted\">proposed by \(HTML.e(pending.proposedBy)) at "
                + "\(HTML.e(pending.proposedAt)); someone else with policy.approve approves or rejects it from the approval queue.</p>\n"
        } else {
            let fields = HTML.textarea("grant", label: "Grant, one PERMISSION:ROLE a line (wo.cancel:qa)", id: "grant")
                + HTML.textarea("revoke", label: "Revoke, one PERMISSION:ROLE a line", id: "revoke")
                + HTML.textarea("set", label: "Set, one KEY=VALUE a line (lockoutThreshold=3, timeZone=Europe/Berlin)", id: "set")
                + HTML.signature(meaning: Meaning.authorship.rawValue, record: "policy", id: "propose", button: "Propose the change")
            main += "<h2>Propose a change</h2>\n" + HTML.form("/policy/propose", csrf: viewer.csrf, fields)
        }
        return Response.html(Page("Policy", notice: notice, main).html(for: viewer), status: status)
    }
}

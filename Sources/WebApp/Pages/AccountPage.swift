import Documents
import Foundation
import Hummingbird
import RecordRepo

/// "My account": the person's roles and password age, the acknowledgement that their electronic
/// signature binds them (the first act of every account), and the password change. Sign-in sends
/// here whenever either is due, since nothing else can be signed before them.
enum AccountPage {
    static let messages = [
        "acknowledged": "Your acknowledgement is signed; your signatures now bind you.",
        "password": "Your password is changed; a new signing key replaces the old one.",
    ]

    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/account") { request, context in
            try await Self.render(site, context, PageActs.notice(request, messages), .ok)
        }
        let render: PageRender = { context, notice, status in try await Self.render(site, context, notice, status) }
        PageActs.post(router, site, "/account/acknowledge", render: render) { _, _ in
            ({ records, session in _ = try records.acknowledge(by: session) }, "/account?done=acknowledged")
        }
        PageActs.post(router, site, "/account/password", render: render) { form, _, old in
            let new = try form.required("new", label: "New password")
            let again = try form.required("repeat", label: "New password again")
            guard new == again else { throw WebError.badInput(field: "New password again", reason: "it differs from the new password; type the same twice") }
            // The password the form signs with is the current one; the service checks it again as the old password.
            return ({ records, session in try records.changePassword(session, to: new, oldPassword: old) }, "/account?done=password")
        }
        router.post("/account/issue/:id") { request, context in
            do {
                let issued: IssuedCredential = try await PageActs.sign(request, context, site) { form, context, _ in
                    let id = try context.parameters.require("id")
                    let reason = try form.required("reason", label: "Reason")
                    return { records, session in try records.issueCredential(id, password: nil, reason: reason, by: session) }
                }
                return try await Self.render(site, context, .done("The second half of \(issued.account.id)'s one-time password is "
                    + "\(issued.oneTimePassword) (shown this once): give it to the person yourself."), .ok)
            } catch {
                return try await PageActs.refused(error, context, render)
            }
        }
    }

    static func render(_ site: Site, _ context: WebContext, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let (viewer, policy, age, toIssue) = try await site.read { records in
            let viewer = try records.viewer(session)
            let policy = try records.policy()
            let age = Timestamp.parse(viewer.account.passwordSetAt).map { Int(records.now.timeIntervalSince($0) / 86_400) }
            let toIssue = try records.accounts().filter { $0.custodian == viewer.account.id && $0.currentKey == nil && $0.status == .active }
            return (viewer, policy, age, toIssue.map(\.id))
        }
        let account = viewer.account
        var main = HTML.facts([
            ("User ID", account.id), ("Name", account.name),
            ("Roles", account.roles.map(\.rawValue).joined(separator: ", ")),
            ("Password set", "\(account.passwordSetAt)" + (age.map { " (\($0) days ago; it must be changed every \(policy.passwordMaxAgeDays) days)" } ?? "")),
            ("Signature acknowledged", account.acknowledgedAt ?? "not yet"),
        ])
        if account.acknowledgedAt == nil {
            main += "<h2>Acknowledge your electronic signature</h2>\n<p>Before you can sign anything else, sign this statement with your password:</p>\n"
                + "<blockquote>\(HTML.e(Account.acknowledgement))</blockquote>\n"
                + HTML.form("/account/acknowledge", csrf: viewer.csrf, HTML.signature(meaning: Meaning.acknowledgement.rawValue, record: "user \(account.id)",
                                                                                    id: "ack", reason: false, button: "Sign the acknowledgement"))
        }
        let due: String? = account.mustChangePassword ? "Your password is a one-time password: change it before signing anything else."
            : age.flatMap { $0 > policy.passwordMaxAgeDays ? "Your password is older than \(policy.passwordMaxAgeDays) days: change it before signing anything else." : nil }
        main += "<h2>Change your password</h2>\n" + (due.map { "<p class=\"notice\" role=\"status\">\(HTML.e($0))</p>\n" } ?? "")
        let fields = HTML.field("new", label: "New password", id: "new-password", type: "password", required: true, extra: " autocomplete=\"new-password\"")
            + HTML.field("repeat", label: "New password again", id: "repeat-password", type: "password", required: true, extra: " autocomplete=\"new-password\"")
            + "<p class=\"muted\">At least \(policy.passwordMinLength) characters, different from your recent passwords.</p>\n"
            + HTML.signature(meaning: Meaning.securityEvent.rawValue, record: "user \(account.id)", id: "pw", reason: false, button: "Change the password")
        main += HTML.form("/account/password", csrf: viewer.csrf, fields)
        if !toIssue.isEmpty {
            main += "<h2>One-time passwords for you to issue</h2>\n"
            for id in toIssue {
                main += HTML.form("/account/issue/\(HTML.path(id))", csrf: viewer.csrf,
                                  HTML.signature(meaning: Meaning.administration.rawValue, record: "user \(id)", id: "issue-\(id)",
                                                 button: "Issue the second half for \(id)"))
            }
        }
        return Response.html(Page("My account", notice: notice, main).html(for: viewer), status: status)
    }
}

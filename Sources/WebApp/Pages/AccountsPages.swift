import Documents
import Foundation
import Hummingbird
import RecordRepo

/// The administrator's accounts: the list, and a new account under dual control: the page shows
/// the administrator's half of the one-time password once, and the custodian (another admin or
/// qa) issues the second half from their own account page (`AccountPage`).
enum AccountsPages {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/accounts") { _, context in try await Self.render(site, context, nil, .ok) }
        let render: PageRender = { context, notice, status in try await Self.render(site, context, notice, status) }
        router.post("/accounts") { request, context in
            do {
                let issued: IssuedCredential = try await PageActs.sign(request, context, site) { form, _, _ in
                    let id = try form.required("id", label: "User ID")
                    let name = try form.required("name", label: "Name")
                    let roles = Role.allCases.filter { form.flag("role.\($0.rawValue)") }
                    guard !roles.isEmpty else { throw WebError.badInput(field: "Roles", reason: "choose at least one role") }
                    let department = form.optional("department")
                    let identity = Account.Identity(method: try form.required("identityMethod", label: "Identity checked by"),
                                                    reference: try form.required("identityReference", label: "Identity reference"))
                    let custodian = try form.required("custodian", label: "Custodian")
                    let reason = try form.required("reason", label: "Reason")
                    return { records, session in
                        try records.addUser(id, name: name, roles: roles, department: department, identity: identity, custodian: custodian,
                                            password: nil, reason: reason, by: session)
                    }
                }
                let custodian = issued.account.custodian ?? "the custodian"
                return try await Self.render(site, context, .done("Account \(issued.account.id) is created. The first half of its one-time password is "
                    + "\(issued.oneTimePassword) (shown this once): give it to the person yourself. \(custodian) issues the second half "
                    + "from their account page."), .ok)
            } catch {
                return try await PageActs.refused(error, context, render)
            }
        }
    }

    static func render(_ site: Site, _ context: WebContext, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let (viewer, accounts) = try await site.read { records in
            (try records.viewer(session, needs: .admin, for: "the accounts page"), try records.accounts())
        }
        var main = HTML.table(caption: "Accounts", header: ["User ID", "Name", "Roles", "Status", "Signature acknowledged", "Password set"],
                              rows: accounts.map { account in
            let status = account.currentKey == nil && account.custodian != nil && account.status == .active
                ? "waiting for \(account.custodian ?? "") to issue" : account.status.rawValue
            return [HTML.record(account.id), HTML.e(account.name), HTML.e(account.roles.map(\.rawValue).joined(separator: ", ")), HTML.e(status),
                    HTML.e(account.acknowledgedAt ?? "not yet"), HTML.e(account.passwordSetAt)]
        })
        let custodians = accounts.filter { $0.id != viewer.account.id && $0.status == .active && ($0.has(.admin) || $0.has(.qa)) }
        var fields = HTML.field("id", label: "User ID (never reused)", id: "new-id", required: true, extra: " autocapitalize=\"none\"")
            + HTML.field("name", label: "Full printed name", id: "new-name", required: true)
            + "<fieldset><legend>Roles</legend>\n"
        for role in Role.allCases {
            fields += "<label class=\"check\"><input type=\"checkbox\" name=\"role.\(role.rawValue)\" value=\"1\"> \(HTML.e(role.rawValue))</label>\n"
        }
        fields += "</fieldset>\n" + HTML.field("department", label: "Department", id: "new-department")
            + HTML.field("identityMethod", label: "Identity checked by (passport, badge, HR record…)", id: "new-identity-method", required: true)
            + HTML.field("identityReference", label: "Identity reference (the document's number)", id: "new-identity-reference", required: true)
            + "<label for=\"new-custodian\">Custodian who issues the second half</label><select id=\"new-custodian\" name=\"custodian\" required>"
            + custodians.map { "<option value=\"\(HTML.e($0.id))\">\(HTML.e("\($0.id) (\($0.name))"))</option>" }.joined() + "</select>\n"
            + HTML.signature(meaning: Meaning.administration.rawValue, record: "a new account", id: "new", button: "Create the account")
        main += "<h2>Add a user</h2>\n" + HTML.form("/accounts", csrf: viewer.csrf, fields)
        return Response.html(Page("Accounts", notice: notice, main).html(for: viewer), status: status)
    }
}

import Documents
import Foundation
import SOPRender

/// The placeholders of `templates/web/layout.html`.
enum LayoutSlot: String, TemplateSlot {
    case title, account, nav, notice, main
}

/// One page of the application in the common layout: the person signed in, the pages their roles
/// open, and the content.
struct Page: Sendable {
    var title: String
    var main: String
    /// A message above the content: what was just recorded, or why something was refused.
    var notice: Notice?

    enum Notice: Sendable {
        case done(String), error(String), warning(String)

        var html: String {
            switch self {
            case .done(let text): "<p class=\"done\" role=\"status\">\(HTML.e(text))</p>"
            case .error(let text): "<p class=\"error\" role=\"alert\">\(HTML.e(text))</p>"
            case .warning(let text): "<p class=\"notice\" role=\"status\">\(HTML.e(text))</p>"
            }
        }
    }

    init(_ title: String, notice: Notice? = nil, _ main: String) {
        self.title = title
        self.main = main
        self.notice = notice
    }

    static let layout: Template<LayoutSlot> = {
        do {
            return try TemplateLibrary(files: EmbeddedFiles.contents).template("layout.html", placeholders: Set(LayoutSlot.allCases))
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// The page for `viewer` (nil: not signed in).
    func html(for viewer: Viewer?) -> String {
        Self.layout.render { slot in
            switch slot {
            case .title: .field(title)
            case .account: .markup(viewer.map(Self.account) ?? "")
            case .nav: .markup(Self.nav(viewer))
            case .notice: .markup(notice?.html ?? "")
            case .main: .markup(main)
            }
        }
    }

    static func account(_ viewer: Viewer) -> String {
        "<p class=\"who\">\(HTML.e(viewer.account.name)) (\(HTML.e(viewer.account.id))) "
            + HTML.form("/sign-out", csrf: viewer.csrf, class: "inline", "<button type=\"submit\">Sign out</button>\n") + "</p>"
    }

    /// The pages a person's roles open; what a role may not read is not offered (§11.10(d)).
    static func nav(_ viewer: Viewer?) -> String {
        guard let viewer else { return "<ul><li>" + HTML.link("/sign-in", "Sign in") + "</li></ul>" }
        var links: [(String, String)] = [("/", "My jobs")]
        for (role, pages) in Self.pages where viewer.account.has(role) {
            for page in pages where !links.contains(where: { $0.0 == page.0 }) { links.append(page) }
        }
        links += [("/dashboard", "Dashboard"), ("/equipment", "Equipment"), ("/search", "Find a record"), ("/account", "My account")]
        return "<ul>" + links.map { "<li>\(HTML.link($0.0, $0.1))</li>" }.joined() + "</ul>"
    }

    static let pages: [(Role, [(String, String)])] = [
        (.supervisor, [("/requests", "Requests"), ("/plans", "PM plans"), ("/review", "Jobs to review")]),
        (.qa, [("/queue", "Approval queue"), ("/plans", "PM plans"), ("/sops", "SOPs"), ("/audit", "Audit trail")]),
        (.documentControl, [("/sops", "SOPs")]),
        (.auditor, [("/audit", "Audit trail")]),
        (.admin, [("/accounts", "Accounts"), ("/policy", "Policy")]),
    ]
}

/// The person a page is rendered for.
struct Viewer: Sendable {
    let account: Account
    let csrf: String
}

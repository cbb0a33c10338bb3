import Documents
import Foundation
import Hummingbird
import RecordIndex

/// The dashboard for everyone: the same figures as `recrepo dashboard`, computed from the index at
/// its last commit, with the same filters as a GET form. The figures and charts come from
/// `DashboardPage.sections` (no inline style; the charts are coloured by the site's style sheet).
enum DashboardRoutes {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/dashboard") { request, context in
            let session = try context.signedIn()
            let query = request.uri.queryParameters
            func value(_ name: String) -> String? {
                query.get(name).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            }
            let filter = DashboardFilter(from: value("from"), to: value("to"), equipment: value("equipment"), area: value("area"),
                                         department: value("department"), user: value("user"))
            let (viewer, board) = try await site.index { records, index in
                (try records.viewer(session), try index.dashboard(filter, records: records))
            }
            var main = "<p class=\"muted\">Plant day \(HTML.e(board.today)), computed at commit <code>\(HTML.e(String(board.commit.prefix(12))))</code>.</p>\n"
            main += "<form class=\"filters\" method=\"get\" action=\"/dashboard\">\n"
            for (name, label, type) in [("from", "Due from", "date"), ("to", "Due to", "date"), ("equipment", "Equipment", "text"),
                                        ("area", "Area (system)", "text"), ("department", "Department", "text"), ("user", "Person", "text")] {
                main += HTML.field(name, label: label, id: "filter-\(name)", type: type, extra: " value=\"\(HTML.e(value(name) ?? ""))\"")
            }
            main += "<button type=\"submit\">Show</button>\n</form>\n"
            main += "<div class=\"dashboard\">\n" + DashboardPage.sections(board) + "</div>\n"
            return Response.html(Page("Dashboard", main).html(for: viewer))
        }
    }
}

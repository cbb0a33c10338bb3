import Documents
import Hummingbird
import RecordIndex

/// QA's one approval queue: everything waiting for a QA signature, each linking to the page
/// where it is signed.
enum QueuePage {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/queue") { _, context in
            let session = try context.signedIn()
            let (viewer, sections) = try await site.index { records, index in
                guard let account = try records.account(session.user) else { throw WebError.signInRequired }
                guard account.has(.qa) else { throw WebError.forbidden("the approval queue is QA's; your roles do not include qa") }
                let toClose = try index.jobs(JobQuery(statuses: [WorkOrder.Status.reviewed.rawValue]))
                let sections: [(String, [String])] = [
                    ("Jobs to close", toClose.map { job in
                        HTML.link("/jobs/\(HTML.path(job.id))", "\(job.id): \(job.title ?? "")") + " <span class=\"muted\">\(HTML.e(job.equipment ?? ""))</span>"
                    }),
                ]
                return (Viewer(account: account, csrf: session.csrf), sections)
            }
            var main = ""
            for (title, items) in sections {
                main += "<h2>\(HTML.e(title)) (\(items.count))</h2>\n"
                main += items.isEmpty ? "<p class=\"muted\">Nothing waiting.</p>\n" : "<ul class=\"jobs\">\n" + items.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
            }
            return Response.html(Page("Approval queue", main).html(for: viewer))
        }
    }
}

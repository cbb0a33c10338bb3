import Documents
import Hummingbird
import RecordIndex

/// "My jobs": the jobs still to do that are assigned to the person or to one of their roles,
/// overdue first, then today's, then those to come.
enum HomePage {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/") { _, context in
            let session = try context.signedIn()
            let (viewer, groups) = try await site.index { records, index in
                guard let account = try records.account(session.user) else { throw WebError.signInRequired }
                let today = try records.today().text
                var query = JobQuery(statuses: [WorkOrder.Status.open.rawValue, WorkOrder.Status.inProgress.rawValue])
                query.assignees = [account.id] + account.roles.map { "@" + $0.rawValue }
                let jobs = try index.jobs(query)
                let overdue = jobs.filter { ($0.due ?? "9999") < today }
                let due = jobs.filter { $0.due == today }
                let later = jobs.filter { ($0.due ?? "9999") > today }
                return (Viewer(account: account, csrf: session.csrf), [("Overdue", overdue), ("Today, \(today)", due), ("Upcoming", later)])
            }
            var main = ""
            for (title, jobs) in groups {
                main += "<h2>\(HTML.e(title)) (\(jobs.count))</h2>\n"
                main += jobs.isEmpty ? "<p class=\"muted\">None.</p>\n" : "<ul class=\"jobs\">\n" + jobs.map(item).joined() + "</ul>\n"
            }
            return Response.html(Page("My jobs", main).html(for: viewer))
        }
    }

    static func item(_ job: IndexedJob) -> String {
        let due = job.due.map { "due \($0)" } ?? "no due date"
        return "<li>\(HTML.link("/jobs/\(HTML.path(job.id))", "\(job.id): \(job.title ?? "")"))<br>"
            + "<span class=\"muted\">\(HTML.e(job.equipment ?? "")) · \(HTML.e(job.status ?? "")) · \(HTML.e(due))</span></li>\n"
    }
}

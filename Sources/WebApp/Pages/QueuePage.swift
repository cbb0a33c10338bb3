import Documents
import Foundation
import Hummingbird
import RecordIndex
import RecordRepo

/// QA's one approval queue: everything waiting for a QA signature, each either carrying its
/// signing form or linking to the page where it is signed. The forms post to `QueueActs`.
enum QueuePage {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/queue") { request, context in
            try await render(site, context, PageActs.notice(request, QueueActs.messages), .ok)
        }
        QueueActs.register(on: router, site: site)
    }

    /// What the queue holds at head.
    struct Waiting: Sendable {
        var viewer: Viewer
        var sops: [(SOP, SOPRevision)] = []
        var pendingEffective: [(SOP, SOPRevision)] = []
        var jobs: [IndexedJob] = []
        var calibrations: [Calibration] = []
        var deviations: [Deviation] = []
        var capas: [CAPA] = []
        var policy: PolicyChange?
        var alerts: [Alert] = []
    }

    static func render(_ site: Site, _ context: WebContext, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let waiting = try await site.index { records, index in
            var waiting = Waiting(viewer: try records.viewer(session, needs: .qa, for: "the approval queue"))
            for sop in try records.sops() {
                for revision in sop.revisions {
                    if revision.status == .inReview { waiting.sops.append((sop, revision)) }
                    if revision.status == .approved { waiting.pendingEffective.append((sop, revision)) }
                }
            }
            waiting.jobs = try index.jobs(JobQuery(statuses: [WorkOrder.Status.reviewed.rawValue]))
            waiting.calibrations = try records.calibrations().filter { $0.status == .recorded }
            waiting.deviations = try records.deviations(open: true).filter { $0.status == .assessed || $0.status == .approved }
            waiting.capas = try records.capas(open: true).filter { $0.status == .implemented || $0.status == .effective }
            waiting.policy = try records.policy().pending
            waiting.alerts = try records.alerts(open: true)
            return waiting
        }
        let page = Page("Approval queue", notice: notice, html(waiting))
        return Response.html(page.html(for: waiting.viewer), status: status)
    }

    static func html(_ w: Waiting) -> String {
        let csrf = w.viewer.csrf
        var out = PageActs.section("SOP revisions in review", id: "sops", w.sops.map { sop, revision in
            let title = "\(sop.id) revision \(revision.number): \(sop.title)"
            guard let reviewer = revision.reviewer else {
                return HTML.link("/sops/\(HTML.path(sop.id))", title) + " <span class=\"muted\">waiting for its review by document control</span>"
            }
            let id = "sop-\(sop.id)"
            let fields = "<p class=\"muted\">Authors \(HTML.e(revision.authors.joined(separator: ", "))); reviewed by \(HTML.e(reviewer)).</p>\n"
                + HTML.field("effective", label: "Effective from (YYYY-MM-DD; empty: today)", id: "\(id)-effective", type: "date")
                + HTML.signature(meaning: Meaning.approval.rawValue, record: "\(sop.id) revision \(revision.number)", id: id, button: "Approve")
            return HTML.link("/sops/\(HTML.path(sop.id))", title) + HTML.form("/queue/sops/\(HTML.path(sop.id))/approve", csrf: csrf, fields)
        })
        out += PageActs.section("Approved, not yet effective", id: "pending", w.pendingEffective.map { sop, revision in
            HTML.link("/sops/\(HTML.path(sop.id))", "\(sop.id) revision \(revision.number): \(sop.title)")
                + " <span class=\"muted\">effective from \(HTML.e(revision.effectiveDate ?? "?"))</span>"
        })
        out += PageActs.section("Jobs to close", id: "jobs", w.jobs.map { job in
            HTML.link("/jobs/\(HTML.path(job.id))", "\(job.id): \(job.title ?? "")") + " <span class=\"muted\">\(HTML.e(job.equipment ?? ""))</span>"
        })
        out += PageActs.section("Calibrations to approve", id: "cals", w.calibrations.map { cal in
            HTML.record(cal.id) + " \(HTML.e(cal.equipment)): \(HTML.e(cal.result.rawValue)), by \(HTML.e(cal.performedBy)) at \(HTML.e(cal.performedAt))"
                + sign("/queue/calibrations/\(HTML.path(cal.id))/approve", csrf, meaning: .approval, record: cal.id, id: "cal-\(cal.id)", button: "Approve")
        })
        out += PageActs.section("Deviations waiting on QA", id: "devs", w.deviations.map { dev in
            let (verb, button) = dev.status == .assessed ? ("approve", "Approve the investigation") : ("close", "Close the deviation")
            return HTML.record(dev.id) + " \(HTML.e(dev.title)) <span class=\"muted\">\(HTML.e(dev.classification.rawValue)), \(HTML.e(dev.status.rawValue))</span>"
                + sign("/queue/deviations/\(HTML.path(dev.id))/\(verb)", csrf, meaning: .approval, record: dev.id, id: "dev-\(dev.id)", button: button)
        })
        out += PageActs.section("CAPAs waiting on QA", id: "capas", w.capas.map { capa in
            let id = "capa-\(capa.id)"
            let head = HTML.record(capa.id) + " \(HTML.e(capa.title)) <span class=\"muted\">\(HTML.e(capa.status.rawValue))</span>"
            if capa.status == .effective {
                return head + sign("/queue/capas/\(HTML.path(capa.id))/close", csrf, meaning: .approval, record: capa.id, id: id, button: "Close the CAPA")
            }
            let fields = "<label for=\"\(HTML.e(id))-effective\">Were the actions effective?</label><select id=\"\(HTML.e(id))-effective\" name=\"effective\">"
                + "<option value=\"yes\">yes, effective</option><option value=\"no\">no, not effective</option></select>\n"
                + HTML.signature(meaning: Meaning.verification.rawValue, record: capa.id, id: id, button: "Sign the verification")
            return head + HTML.form("/queue/capas/\(HTML.path(capa.id))/verify", csrf: csrf, fields)
        })
        out += PageActs.section("Policy change waiting for approval", id: "policy", w.policy.map { change in
            ["\(HTML.e(change.summary)) <span class=\"muted\">proposed by \(HTML.e(change.proposedBy)) at \(HTML.e(change.proposedAt))</span>"
                + sign("/queue/policy/approve", csrf, meaning: .approval, record: "policy", id: "policy-approve", button: "Approve the change")
                + sign("/queue/policy/reject", csrf, meaning: .rejection, record: "policy", id: "policy-reject", button: "Reject the change")]
        } ?? [])
        out += PageActs.section("Security alerts to acknowledge", id: "alerts", w.alerts.map { alert in
            HTML.record(alert.id) + " \(HTML.e(alert.kind.rawValue)): \(HTML.e(alert.message)) <span class=\"muted\">\(HTML.e(alert.raisedAt))</span>"
                + sign("/queue/alerts/\(HTML.path(alert.id))/acknowledge", csrf, meaning: .review, record: alert.id, id: "alert-\(alert.id)", button: "Acknowledge")
        })
        return out
    }

    /// A form that signs `record` with `meaning`, a reason and the password.
    static func sign(_ action: String, _ csrf: String, meaning: Meaning, record: String, id: String, button: String) -> String {
        HTML.form(action, csrf: csrf, HTML.signature(meaning: meaning.rawValue, record: record, id: id, button: button))
    }
}

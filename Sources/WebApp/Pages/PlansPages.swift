import Documents
import Foundation
import Hummingbird
import RecordIndex
import RecordRepo

/// The supervisor's jobs to review (each links to its job page, which carries the review form) and
/// the PM plans, with the revision awaiting approval and QA's approval form.
enum PlansPages {
    static let messages = ["approved": "The plan revision is approved and in force."]

    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/review") { _, context in
            let session = try context.signedIn()
            let (viewer, jobs) = try await site.index { records, index in
                (try records.viewer(session, needs: .supervisor, for: "the review list"),
                 try index.jobs(JobQuery(statuses: [WorkOrder.Status.completed.rawValue])))
            }
            let main = PageActs.section("Completed, waiting for review", id: "review", jobs.map { job in
                HTML.link("/jobs/\(HTML.path(job.id))", "\(job.id): \(job.title ?? "")")
                    + " <span class=\"muted\">\(HTML.e(job.equipment ?? "")) · \(HTML.e(job.assignee ?? ""))</span>"
            }, empty: "No job is waiting for review.")
            return Response.html(Page("Jobs to review", main).html(for: viewer))
        }
        router.get("/plans") { request, context in
            try await Self.render(site, context, PageActs.notice(request, messages), .ok)
        }
        let render: PageRender = { context, notice, status in try await Self.render(site, context, notice, status) }
        PageActs.post(router, site, "/plans/:id/approve", render: render) { form, context in
            let id = try context.parameters.require("id")
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in _ = try records.approvePlan(id, reason: reason, by: session) }, "/plans?done=approved")
        }
    }

    static func render(_ site: Site, _ context: WebContext, _ notice: Page.Notice?, _ status: HTTPResponse.Status) async throws -> Response {
        let session = try context.signedIn()
        let (viewer, plans) = try await site.read { records in
            let viewer = try records.viewer(session)
            guard viewer.account.has(.supervisor) || viewer.account.has(.qa) else {
                throw WebError.forbidden("the PM plans are for the roles supervisor and qa; your roles include neither")
            }
            return (viewer, try records.plans())
        }
        var main = HTML.table(caption: "PM plans", header: ["Plan", "Title", "Equipment", "SOP", "Trigger", "Status", "Next due"], rows: plans.map { plan in
            let d = plan.definition
            return [HTML.record(plan.id), HTML.e(d.title), HTML.link("/equipment/\(HTML.path(d.equipment))", d.equipment), HTML.e(d.sop),
                    HTML.e(trigger(d.trigger)), HTML.e(plan.status.rawValue + (plan.pending == nil ? "" : ", a revision awaits approval")),
                    HTML.e(plan.schedule?.lastDue ?? "")]
        })
        let awaiting = plans.filter { $0.awaitingApproval != nil }
        main += PageActs.section("Awaiting QA's approval", id: "awaiting", awaiting.map { plan in
            guard let d = plan.awaitingApproval else { return "" }
            var out = "\(HTML.e(plan.id)): \(HTML.e(d.title)) <span class=\"muted\">drafted by \(HTML.e(plan.draftedBy)); \(HTML.e(trigger(d.trigger)))</span>"
            if viewer.account.has(.qa) {
                out += HTML.form("/plans/\(HTML.path(plan.id))/approve", csrf: viewer.csrf,
                                 HTML.signature(meaning: Meaning.approval.rawValue, record: plan.id, id: "plan-\(plan.id)", button: "Approve the plan"))
            }
            return out
        }, empty: "No plan is waiting for approval.")
        return Response.html(Page("PM plans", notice: notice, main).html(for: viewer), status: status)
    }

    static func trigger(_ trigger: PMPlan.Trigger) -> String {
        switch trigger.kind {
        case .calendar: "every \(trigger.every ?? 0) \(trigger.unit?.rawValue ?? "")" + (trigger.floating == true ? ", floating" : ", fixed")
        case .meter: "every \(CanonicalJSON.number(trigger.everyUnits ?? 0)) of meter \(trigger.meter ?? "?")"
        case .condition: "meter \(trigger.meter ?? "?") " + (trigger.above.map { "above \(CanonicalJSON.number($0))" } ?? trigger.below.map { "below \(CanonicalJSON.number($0))" } ?? "")
        }
    }
}

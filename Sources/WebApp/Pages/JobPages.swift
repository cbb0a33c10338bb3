import Documents
import Foundation
import Hummingbird
import RecordIndex
import RecordRepo

/// The job's page and every act a technician, a supervisor or QA signs on it from the browser.
/// Each act goes through the same service as its CLI command; a refusal shows the job again with
/// the service's message and the refusal's status, and main is left where it was.
enum JobPages {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/jobs/:id") { request, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            let done = request.uri.queryParameters["done"].flatMap { Done(rawValue: String($0)) }
            // The page a technician reloads on the floor: rendered once per head, day and session.
            let html = try await site.page("job|\(id)|\(session.user)|\(session.csrf)|\(done?.rawValue ?? "")") { records, index in
                let page = try build(id, session: session, site: site, records: records, index: index)
                return Page("\(page.order.id): \(page.order.title)", notice: done.map { .done($0.message) }, page.html).html(for: page.viewer)
            }
            return Response.html(html)
        }
        act(router, site, "start", .started) { form, id, _ in
            let reason = form.optional("reason")
            return { records, session in _ = try records.startWorkOrder(id, reason: reason, by: session) }
        }
        act(router, site, "complete", .completed) { form, id, _ in
            let reason = try form.required("reason")
            return { records, session in _ = try records.completeWorkOrder(id, reason: reason, by: session) }
        }
        act(router, site, "review", .reviewed) { form, id, _ in
            let reason = try form.required("reason")
            return { records, session in _ = try records.reviewWorkOrder(id, reason: reason, by: session) }
        }
        act(router, site, "close", .closed) { form, id, _ in
            let reason = try form.required("reason")
            return { records, session in _ = try records.closeWorkOrder(id, reason: reason, by: session) }
        }
        act(router, site, "steps/:n", .signed) { form, id, number in
            var step = WorkOrderKind.Step(number: number, note: form.optional("note"), value: try form.number("value"),
                                          deviation: form.optional("deviation"), notApplicable: form.flag("notApplicable"))
            step.justification = form.optional("justification")
            let signed = step
            return { records, session in _ = try records.signStep(id, signed, by: session) }
        }
        act(router, site, "steps/:n/correct", .corrected) { form, id, number in
            let entry = WorkOrderKind.CorrectionEntry(number: number, value: try form.number("value"), note: form.optional("note"),
                                                      reason: try form.required("reason"))
            guard entry.value != nil || entry.note != nil else { throw WebError.badInput(field: "value", reason: "give the correct value, note or both") }
            return { records, session in _ = try records.correctStep(id, entry, by: session) }
        }
        act(router, site, "steps/:n/disposition", .disposed) { form, id, number in
            let text = try form.required("decision")
            guard let decision = WorkOrder.Disposition.Decision(rawValue: text) else {
                throw WebError.badInput(field: "decision", reason: "accept or repeat, not \(text.debugDescription)")
            }
            let entry = WorkOrderKind.DispositionEntry(number: number, decision: decision, reason: try form.required("reason"))
            return { records, session in _ = try records.disposeStep(id, entry, by: session) }
        }
        AttachmentRoutes.register(on: router, site: site)
    }

    /// What the page says after an act; a fixed message per act, never text from the request.
    enum Done: String {
        case started, signed, corrected, disposed, completed, reviewed, closed, attached

        var message: String {
            switch self {
            case .started: "The job is started; its SOP revision is bound to it."
            case .signed: "The step is signed."
            case .corrected: "The correction is signed; what the step said before stays on the record."
            case .disposed: "The disposition is signed."
            case .completed: "The job is completed."
            case .reviewed: "The job is reviewed."
            case .closed: "The job is closed."
            case .attached: "The file is attached."
            }
        }
    }

    /// Registers `POST /jobs/:id/<path>`: reads the form (CSRF checked, unknown fields refused),
    /// lets `build` take its fields, then signs with the password given.
    static func act(_ router: Router<WebContext>, _ site: Site, _ path: String, _ done: Done,
                    _ build: @escaping @Sendable (inout FormBody, String, Int) throws -> @Sendable (Records, Session) throws -> Void) {
        router.post("/jobs/:id/\(path)") { request, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            do {
                let number = path.hasPrefix("steps/") ? try stepNumber(context) : 0
                var form = try await FormBody.read(request, context: context)
                let password = try form.required("password")
                let signing = try build(&form, id, number)
                try form.finish()
                try await site.sign(as: session.user, password: password, from: context.clientAddress) { records, signer in
                    try signing(records, signer)
                }
                return Response.redirect("/jobs/\(HTML.path(id))?done=\(done.rawValue)")
            } catch {
                guard let refusal = WebError.from(error), refusal.status.code < 500, !isPageless(refusal) else { throw error }
                return try await render(id, site: site, context: context, notice: .error(refusal.description), status: refusal.status)
            }
        }
    }

    /// Refusals that leave no job page to show again.
    static func isPageless(_ error: WebError) -> Bool {
        switch error {
        case .forgedForm, .signInRequired, .tooLarge: true
        case .refused(.notFound): true
        default: false
        }
    }

    static func stepNumber(_ context: WebContext) throws -> Int {
        guard let number = Int(try context.parameters.require("n")), number >= 1 else {
            throw WebError.badInput(field: "step", reason: "a step number counts from 1")
        }
        return number
    }

    static func render(_ id: String, site: Site, context: WebContext, notice: Page.Notice?,
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.signedIn()
        let page = try await site.index { records, index in try build(id, session: session, site: site, records: records, index: index) }
        return Response.html(Page("\(page.order.id): \(page.order.title)", notice: notice, page.html).html(for: page.viewer), status: status)
    }

    /// The job as `session`'s person sees it at the head.
    static func build(_ id: String, session: WebSession, site: Site, records: Records, index: RecordIndex) throws -> JobPage {
        guard let account = try records.account(session.user) else { throw WebError.signInRequired }
        let order = try records.workOrder(id)
        let signatures = try index.revisions(of: order.id).map { row in
            guard let commit = ObjectID(hex: row.commit) else { throw WebError.notFound("commit \(row.commit)") }
            return RecordExport.Signature(try records.ledger.act(commit))
        }
        let sop = try order.boundSOP.map { bound in
            try site.renderedSOP(bound) { JobPage.sopSection(try records.workOrderSOP(order.id)) }
        }
        return JobPage(order: order, notice: try records.boundRevisionNotice(order), sop: sop, signatures: signatures,
                       viewer: Viewer(account: account, csrf: session.csrf))
    }
}

import Documents
import Foundation
import Hummingbird
import RecordIndex

/// Jobs through the API: the queue, one job as stored, and every act the job page signs, each
/// through the same service as its CLI command. Every act carries the signer's password in the
/// body; a refusal answers the service's message with its status and leaves main where it was.
enum JobsAPI {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/api/v1/jobs") { request, context in
            let session = try context.signedIn()
            let query = try APIRequest.query(request, allowed: ["mine", "status", "equipment", "type", "dueBefore", "overdue"])
            let mine = try APIRequest.flag(query, "mine"), overdue = try APIRequest.flag(query, "overdue")
            let dueBefore = try APIRequest.day(query, "dueBefore")
            if let type = query["type"], WorkOrder.Kind(rawValue: type) == nil {
                throw WebError.badInput(field: "type", reason: "preventive, corrective or calibration, not \(type.debugDescription)")
            }
            var statuses: [String]? = [WorkOrder.Status.open.rawValue, WorkOrder.Status.inProgress.rawValue]
            switch query["status"] {
            case "any"?: statuses = nil
            case let status?:
                guard WorkOrder.Status(rawValue: status) != nil else {
                    throw WebError.badInput(field: "status", reason: "one of \(WorkOrder.Status.allCases.map(\.rawValue).joined(separator: ", ")) or any")
                }
                statuses = [status]
            case nil: break
            }
            let wanted = statuses
            let jobs = try await site.index { records, index in
                var jobQuery = JobQuery(type: query["type"], equipment: query["equipment"], dueBefore: dueBefore)
                jobQuery.statuses = wanted
                if overdue { jobQuery.overdueOn = try records.today().text }
                if mine {
                    let account = try APIRequest.account(records, session)
                    jobQuery.assignees = [account.id] + account.roles.map { "@" + $0.rawValue }
                }
                return try index.jobs(jobQuery)
            }
            return try Response.json(jobs)
        }
        router.get("/api/v1/jobs/:id") { _, context in
            let id = try context.parameters.require("id")
            return try Response.json(try await site.read { records in try records.workOrder(id) })
        }
        act(router, site, "start") { body, id, _ in
            let reason = try body.optional("reason")
            return { records, session in try records.startWorkOrder(id, reason: reason, by: session) }
        }
        act(router, site, "complete") { body, id, _ in
            let reason = try body.required("reason")
            return { records, session in try records.completeWorkOrder(id, reason: reason, by: session) }
        }
        act(router, site, "review") { body, id, _ in
            let reason = try body.required("reason")
            return { records, session in try records.reviewWorkOrder(id, reason: reason, by: session) }
        }
        act(router, site, "close") { body, id, _ in
            let reason = try body.required("reason")
            return { records, session in try records.closeWorkOrder(id, reason: reason, by: session) }
        }
        act(router, site, "steps/:n") { body, id, number in
            var step = WorkOrderKind.Step(number: number, note: try body.optional("note"), value: try body.number("value"),
                                          deviation: try body.optional("deviation"), notApplicable: try body.flag("notApplicable"))
            step.justification = try body.optional("justification")
            let signed = step
            return { records, session in try records.signStep(id, signed, by: session) }
        }
        act(router, site, "steps/:n/correct") { body, id, number in
            let entry = WorkOrderKind.CorrectionEntry(number: number, value: try body.number("value"), note: try body.optional("note"),
                                                      reason: try body.required("reason"))
            guard entry.value != nil || entry.note != nil else { throw WebError.badInput(field: "value", reason: "give the correct value, note or both") }
            return { records, session in try records.correctStep(id, entry, by: session) }
        }
        act(router, site, "steps/:n/disposition") { body, id, number in
            let text = try body.required("decision")
            guard let decision = WorkOrder.Disposition.Decision(rawValue: text) else {
                throw WebError.badInput(field: "decision", reason: "accept or repeat, not \(text.debugDescription)")
            }
            let entry = WorkOrderKind.DispositionEntry(number: number, decision: decision, reason: try body.required("reason"))
            return { records, session in try records.disposeStep(id, entry, by: session) }
        }
    }

    /// Registers `POST /api/v1/jobs/:id/<path>`: checks the session's token, lets `build` take its
    /// fields from the JSON body, then signs with the password given and answers the job as stored.
    static func act(_ router: Router<WebContext>, _ site: Site, _ path: String,
                    _ build: @escaping @Sendable (inout JSONBody, String, Int) throws -> @Sendable (Records, Session) throws -> WorkOrder) {
        router.post("/api/v1/jobs/:id/\(path)") { request, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            var body = try await JSONBody.read(request, context: context)
            let number = path.hasPrefix("steps/") ? try JobPages.stepNumber(context) : 0
            let password = try body.required("password")
            let signing = try build(&body, id, number)
            try body.finish()
            let order = try await site.sign(as: session.user, password: password, from: context.clientAddress) { records, signer in
                try signing(records, signer)
            }
            return try Response.json(order)
        }
    }
}

import Documents
import Foundation
import Hummingbird

/// Maintenance requests through the API: anyone raises one, a supervisor accepts it into a job
/// or declines it; the same services as `recrepo wo request`, `accept` and `decline`.
enum RequestsAPI {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/api/v1/requests") { request, _ in
            let all = try APIRequest.flag(try APIRequest.query(request, allowed: ["all"]), "all")
            return try Response.json(try await site.read { records in try records.requests(open: !all) })
        }
        router.post("/api/v1/requests") { request, context in
            let session = try context.signedIn()
            var body = try await JSONBody.read(request, context: context)
            let password = try body.required("password")
            let equipment = try body.required("equipment"), title = try body.required("title"), reason = try body.required("reason")
            try body.finish()
            let raised = try await site.sign(as: session.user, password: password, from: context.clientAddress) { records, signer in
                try records.raiseRequest(equipment: equipment, title: title, description: reason, by: signer)
            }
            return try Response.json(raised)
        }
        router.post("/api/v1/requests/:id/accept") { request, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            var body = try await JSONBody.read(request, context: context)
            let password = try body.required("password")
            let sop = try body.required("sop"), assignee = try body.optional("assign"), reason = try body.required("reason")
            let priority = try body.optional("priority").map { text in
                guard let priority = WorkOrder.Priority(rawValue: text) else {
                    throw WebError.badInput(field: "priority", reason: "low, normal, high or urgent, not \(text.debugDescription)")
                }
                return priority
            }
            let due = try body.optional("due")
            if let due, !Day.exists(due) { throw WebError.badInput(field: "due", reason: "a calendar day written YYYY-MM-DD, not \(due.debugDescription)") }
            try body.finish()
            let order = try await site.sign(as: session.user, password: password, from: context.clientAddress) { records, signer in
                try records.acceptRequest(id, sop: sop, assignee: assignee, priority: priority ?? .normal, due: due, reason: reason, by: signer)
            }
            return try Response.json(order)
        }
        router.post("/api/v1/requests/:id/decline") { request, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            var body = try await JSONBody.read(request, context: context)
            let password = try body.required("password"), reason = try body.required("reason")
            try body.finish()
            let declined = try await site.sign(as: session.user, password: password, from: context.clientAddress) { records, signer in
                try records.declineRequest(id, reason: reason, by: signer)
            }
            return try Response.json(declined)
        }
    }
}

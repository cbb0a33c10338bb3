import Documents
import Foundation
import Hummingbird

/// The acts QA signs from the approval queue, each through the same service as its CLI command.
enum QueueActs {
    static let messages = [
        "sop": "The SOP revision is approved.", "calibration": "The calibration is approved.",
        "deviation": "The deviation is signed.", "capa": "The CAPA is signed.", "policy": "The policy decision is signed.",
        "alert": "The alert is acknowledged.",
    ]

    static func register(on router: Router<WebContext>, site: Site) {
        let render: PageRender = { context, notice, status in try await QueuePage.render(site, context, notice, status) }
        func act(_ path: String, done: String, _ body: @escaping @Sendable (Records, Session, String, String) throws -> Void) {
            PageActs.post(router, site, "/queue/\(path)", render: render) { form, context in
                let id = context.parameters.get("id") ?? ""
                let reason = try form.required("reason", label: "Reason")
                return ({ records, session in try body(records, session, id, reason) }, "/queue?done=\(done)")
            }
        }
        PageActs.post(router, site, "/queue/sops/:id/approve", render: render) { form, context in
            let id = try context.parameters.require("id")
            let effective = form.optional("effective")
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in _ = try records.approveSOP(id, effective: effective, reason: reason, by: session) }, "/queue?done=sop")
        }
        act("calibrations/:id/approve", done: "calibration") { records, session, id, reason in
            _ = try records.approveCalibration(id, reason: reason, by: session)
        }
        act("deviations/:id/approve", done: "deviation") { records, session, id, reason in
            _ = try records.approveDeviation(id, reason: reason, by: session)
        }
        act("deviations/:id/close", done: "deviation") { records, session, id, reason in
            _ = try records.closeDeviation(id, reason: reason, by: session)
        }
        PageActs.post(router, site, "/queue/capas/:id/verify", render: render) { form, context in
            let id = try context.parameters.require("id")
            let answer = try form.required("effective")
            guard answer == "yes" || answer == "no" else { throw WebError.badInput(field: "effective", reason: "yes or no, not \(answer.debugDescription)") }
            let reason = try form.required("reason", label: "Reason")
            return ({ records, session in _ = try records.verifyCAPA(id, effective: answer == "yes", reason: reason, by: session) }, "/queue?done=capa")
        }
        act("capas/:id/close", done: "capa") { records, session, id, reason in
            _ = try records.closeCAPA(id, reason: reason, by: session)
        }
        act("policy/approve", done: "policy") { records, session, _, reason in
            _ = try records.approvePolicyChange(reason: reason, by: session)
        }
        act("policy/reject", done: "policy") { records, session, _, reason in
            _ = try records.rejectPolicyChange(reason: reason, by: session)
        }
        act("alerts/:id/acknowledge", done: "alert") { records, session, id, reason in
            _ = try records.acknowledgeAlert(id, reason: reason, by: session)
        }
    }
}

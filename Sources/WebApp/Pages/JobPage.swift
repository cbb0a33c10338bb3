import Documents
import Foundation
import RecordRepo
import SOPRender

/// A job as the technician sees it on the floor: its facts, the SOP revision bound to it rendered,
/// its checklist numbered as `wo step` numbers it with a sign form per step, and what may be
/// signed next by whom. Forms are offered only to those the job's rules would let sign; the
/// services refuse anyone else all the same.
struct JobPage {
    let order: WorkOrder
    let notice: String?
    /// The bound SOP revision's section, rendered (see `sopSection`).
    let sop: String?
    let signatures: [RecordExport.Signature]
    let viewer: Viewer

    var html: String {
        var out = HTML.facts(facts)
        if let notice { out += "<p class=\"notice\" role=\"status\">\(HTML.e(notice))</p>\n" }
        out += actions
        out += "<h2>Checklist</h2>\n<ol class=\"steps\">\n" + order.steps.map(step).joined() + "</ol>\n"
        out += attachments
        out += sop ?? ""
        out += "<h2>Signatures</h2>\n" + HTML.table(header: ["Time (UTC)", "Signed by", "Meaning", "Reason"], rows: signatures.map {
            [HTML.e($0.time), HTML.e("\($0.name) (\($0.signer))"), HTML.e($0.meaning), HTML.e($0.reason)]
        })
        return out
    }

    /// The SOP revision bound to the job, rendered through cmark-gfm from the bytes its approval signed.
    static func sopSection(_ view: SOPRevisionView) -> String {
        "<section class=\"sop\" aria-labelledby=\"sop-title\"><h2 id=\"sop-title\">SOP \(HTML.e(view.sop.id)) revision \(view.revision.number): \(HTML.e(view.sop.title))</h2>\n"
            + HTML.sopBody(String(decoding: view.body, as: UTF8.self)) + "</section>\n"
    }

    var facts: [(String, String)] {
        var rows: [(String, String)] = [
            ("Status", order.status.rawValue), ("Equipment", order.equipment),
            ("SOP", order.boundSOP.map { "\($0.id) revision \($0.revision)" } ?? "\(order.sop) (bound when the job starts)"),
            ("Assigned to", order.assignee ?? order.assigneeRole.map { "anyone with the role \($0.rawValue)" } ?? "nobody yet"),
        ]
        if let type = order.type { rows.append(("Type", type.rawValue)) }
        if let priority = order.priority { rows.append(("Priority", priority.rawValue)) }
        if let due = order.due { rows.append(("Due", due)) }
        if let occurrence = order.occurrence { rows.append(("Window", "\(occurrence.opens) to the end of \(occurrence.closes)")) }
        if let at = order.startedAt { rows.append(("Started", at)) }
        for (label, who, at) in [("Completed", order.completedBy, order.completedAt), ("Reviewed", order.reviewedBy, order.reviewedAt),
                                 ("Closed", order.closedBy, order.closedAt)] {
            if let who { rows.append((label, "\(at ?? "?") by \(who)")) }
        }
        return rows
    }

    var path: String { "/jobs/\(HTML.path(order.id))" }
    var me: String { viewer.account.id }
    var isMine: Bool { order.assignee == me || (order.assignee == nil && order.assigneeRole.map(viewer.account.has) == true) }

    /// Start, complete, review and close, each where the job's state allows it.
    var actions: String {
        var out = ""
        switch order.status {
        case .open where isMine:
            out += HTML.form("\(path)/start", csrf: viewer.csrf, HTML.signature(meaning: WorkOrderKind.start.meaning.rawValue, record: order.id,
                                                                               id: "start", button: "Start this job"))
        case .inProgress where isMine && order.nextStep == nil:
            if let blocked = blockedBy {
                out += "<p class=\"notice\" role=\"status\">\(HTML.e(blocked))</p>\n"
            } else {
                out += HTML.form("\(path)/complete", csrf: viewer.csrf, HTML.signature(meaning: WorkOrderKind.complete.meaning.rawValue, record: order.id,
                                                                                      id: "complete", button: "Complete the job"))
            }
        case .completed where viewer.account.has(.supervisor) && order.completedBy != me:
            out += HTML.form("\(path)/review", csrf: viewer.csrf, HTML.signature(meaning: WorkOrderKind.review.meaning.rawValue, record: order.id,
                                                                                id: "review", button: "Review the job"))
        default: break
        }
        if order.status == .reviewed, viewer.account.has(.qa), order.completedBy != me, blockedBy == nil {
            out += HTML.form("\(path)/close", csrf: viewer.csrf, HTML.signature(meaning: WorkOrderKind.close.meaning.rawValue, record: order.id,
                                                                               id: "close", button: "Close the job"))
        }
        return out
    }

    var blockedBy: String? {
        guard let step = order.steps.first(where: \.needsDisposition) else { return nil }
        return "Step \(step.number) was read outside its limits; a supervisor decides on it before the job can be completed or closed."
    }

    func step(_ step: WorkOrder.Step) -> String {
        var out = "<li class=\"step\" id=\"step-\(step.number)\"><p><span class=\"n\">Step \(step.number).</span> \(HTML.e(step.text))</p>\n"
        if let reading = step.reading { out += "<p class=\"muted\">Reading: \(HTML.e(reading.quantity)), \(HTML.e(reading.limits))</p>\n" }
        if let by = step.signedBy {
            var said: [String] = ["Signed by \(by) at \(step.signedAt ?? "?")"]
            if let value = step.value { said.append("value \(CanonicalJSON.number(value))\(step.reading?.unit.map { " \($0)" } ?? "")") }
            if step.notApplicable == true { said.append("not applicable: \(step.justification ?? "")") }
            if let note = step.note { said.append("note: \(note)") }
            if let deviation = step.deviation { said.append("deviation\(step.deviationID.map { " \($0)" } ?? ""): \(deviation)") }
            out += "<p class=\"signed\">\(HTML.e(said.joined(separator: "; ")))</p>\n"
            if step.outOfLimits == true { out += "<p class=\"out\">Outside its limits.</p>\n" }
            for correction in step.corrections ?? [] {
                let was = [correction.previousValue.map { "value \(CanonicalJSON.number($0))" }, correction.previousNote.map { "note \($0)" }]
                let now = [correction.value.map { "value \(CanonicalJSON.number($0))" }, correction.note.map { "note \($0)" }]
                out += "<p class=\"muted\">Corrected by \(HTML.e(correction.by)) at \(HTML.e(correction.at)) from \(HTML.e(was.compactMap { $0 }.joined(separator: ", ")))"
                    + " to \(HTML.e(now.compactMap { $0 }.joined(separator: ", "))); reason: \(HTML.e(correction.reason))</p>\n"
            }
            for disposition in step.dispositions ?? [] {
                out += "<p class=\"muted\">Disposition \(HTML.e(disposition.decision.rawValue)) by \(HTML.e(disposition.by)) at \(HTML.e(disposition.at)): \(HTML.e(disposition.reason))</p>\n"
            }
            out += followUps(step)
        } else if order.status == .inProgress, isMine, order.nextStep?.number == step.number {
            out += signForm(step)
        }
        return out + "</li>\n"
    }

    func signForm(_ step: WorkOrder.Step) -> String {
        let id = "s\(step.number)"
        var fields = ""
        if let reading = step.reading {
            fields += HTML.field("value", label: "Value read (\(reading.quantity)\(reading.unit.map { ", \($0)" } ?? ""))", id: "\(id)-value",
                                 extra: " inputmode=\"decimal\"")
        }
        fields += HTML.field("note", label: "Note (optional)", id: "\(id)-note")
        fields += HTML.textarea("deviation", label: "Not done as written? Say what was done instead (opens a deviation)", id: "\(id)-deviation")
        fields += "<label class=\"check\"><input type=\"checkbox\" name=\"notApplicable\" value=\"1\"> Not applicable</label>\n"
        fields += HTML.field("justification", label: "Why it does not apply (required with not applicable)", id: "\(id)-justification")
        fields += HTML.signature(meaning: WorkOrderKind.step.meaning.rawValue, record: "\(order.id) step \(step.number)", id: id, reason: false,
                                 button: "Sign step \(step.number)")
        return HTML.form("\(path)/steps/\(step.number)", csrf: viewer.csrf, fields)
    }

    /// The correction and disposition forms of a signed step, for those who may sign them.
    func followUps(_ step: WorkOrder.Step) -> String {
        var out = ""
        let id = "s\(step.number)"
        if step.needsDisposition, viewer.account.has(.supervisor), order.status == .inProgress || order.status == .completed {
            let fields = "<label for=\"\(id)-decision\">Decision</label><select id=\"\(id)-decision\" name=\"decision\">"
                + "<option value=\"accept\">accept the value</option><option value=\"repeat\">have it read again</option></select>\n"
                + HTML.signature(meaning: WorkOrderKind.disposition.meaning.rawValue, record: "\(order.id) step \(step.number)", id: "\(id)-d",
                                 button: "Sign the disposition")
            out += HTML.form("\(path)/steps/\(step.number)/disposition", csrf: viewer.csrf, fields)
        }
        let mayCorrect = (order.status == .inProgress && step.signedBy == me) || (order.status == .completed && viewer.account.has(.supervisor))
        if mayCorrect {
            var fields = step.reading == nil ? "" : HTML.field("value", label: "Correct value", id: "\(id)-cvalue", extra: " inputmode=\"decimal\"")
            fields += HTML.field("note", label: "Correct note", id: "\(id)-cnote")
            fields += HTML.signature(meaning: WorkOrderKind.correct.meaning.rawValue, record: "\(order.id) step \(step.number)", id: "\(id)-c",
                                     button: "Sign the correction")
            out += "<details><summary>Correct step \(step.number)</summary>\n"
                + HTML.form("\(path)/steps/\(step.number)/correct", csrf: viewer.csrf, fields) + "</details>\n"
        }
        return out
    }

    var attachments: String {
        var out = "<h2>Attachments</h2>\n"
        let files = order.attachments ?? []
        out += files.isEmpty ? "<p class=\"muted\">None.</p>\n" : "<ul>\n" + files.map { file in
            "<li>\(HTML.link("\(path)/attachments/\(file.sha256)", file.name)) (\(file.size) bytes, by \(HTML.e(file.by)) at \(HTML.e(file.at)))</li>\n"
        }.joined() + "</ul>\n"
        if order.status == .inProgress, isMine {
            let fields = "<label for=\"photo\">Photo or file</label><input type=\"file\" id=\"photo\" name=\"file\" accept=\"image/*\" capture=\"environment\" required>\n"
                + HTML.signature(meaning: WorkOrderKind.attach.meaning.rawValue, record: order.id, id: "attach", button: "Attach")
            out += HTML.form("\(path)/attachments", csrf: viewer.csrf, multipart: true, fields)
        }
        return out
    }
}

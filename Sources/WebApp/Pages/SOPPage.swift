import Documents
import Foundation
import RecordRepo
import SOPRender

/// One SOP: its revisions with their status (those not in force marked), the revision asked for
/// rendered with its signatures, the diff form and result, and the forms of document control.
struct SOPPage {
    let sop: SOP
    let view: SOPRevisionView
    let changes: LineDiff?
    let diff: (Int?, Int?)
    let today: String
    let viewer: Viewer

    var path: String { "/sops/\(HTML.path(sop.id))" }

    var html: String {
        let effective = sop.effectiveRevision(today: today)?.number
        var out = HTML.table(caption: "Revisions", header: ["Revision", "Status", "Authors", "Reviewer", "Approver", "Effective from"],
                             rows: sop.revisions.map { revision in
            let marked = revision.number == effective ? "in force" : "not in force: \(revision.status.rawValue)"
            return [HTML.link("\(path)?revision=\(revision.number)", "\(revision.number)"), HTML.e(marked),
                    HTML.e(revision.authors.joined(separator: ", ")), HTML.e(revision.reviewer ?? ""), HTML.e(revision.approver ?? ""),
                    HTML.e(revision.effectiveDate ?? "")]
        })
        out += diffForm
        if let changes { out += diffHTML(changes) }
        out += actions
        let number = view.revision.number
        out += "<section class=\"sop\" aria-labelledby=\"rev-title\"><h2 id=\"rev-title\">Revision \(number) (\(HTML.e(view.status.rawValue))"
            + (number == effective ? ", in force" : ", not in force") + ")</h2>\n"
            + HTML.sopBody(String(decoding: view.body, as: UTF8.self)) + "</section>\n"
        out += "<h2>Signatures on revision \(number)</h2>\n" + HTML.table(header: ["Time (UTC)", "Signed by", "Meaning", "Reason"], rows: view.signatures.map {
            [HTML.e($0.time), HTML.e("\($0.name) (\($0.signer))"), HTML.e($0.meaning), HTML.e($0.reason)]
        })
        return out
    }

    var diffForm: String {
        let count = sop.revisions.count
        guard count > 1 else { return "" }
        func select(_ name: String, _ label: String, _ chosen: Int) -> String {
            "<label for=\"diff-\(name)\">\(label)</label><select id=\"diff-\(name)\" name=\"\(name)\">"
                + (1...count).map { "<option value=\"\($0)\"\($0 == chosen ? " selected" : "")>revision \($0)</option>" }.joined() + "</select>\n"
        }
        return "<form class=\"filters\" method=\"get\" action=\"\(path)\">\n" + select("from", "From", diff.0 ?? count - 1)
            + select("to", "To", diff.1 ?? count) + "<button type=\"submit\">Show the changes</button>\n</form>\n"
    }

    func diffHTML(_ changes: LineDiff) -> String {
        guard !changes.isEmpty else { return "<p class=\"muted\">The two revisions' markdown is the same.</p>\n" }
        var out = "<h2>Changes from revision \(diff.0 ?? 0) to \(diff.1 ?? 0)</h2>\n<pre class=\"diff\">"
        for line in changes.lines {
            switch line {
            case .same(let text): out += "  \(HTML.e(text))\n"
            case .removed(let text): out += "<del class=\"del\">- \(HTML.e(text))</del>\n"
            case .added(let text): out += "<ins class=\"add\">+ \(HTML.e(text))</ins>\n"
            }
        }
        return out + "</pre>\n"
    }

    /// The forms document control signs on the latest revision, where its status allows them.
    var actions: String {
        guard viewer.account.has(.documentControl), let latest = sop.revisions.last else { return "" }
        let record = "\(sop.id) revision \(latest.number)"
        var out = ""
        func sign(_ verb: String, _ meaning: Meaning, _ button: String) -> String {
            HTML.form("\(path)/\(verb)", csrf: viewer.csrf, HTML.signature(meaning: meaning.rawValue, record: record, id: verb, button: button))
        }
        switch latest.status {
        case .draft:
            out += sign("submit", .authorship, "Submit for review")
        case .inReview where latest.reviewer == nil && !latest.authors.contains(viewer.account.id):
            out += sign("review", .review, "Sign the review") + sign("reject", .rejection, "Send back as a draft")
        default: break
        }
        let next = latest.status == .draft ? "Edit draft revision \(latest.number)" : "Start revision \(latest.number + 1)"
        let fields = HTML.textarea("body", label: "Markdown of the revision (replaces the text of the draft)", id: "revise-body", required: true)
            + HTML.signature(meaning: Meaning.authorship.rawValue, record: sop.id, id: "revise", button: "Save the revision")
        let file = "<label for=\"upload-file\">Markdown file of the revision</label>"
            + "<input type=\"file\" id=\"upload-file\" name=\"file\" accept=\".md,text/markdown,text/plain\" required>\n"
            + HTML.signature(meaning: Meaning.authorship.rawValue, record: sop.id, id: "upload", button: "Upload the revision")
        out += "<details><summary>\(HTML.e(next))</summary>\n" + HTML.form("\(path)/revise", csrf: viewer.csrf, fields)
            + "<h2>Or upload it as a markdown file</h2>\n" + HTML.form("\(path)/upload", csrf: viewer.csrf, multipart: true, file) + "</details>\n"
        return out
    }
}

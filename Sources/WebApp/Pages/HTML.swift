import Foundation
import SOPRender

/// Building blocks of the pages. Every value from a person or a record goes through `e` (or a
/// template's `.field`), so that no text anyone typed can become markup.
enum HTML {
    static func e(_ text: String) -> String { HTMLEscaping.escape(text) }

    /// A form that changes something: POST to `action`, carrying this session's CSRF token.
    static func form(_ action: String, csrf: String, class name: String = "sign", multipart: Bool = false, _ body: String) -> String {
        let encoding = multipart ? " enctype=\"multipart/form-data\"" : ""
        return "<form class=\"\(name)\" method=\"post\" action=\"\(e(action))\"\(encoding)>\n<input type=\"hidden\" name=\"csrf\" value=\"\(e(csrf))\">\n\(body)</form>\n"
    }

    static func field(_ name: String, label: String, id: String, type: String = "text", required: Bool = false, extra: String = "") -> String {
        "<label for=\"\(e(id))\">\(e(label))</label><input type=\"\(type)\" id=\"\(e(id))\" name=\"\(e(name))\"\(required ? " required" : "")\(extra)>\n"
    }

    static func textarea(_ name: String, label: String, id: String, required: Bool = false) -> String {
        "<label for=\"\(e(id))\">\(e(label))</label><textarea id=\"\(e(id))\" name=\"\(e(name))\"\(required ? " required" : "")></textarea>\n"
    }

    /// What every signing asks: the meaning of the signature and the record it is on, then the
    /// password again (§11.50, §11.200(a)(1)).
    static func signature(meaning: String, record: String, id: String, reason: Bool = true, button: String) -> String {
        var out = "<p class=\"meaning\">Signing <strong>\(e(record))</strong> with the meaning <strong>\(e(meaning))</strong>.</p>\n"
        if reason { out += field("reason", label: "Reason", id: "\(id)-reason", required: true) }
        out += field("password", label: "Your password (to sign)", id: "\(id)-password", type: "password", required: true, extra: " autocomplete=\"current-password\"")
        return out + "<button type=\"submit\">\(e(button))</button>\n"
    }

    static func facts(_ rows: [(String, String)]) -> String {
        "<table class=\"facts\"><tbody>\n" + rows.map { "<tr><th scope=\"row\">\(e($0.0))</th><td>\(e($0.1))</td></tr>\n" }.joined() + "</tbody></table>\n"
    }

    static func table(caption: String? = nil, header: [String], rows: [[String]]) -> String {
        var out = "<table>" + (caption.map { "<caption>\(e($0))</caption>" } ?? "") + "<thead><tr>"
        out += header.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table>\n"
    }

    /// An SOP body for reading on a page: cmark-gfm draws each task box as a disabled checkbox with
    /// no label, which a screen reader announces as an unnamed control (WCAG 1.3.1, 4.1.2); here it
    /// becomes a drawn box that assistive technology skips, since steps are signed elsewhere. The
    /// replaced markup is cmark's own; text from the body is already escaped and cannot match it.
    static func sopBody(_ markdown: String) -> String {
        MarkdownRenderer.html(markdown)
            .replacingOccurrences(of: "<input type=\"checkbox\" disabled=\"\" />", with: "<span class=\"box\" aria-hidden=\"true\">\u{2610}</span>")
            .replacingOccurrences(of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                                  with: "<span class=\"box\" aria-hidden=\"true\">\u{2611}</span>")
    }

    static func link(_ href: String, _ text: String) -> String { "<a href=\"\(e(href))\">\(e(text))</a>" }

    /// A link to a record's page by its ID (the ID is escaped in the path too).
    static func record(_ id: String) -> String { link("/records/\(path(id))", id) }

    /// `text` as one path segment: every byte outside letters, digits and `-._~` percent-encoded.
    static func path(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

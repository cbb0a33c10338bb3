import MarkdownLimits

/// A stored body beyond `MarkdownBounds.standard`, shown as its source text instead of parsed.
///
/// Such a body was written before `sop new` and `sop revise` refused it (or straight into the
/// repository); parsing it could take minutes with the cmark-gfm in use. Showing the source keeps
/// the record whole and honest: every character of the revision is on the page (control
/// characters aside, which no rendering shows), under a notice that says why it is not formatted
/// and which limit it exceeds. Cutting nesting or text down to the limits before parsing would
/// instead show a procedure that differs from the approved one without saying where.
enum SourceFallback {
    static func notice(_ excess: MarkdownExcess) -> String {
        "This revision exceeds the markdown limits: \(excess). It is shown as plain text, not formatted."
    }

    /// The notice and the source as escaped preformatted text.
    static func html(_ markdown: String, _ excess: MarkdownExcess) -> String {
        let source = plain(markdown)
        var out = "<p class=\"limits-notice\">"
        out.reserveCapacity(source.utf8.count + 512)
        HTMLEscaping.append(notice(excess), to: &out)
        out += "</p>\n<pre class=\"markdown-source\">"
        HTMLEscaping.append(source, to: &out)
        out += "</pre>\n"
        return out
    }

    /// The notice in brackets, a blank line and the source.
    static func text(_ markdown: String, _ excess: MarkdownExcess) -> String {
        "[" + TerminalText.clean(notice(excess)) + "]\n\n" + plain(markdown)
    }

    /// `markdown` with every line ending a line feed (cmark also ends a line at `\r`) and
    /// without control characters other than line feeds and tabs.
    private static func plain(_ markdown: String) -> String {
        let lines = markdown.utf8.contains(UInt8(ascii: "\r"))
            ? markdown.replacingCarriageReturns()
            : markdown
        return TerminalText.clean(lines, keepingLines: true)
    }
}

private extension String {
    /// `\r\n` and `\r` as `\n`, in one pass over the bytes.
    func replacingCarriageReturns() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var afterReturn = false
        for byte in utf8 {
            if byte == UInt8(ascii: "\n"), afterReturn {
                afterReturn = false
                continue
            }
            afterReturn = byte == UInt8(ascii: "\r")
            out.append(afterReturn ? UInt8(ascii: "\n") : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

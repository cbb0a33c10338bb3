/// Which link and image destinations may reach a rendered page.
///
/// Allowed: `http:`, `https:`, `mailto:`, relative references (paths, `//host/…`, `?query`) and
/// `#fragment`s. Everything else (`javascript:`, `vbscript:`, `data:` including `data:image/…`,
/// `file:`, any other scheme) is refused. cmark has already decoded entities and backslash escapes
/// in the destination; browsers additionally ignore ASCII whitespace and control characters inside
/// a scheme (`java\tscript:`), so those are dropped before the scheme is read, and the comparison
/// ignores case.
enum LinkPolicy {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    static func allows(_ url: String) -> Bool {
        var scheme: [UInt8] = []
        for byte in url.utf8 {
            switch byte {
            case 0...0x20, 0x7F:
                continue
            case UInt8(ascii: ":"):
                return allowedSchemes.contains(String(decoding: scheme, as: UTF8.self))
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\\"):
                return true  // the reference starts with a path, query or fragment: it has no scheme
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.append(byte | 0x20)
            default:
                scheme.append(byte)
            }
        }
        return true  // no colon: a relative path
    }

    /// Whether an inline raw HTML literal is just a line break tag (`<br>`, `<br/>`, `<BR />`),
    /// which tables in real SOPs use inside cells and which is safe to render as a line break.
    static func isLineBreakTag(_ literal: String) -> Bool {
        let compact = literal.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "/") }.map { $0 | 0x20 }
        return compact == Array("<br>".utf8)
    }
}

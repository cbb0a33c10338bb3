/// An independent check of rendered HTML: the tags a browser would actually parse, and what in
/// them could run code or load something. Because every `<` of text is escaped as `&lt;`, each
/// `<` left in the output opens real markup (a tag or a comment).
enum LiveMarkup {
    /// Each tag of `html` (`<…>`), comments excluded, lowercased.
    static func tags(in html: String) -> [String] {
        var tags: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            let tail = rest[open...]
            if tail.hasPrefix("<!--") {
                guard let end = tail.firstRange(of: "-->") else { break }
                rest = tail[end.upperBound...]
                continue
            }
            guard let close = tail.firstIndex(of: ">") else {
                tags.append(String(tail).lowercased())
                break
            }
            tags.append(String(tail[...close]).lowercased())
            rest = tail[tail.index(after: close)...]
        }
        return tags
    }

    /// What in `html`'s live markup could run script or load content from an unsafe URL.
    static func dangers(in html: String) -> [String] {
        let forbiddenTags = ["<script", "<iframe", "<object", "<embed", "<svg", "<math", "<form", "<base", "<meta http-equiv=\"refresh\""]
        let forbiddenInTags = ["javascript:", "vbscript:", "data:", "file:", "onerror=", "onload=", "onclick=", "srcdoc="]
        var found: [String] = []
        for tag in tags(in: html) {
            for name in forbiddenTags where tag.hasPrefix(name) { found.append(tag) }
            for text in forbiddenInTags where tag.contains(text) { found.append(tag) }
        }
        return found
    }
}

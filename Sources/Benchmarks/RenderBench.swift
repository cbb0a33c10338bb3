internal import CCmarkGFM
import Foundation
import SOPRender

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The render benchmark: the corpus SOPs rendered as complete pages by SOPRenderer.html beside
// plain cmark_markdown_to_html of the same libcmark-gfm, in the same process. Read the ratio.

/// Renders the corpus SOPs (`Tests/RecrepoTests/Fixtures/corpus/openregulatory/*.md`, relative to
/// the current directory, the package root under `make bench`) many times through
/// `SOPRenderer.html`, a full page with a signature block of three signatures, and beside it
/// through `cmark_markdown_to_html` (CMARK_OPT_DEFAULT, no extensions: the baseline). Prints
/// documents per second for both and the ratio; the target is at least 0.5x the baseline. Also
/// prints, as a reference, cmark-gfm with the same five extensions in bare C calls.
func runRenderBenchmark() {
    let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        .appendingPathComponent("Tests/RecrepoTests/Fixtures/corpus/openregulatory")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".md") && $0 != "LICENSE.md" }.sorted()
    let documents = names.compactMap { try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
    guard !documents.isEmpty else {
        say("render benchmark: no corpus in \(directory.path); run it from the package root")
        return
    }
    let signatures = [("Alice Author", "alice", "authorship"), ("Quentin QA", "quentin", "review"), ("Anna Approver", "anna", "approval")]
        .enumerated().map { index, signer in
            SignatureLine(name: signer.0, signer: signer.1, time: "2026-11-2\(index + 3)T09:00:00Z", meaning: signer.2,
                          reason: "Periodic review, no change to tolerances", commit: String(String(repeating: "0123456789abcdef", count: 3).prefix(40)))
        }
    let pages = documents.enumerated().map { index, markdown in
        SOPPage(id: "SOP-\(1000 + index)", title: "Corpus SOP \(index + 1)", revision: 3, status: "effective",
                effectiveDate: "2026-12-01", markdown: markdown, signatures: signatures)
    }
    let averageBytes = documents.map(\.utf8.count).reduce(0, +) / documents.count

    // Three alternating rounds of each, about half a second each; the best round counts. The
    // reference is cmark-gfm doing what SOPRender asks of it (the five GFM extensions: tables
    // alone halve cmark's speed) in bare C calls: the ceiling for any wrapper.
    _ = renderRate(seconds: 0.2) { SOPRenderer.html(pages[$0 % pages.count]).utf8.count }
    let extensions = CmarkReference()
    var ours = 0.0, baseline = 0.0, reference = 0.0
    for _ in 0..<3 {
        baseline = max(baseline, renderRate(seconds: 0.5) { cmarkBaseline(documents[$0 % documents.count]) })
        ours = max(ours, renderRate(seconds: 0.5) { SOPRenderer.html(pages[$0 % pages.count]).utf8.count })
        reference = max(reference, renderRate(seconds: 0.5) { extensions.render(documents[$0 % documents.count]) })
    }
    say("render: \(documents.count) corpus SOPs, \(averageBytes) bytes of markdown on average")
    say(String(format: "  SOPRenderer.html (full page, 3 signatures): %.0f documents/s", ours))
    say(String(format: "  cmark_markdown_to_html (CMARK_OPT_DEFAULT): %.0f documents/s", baseline))
    say(String(format: "  ratio: %.2fx the baseline (target 0.5x)", ours / baseline))
    say(String(format: "  reference: cmark-gfm with the five GFM extensions, bare C calls: %.0f documents/s (%.2fx the baseline); "
                 + "SOPRenderer.html is %.2fx of it", reference, reference / baseline, ours / reference))
}

/// Documents per second of `render` (given the document's index, returning the output size),
/// run for about `seconds`.
private func renderRate(seconds: Double, _ render: (Int) -> Int) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    let limit = Duration.milliseconds(Int(seconds * 1000))
    var count = 0, bytes = 0
    while clock.now - start < limit {
        for _ in 0..<64 {
            bytes &+= render(count)
            count += 1
        }
    }
    let elapsed = clock.now - start
    precondition(bytes > 0, "the renderer produced nothing")
    return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// The baseline: libcmark-gfm's one-call renderer, core CommonMark only. Returns the output size.
private func cmarkBaseline(_ markdown: String) -> Int {
    var markdown = markdown
    return markdown.withUTF8 { bytes in
        bytes.withMemoryRebound(to: CChar.self) { chars in
            guard let html = cmark_markdown_to_html(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT) else { return 0 }
            defer { free(html) }
            return strlen(html)
        }
    }
}

/// cmark-gfm parsing and rendering with the extensions SOPRender attaches, nothing else: no
/// link check, no page, no Swift string. Returns the output size.
private struct CmarkReference {
    let extensions: [OpaquePointer]

    init() {
        cmark_gfm_core_extensions_ensure_registered()
        let names: [String] = ["table", "tasklist", "strikethrough", "autolink", "tagfilter"]
        extensions = names.compactMap { cmark_find_syntax_extension($0) }
    }

    func render(_ markdown: String) -> Int {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return 0 }
        defer { cmark_parser_free(parser) }
        for syntax in extensions { cmark_parser_attach_syntax_extension(parser, syntax) }
        var markdown = markdown
        markdown.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return 0 }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else { return 0 }
        defer { free(html) }
        return strlen(html)
    }
}

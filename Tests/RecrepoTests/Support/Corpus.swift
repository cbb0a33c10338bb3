import Foundation

/// The markdown corpus stored beside the tests: real SOP and record templates from
/// openregulatory/templates (see `Fixtures/corpus/README.md` and the LICENSE.md beside them).
enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus/openregulatory")

    /// The file names of the corpus documents (LICENSE.md excluded), sorted.
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "LICENSE.md" }.sorted()
    }()

    static func markdown(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The copyright notice every corpus file ends with, as cmark renders it.
    static let noticeHTML = [
        "Template Copyright <a href=\"https://openregulatory.com\">openregulatory.com</a>.",
        "<a href=\"https://openregulatory.com/template-license\">template\nlicense</a>",
        "Please don't remove this notice even if you've modified contents of this template.",
    ]
}

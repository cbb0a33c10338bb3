@testable import Documents
import Foundation
import RecordIndex
import Testing

/// The dashboard's HTML page: self-contained (no script, no external asset), its charts carrying
/// exactly the JSON's numbers, and opened in headless Chromium, whose screenshot the run keeps.
@Suite struct DashboardPageTests {
    /// Where a test run keeps its screenshots: `.build/screenshots` of the package.
    static let screenshots: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent(".build/screenshots")
    }()

    /// Every `data-*` attribute set of the bars of the chart `id`, in order.
    static func bars(_ page: String, chart id: String) throws -> [[String: String]] {
        guard let start = page.range(of: "id=\"chart-\(id)\""), let end = page.range(of: "</svg>", range: start.upperBound..<page.endIndex) else {
            return []
        }
        let chart = String(page[start.upperBound..<end.lowerBound])
        let pattern = try NSRegularExpression(pattern: "data-([a-z]+)=\"([^\"]*)\"")
        return chart.components(separatedBy: "<rect").dropFirst().map { rect in
            var found: [String: String] = [:]
            for match in pattern.matches(in: rect, range: NSRange(rect.startIndex..., in: rect)) {
                if let key = Range(match.range(at: 1), in: rect), let value = Range(match.range(at: 2), in: rect) {
                    found[String(rect[key])] = String(rect[value])
                }
            }
            return found
        }.filter { !$0.isEmpty }
    }

    @Test("the page's SVG charts carry the JSON's numbers; nothing external, no script; Chromium renders it and the screenshot is kept")
    func page() throws {
        let (scenario, index) = try DashboardTests.scenario()
        let board = try index.dashboard(DashboardFilter(), records: scenario.plant.records)
        let page = DashboardPage.html(board)
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href=") && !page.contains("url("))
        #expect(page.contains(board.commit))
        let months = try Self.bars(page, chart: "pm")
        for month in board.pm.months {
            for (series, value) in [("on-time", month.onTime), ("late", month.late), ("missed", month.missed), ("overdue", month.overdue)] {
                #expect(months.contains { $0["month"] == month.month && $0["series"] == series && $0["value"] == "\(value)" },
                        "\(month.month) \(series)")
            }
        }
        #expect(months.count == board.pm.months.count * 4)
        let calibration = Dictionary(uniqueKeysWithValues: try Self.bars(page, chart: "calibration").compactMap { bar in
            bar["series"].map { ($0, bar["value"] ?? "") }
        })
        #expect(calibration == ["in calibration": "1", "due": "1", "overdue": "1", "out of tolerance": "1", "out of service": "0"])
        let ages = try Self.bars(page, chart: "deviations").map { $0["value"] ?? "" }
        #expect(ages == board.deviations.byAge.values.map(String.init))

        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let file = Self.screenshots.appendingPathComponent("dashboard.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let shot = Self.screenshots.appendingPathComponent("dashboard.png")
        try? FileManager.default.removeItem(at: shot)
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let browser = try #require(chromium, "headless Chromium (Debian package chromium) renders the page; make test installs it")
        let run = try Command.run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,2400",
                                            "--screenshot=\(shot.path)", file.absoluteString])
        let written = (try? Data(contentsOf: shot)) ?? Data()
        #expect(written.starts(with: [0x89, 0x50, 0x4E, 0x47]) && written.count > 10_000, "\(run.stderr)")
    }
}

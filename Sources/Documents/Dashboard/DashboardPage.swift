import Foundation

/// The dashboard as one self-contained, printable HTML file: the figures with the records behind
/// them, and three charts drawn as inline SVG (no external assets, no scripts). Every bar carries
/// its figure in `data-value` and as text, so the charts say exactly what the JSON says.
public enum DashboardPage {
    public static func html(_ board: Dashboard) -> String {
        let page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Maintenance and quality dashboard, \(e(board.today))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>Maintenance and quality dashboard</h1>
            <p class="meta">Plant day \(e(board.today)), computed at commit <code>\(e(board.commit))</code>\(filterText(board.filter)).
            The same command on a copy of the repository at that commit gives this page.</p>

            """
        return page + sections(board) + "</body>\n</html>\n"
    }

    /// The figures and charts without the page around them or its style sheet: for a page whose
    /// Content-Security-Policy admits no inline style (the web application's). The SVG carries
    /// classes only, never a `style` attribute.
    public static func sections(_ board: Dashboard) -> String {
        var page = section("PM compliance", [
            ("Rate (on time of on time, late and missed)", board.pm.rate.map { percent($0) } ?? "none decided yet", []),
            ("On time", "\(board.pm.onTime)", []), ("Late", "\(board.pm.late)", []), ("Missed", "\(board.pm.missed)", []),
            ("Overdue", "\(board.pm.overdue)", []), ("Open", "\(board.pm.open)", []),
            ("Not on time", "\(board.pm.records.count)", board.pm.records),
        ])
        page += trend(board.pm.months)
        page += section("Work orders", [
            ("Open or in progress", "\(board.workOrders.open)", board.workOrders.records),
            ("Overdue", "\(board.workOrders.overdue)", board.workOrders.overdueRecords),
        ] + zip(Dashboard.Ages.labels, board.workOrders.byAge.values).map { ("Open, \($0)", "\($1)", []) })
        let cal = board.calibration
        page += section("Calibration", [
            ("Due in the next 30 days", "\(cal.dueIn30Days)", cal.dueRecords), ("Overdue", "\(cal.overdue)", cal.overdueRecords),
            ("Out of tolerance", "\(cal.outOfTolerance)", cal.outOfToleranceRecords),
        ])
        page += bars(title: "Instruments by calibration status", id: "calibration",
                     ["in calibration": cal.inCalibration, "due": cal.dueIn30Days, "overdue": cal.overdue,
                      "out of tolerance": cal.outOfTolerance, "out of service": cal.outOfService],
                     order: ["in calibration", "due", "overdue", "out of tolerance", "out of service"])
        let deviations = board.deviations
        page += section("Deviations and CAPA", [
            ("Open deviations", "\(deviations.open)", deviations.records), ("Overdue deviations", "\(deviations.overdue)", []),
        ] + deviations.byClass.keys.sorted().map { ("Open, \($0)", "\(deviations.byClass[$0] ?? 0)", []) } + [
            ("Open CAPAs", "\(board.capa.open)", []), ("CAPA actions overdue", "\(board.capa.overdueActions)", board.capa.records),
        ])
        page += bars(title: "Open deviations by age", id: "deviations",
                     Dictionary(uniqueKeysWithValues: zip(Dashboard.Ages.labels, deviations.byAge.values)), order: Dashboard.Ages.labels)
        page += section("Training and SOPs", [
            ("Training due on revisions in force", "\(board.training.due)", board.training.records),
            ("SOPs due for periodic review", "\(board.sopReviewsDue)", board.sopReviewRecords),
        ])
        page += section("Audit trail, security and recovery", [
            ("Audit-trail review overdue", board.auditReview.overdue ? "yes" : "no", []),
            ("Last audit-trail review", board.auditReview.last ?? "never", []),
            ("Acts not yet reviewed", "\(board.auditReview.unreviewedActs)", []),
            ("Security alerts not acknowledged", "\(board.alerts.unacknowledged)", board.alerts.records),
            ("Last recovery drill", board.lastDrill.result.map { "\($0) at \(board.lastDrill.time ?? "?")" } ?? "none yet",
             board.lastDrill.id.map { [$0] } ?? []),
        ])
        return page
    }

    static func e(_ text: String) -> String { ExportPage.escape(text) }

    static func percent(_ rate: Double) -> String { String(format: "%.1f %%", rate * 100) }

    static func filterText(_ filter: DashboardFilter) -> String {
        let parts = [("from", filter.from), ("to", filter.to), ("equipment", filter.equipment), ("area", filter.area),
                     ("department", filter.department), ("user", filter.user)].compactMap { name, value in value.map { "\(name) \(e($0))" } }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
    }

    /// A table of figures, each with the records behind it.
    static func section(_ title: String, _ rows: [(String, String, [String])]) -> String {
        var html = "<h2>\(e(title))</h2>\n<table>\n<tbody>\n"
        for (label, value, records) in rows {
            let listed = records.isEmpty ? "" : records.map { "<code>\(e($0))</code>" }.joined(separator: " ")
            html += "<tr><th scope=\"row\">\(e(label))</th><td class=\"figure\">\(e(value))</td><td>\(listed)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Bars for labelled counts, in `order`.
    static func bars(title: String, id: String, _ values: [String: Int], order: [String]) -> String {
        let width = 640, rowHeight = 26, labelWidth = 160
        let most = max(1, values.values.max() ?? 1)
        var svg = "<figure>\n<figcaption>\(e(title))</figcaption>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-\(id)\" role=\"img\" aria-label=\"\(e(title))\" "
            + "width=\"\(width)\" height=\"\(order.count * rowHeight + 10)\" viewBox=\"0 0 \(width) \(order.count * rowHeight + 10)\">\n"
        for (row, label) in order.enumerated() {
            let value = values[label] ?? 0
            let length = (width - labelWidth - 60) * value / most
            let y = row * rowHeight + 5
            svg += "<text x=\"0\" y=\"\(y + 16)\">\(e(label))</text>"
                + "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"18\" class=\"bar\" data-series=\"\(e(label))\" data-value=\"\(value)\"/>"
                + "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 16)\">\(value)</text>\n"
        }
        return svg + "</svg>\n</figure>\n"
    }

    /// PM compliance month by month: one stacked bar per month (on time, late, missed, overdue).
    static func trend(_ months: [Dashboard.Month]) -> String {
        guard !months.isEmpty else { return "<p>No PM occurrence falls due in the range.</p>\n" }
        let shown = months.suffix(36)
        let column = 34, height = 170, base = 200
        let most = max(1, shown.map { $0.onTime + $0.late + $0.missed + $0.overdue }.max() ?? 1)
        let width = shown.count * column + 40
        var svg = "<figure>\n<figcaption>PM compliance by month of due date: on time, late, missed, overdue</figcaption>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-pm\" role=\"img\" aria-label=\"PM compliance by month\" "
            + "width=\"\(max(width, 360))\" height=\"\(base + 40)\" viewBox=\"0 0 \(max(width, 360)) \(base + 40)\">\n"
        for (index, series) in ["on-time", "late", "missed", "overdue"].enumerated() {
            svg += "<rect x=\"\(20 + index * 85)\" y=\"2\" width=\"10\" height=\"10\" class=\"\(series)\"/>"
                + "<text x=\"\(34 + index * 85)\" y=\"11\">\(series.replacingOccurrences(of: "-", with: " "))</text>\n"
        }
        for (index, month) in shown.enumerated() {
            let x = 20 + index * column
            var top = base
            for (series, value) in [("on-time", month.onTime), ("late", month.late), ("missed", month.missed), ("overdue", month.overdue)] {
                let size = height * value / most
                top -= size
                svg += "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(column - 6)\" height=\"\(size)\" class=\"\(series)\" "
                    + "data-month=\"\(e(month.month))\" data-series=\"\(series)\" data-value=\"\(value)\"><title>\(e(month.month)) \(series): \(value)</title></rect>\n"
            }
            svg += "<text x=\"\(x)\" y=\"\(base + 14)\" class=\"small\">\(e(String(month.month.suffix(5))))</text>"
                + "<text x=\"\(x)\" y=\"\(base + 28)\" class=\"small\">\(month.rate.map { String(format: "%.0f%%", $0 * 100) } ?? "-")</text>\n"
        }
        return svg + "</svg>\n</figure>\n"
    }

    static let style = """
        body{font-family:sans-serif;font-size:11pt;margin:2em;color:#000;max-width:60em}\
        table{border-collapse:collapse;width:100%;margin-bottom:1em}\
        th,td{border:1px solid #444;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}\
        th{background:#eee;width:40%}td.figure{width:12%;font-weight:bold}code{font-family:monospace;font-size:9pt}\
        figure{margin:0 0 1.5em 0}figcaption{font-weight:bold;margin-bottom:4px}svg{max-width:100%;height:auto}\
        svg text{font-size:11px;fill:#000}svg .small{font-size:9px}.bar{fill:#35608a}\
        .on-time{fill:#2e7d32}.late{fill:#b26a00}.missed{fill:#b00020}.overdue{fill:#666}.meta{color:#333}\
        @media print{body{margin:0}@page{size:A4;margin:12mm}figure,table{page-break-inside:avoid}}
        """
}

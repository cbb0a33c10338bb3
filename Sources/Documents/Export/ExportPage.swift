import Foundation

/// The `<ID>.html` page of an export: self-contained (no script, no external resource), printable,
/// with the record's current fields and a table of every act with its full signature
/// manifestation (§11.50: printed name, user ID, date and time, meaning; and reason and commit).
/// Every piece of record text is HTML-escaped.
public enum ExportPage {
    /// One table of the page; cells are plain text, escaped when the page is written.
    public struct Table: Sendable {
        public let title: String
        public let columns: [String]
        public let rows: [[String]]
        /// Classes of the cells of each column (e.g. `mono`), matched by position.
        public let styles: [String]

        public init(title: String, columns: [String], rows: [[String]], styles: [String] = []) {
            self.title = title
            self.columns = columns
            self.rows = rows
            self.styles = styles
        }
    }

    /// The page of `export`, made at `exportedAt` from the commit `head`.
    public static func html(_ export: RecordExport, head: String, exportedAt: String) -> String {
        let last = export.acts.last
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(export.id)): record and signatures</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(escape(export.id))</h1>
            <p class="meta">Kind: \(escape(export.kind.rawValue)). Exported \(escape(exportedAt)) from commit <code>\(escape(head))</code>.
            \(export.acts.count) signed act\(export.acts.count == 1 ? "" : "s")\(last.map { "; last change \(escape($0.time)) by \(escape($0.name)) (\(escape($0.meaning)))" } ?? "").</p>

            """
        for table in tables(for: export) { page += render(table) }
        if let body = export.body {
            page += "<h2>Body (markdown of the latest revision)</h2>\n<pre>\(escape(body))</pre>\n"
        }
        page += "</body>\n</html>\n"
        return page
    }

    /// The tables of the page, in order: the current fields, then the signed acts.
    public static func tables(for export: RecordExport) -> [Table] {
        [
            Table(title: "Current record", columns: ["Field", "Value"], rows: fields(export.record), styles: ["mono", ""]),
            Table(title: "Signed acts (oldest first)",
                  columns: ["Printed name", "User ID", "Date and time (UTC)", "Meaning", "Reason", "Revision", "Event",
                            "Signed at, with", "Commit"],
                  rows: export.acts.map { [$0.name, $0.signer, $0.time, $0.meaning, $0.reason, $0.revision.map(String.init) ?? "—",
                                           $0.event ?? "—", $0.origin ?? "—", $0.commit] },
                  styles: ["", "mono", "mono", "", "", "", "mono", "", "mono"]),
            Table(title: "Field-level history (oldest first; creation shows no old value)",
                  columns: ["Date and time (UTC)", "User ID", "Meaning", "Field", "Old", "New", "Commit"],
                  rows: export.history.map { [$0.act.time, $0.act.signer, $0.act.meaning, $0.change.field,
                                              $0.change.old.map(text) ?? "—", $0.change.new.map(text) ?? "—", $0.act.commit] },
                  styles: ["mono", "mono", "", "mono", "", "", "mono"]),
        ]
    }

    /// A value as a cell: a string as it is, anything else as compact JSON.
    static func text(_ value: JSONValue) -> String {
        if case .string(let string) = value { return string }
        return String(decoding: CanonicalJSON.bytes(of: value), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The leaves of a JSON value as rows `[path, value]`: `status`, `steps[2].signedBy`.
    static func fields(_ value: JSONValue, path: String = "") -> [[String]] {
        switch value {
        case .object(let members):
            guard !members.isEmpty else { return [[path, "{}"]] }
            return members.keys.sorted().flatMap { fields(members[$0] ?? .null, path: path.isEmpty ? $0 : "\(path).\($0)") }
        case .array(let items):
            guard !items.isEmpty else { return [[path, "[]"]] }
            return items.enumerated().flatMap { fields($1, path: "\(path)[\($0)]") }
        case .null: return [[path, "null"]]
        case .bool(let flag): return [[path, flag ? "true" : "false"]]
        case .integer(let number): return [[path, String(number)]]
        case .number(let number): return [[path, String(number)]]
        case .string(let text): return [[path, text]]
        }
    }

    static func render(_ table: Table) -> String {
        func cell(_ text: String, _ column: Int, tag: String) -> String {
            let style = column < table.styles.count && !table.styles[column].isEmpty ? " class=\"\(table.styles[column])\"" : ""
            return "<\(tag)\(style)>\(escape(text))</\(tag)>"
        }
        var html = "<h2>\(escape(table.title))</h2>\n<table>\n<thead><tr>"
        html += table.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { cell($1, $0, tag: "td") }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Text made safe for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let style = """
        body{font-family:sans-serif;font-size:11pt;margin:2em;color:#000}\
        table{border-collapse:collapse;width:100%;margin-bottom:1.5em}\
        th,td{border:1px solid #444;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}\
        th{background:#eee}.mono,code,pre{font-family:monospace;font-size:9pt}\
        pre{white-space:pre-wrap;border:1px solid #444;padding:6px}.meta{color:#333}\
        thead{display:table-header-group}tr{page-break-inside:avoid}\
        @media print{body{margin:0}@page{size:A4 landscape;margin:12mm}}
        """
}

import Documents
import Foundation

/// The `fields` column of `changes`: what one act changed in one record, as a JSON array of
/// `{"field": …, "old": …, "new": …}` in diff order. A side that is absent (a field created or
/// removed) has no key, so that absent and JSON `null` stay apart. The values are leaves or empty
/// containers (`FieldDiff` reports leaves), so the list nests no deeper than 3.
///
/// One row per act and record rather than one per field: a rebuild writes about a tenth of the
/// rows it would otherwise (SQLite's work per row was most of the rebuild's writing), and a
/// record's history reads one row per revision and parses it.
enum ChangeList {
    static func text(_ changes: [FieldChange]) -> String {
        var bytes: [UInt8] = [0x5B]
        bytes.reserveCapacity(64 * changes.count + 2)
        for (number, change) in changes.enumerated() {
            bytes.append(contentsOf: (number == 0 ? #"{"field":"# : #",{"field":"#).utf8)
            JSONValue.string(change.field).appendCompact(to: &bytes)
            if let old = change.old {
                bytes.append(contentsOf: #","old":"#.utf8)
                old.appendCompact(to: &bytes)
            }
            if let new = change.new {
                bytes.append(contentsOf: #","new":"#.utf8)
                new.appendCompact(to: &bytes)
            }
            bytes.append(0x7D)
        }
        bytes.append(0x5D)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The changes `text(_:)` wrote; `record` names the row in the error when the text is damaged.
    static func changes(_ text: String, record: String) throws(IndexError) -> [FieldChange] {
        let damaged = { (detail: String) in IndexError.corrupt(table: "changes", detail: "the row of \(record): \(detail)") }
        let value: JSONValue
        do { value = try JSONParser.parse(Data(text.utf8)) } catch { throw damaged("not JSON: \(error)") }
        guard case .array(let items) = value else { throw damaged("not an array") }
        var result: [FieldChange] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard case .object(let keys) = item, case .string(let field)? = keys["field"],
                  keys.keys.allSatisfy({ ["field", "old", "new"].contains($0) })
            else { throw damaged("an item is not {\"field\", \"old\", \"new\"}") }
            result.append(FieldChange(field: field, old: keys["old"], new: keys["new"]))
        }
        return result
    }
}

import Documents
import Foundation

/// The `fields` column of `changes`: what one act changed in one record, as a JSON array with one
/// item per field change, in diff order. An item is an array whose first element is the field
/// prefixed with which sides it has, then those sides:
///
/// - `["=status", "open", "closed"]`: changed, old then new;
/// - `["+note", null]`: created (no old side), its new value;
/// - `["-note", "ok"]`: removed (no new side), its old value.
///
/// An absent side has no element, so that absent and JSON `null` stay apart. The values are leaves
/// or empty containers (`FieldDiff` reports leaves), so the list nests no deeper than 3. Arrays
/// rather than `{"field": …, "old": …, "new": …}` objects: the keys repeated in every item were
/// half of the column, the largest of the index.
///
/// One row per act and record rather than one per field: a rebuild writes about a tenth of the
/// rows it would otherwise (SQLite's work per row was most of the rebuild's writing), and a
/// record's history reads one row per revision and parses it.
enum ChangeList {
    static func text(_ changes: [FieldChange]) -> String {
        var bytes: [UInt8] = [0x5B]
        bytes.reserveCapacity(48 * changes.count + 2)
        for (number, change) in changes.enumerated() {
            if number > 0 { bytes.append(0x2C) }
            bytes.append(0x5B)
            let marker: UInt8 = change.old == nil ? 0x2B : change.new == nil ? 0x2D : 0x3D  // + - =
            if !JSONValue.appendPlain(change.field, prefix: marker, to: &bytes) {
                JSONValue.string(String(decoding: [marker], as: UTF8.self) + change.field).appendCompact(to: &bytes)
            }
            if let old = change.old {
                bytes.append(0x2C)
                old.appendCompact(to: &bytes)
            }
            if let new = change.new {
                bytes.append(0x2C)
                new.appendCompact(to: &bytes)
            }
            bytes.append(0x5D)
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
            guard case .array(let parts) = item, case .string(let named)? = parts.first, let marker = named.first else {
                throw damaged("an item is not [\"<marker><field>\", <sides>…]")
            }
            let field = String(named.dropFirst())
            switch (marker, parts.count) {
            case ("=", 3): result.append(FieldChange(field: field, old: parts[1], new: parts[2]))
            case ("+", 2): result.append(FieldChange(field: field, old: nil, new: parts[1]))
            case ("-", 2): result.append(FieldChange(field: field, old: parts[1], new: nil))
            default: throw damaged("the item of \(named.debugDescription) does not have the sides its marker says")
            }
        }
        return result
    }
}

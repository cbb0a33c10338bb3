import Documents
import GRDB

/// Which record a file of the tree belongs to, read from its path alone:
/// `wo/0000/01/WO-000123.json` is the JSON of work order `WO-000123` (kind `wo`),
/// `sop/0000/00/SOP-0001.md` the body of `SOP-0001`, `accounts/dora.json` the account `dora`,
/// `policy.json` the policy. A kind added later is named by its top-level folder.
struct RecordFile {
    enum Role { case json, body, other }

    let kind: String
    let id: String
    let role: Role

    /// Read from the path's bytes: a rebuild reads the path of every file every act changed.
    init(path: String) {
        let utf8 = path.utf8
        let slash = utf8.firstIndex(of: 0x2F)
        let nameStart = utf8.lastIndex(of: 0x2F).map { utf8.index(after: $0) } ?? utf8.startIndex
        let name = utf8[nameStart...]
        let dot = name.lastIndex(of: 0x2E)
        let stem = String(Substring(dot.map { name[..<$0] } ?? name))
        let suffix = dot.map { name[utf8.index(after: $0)...] }
        id = stem
        if let suffix, suffix.elementsEqual("json".utf8) {
            role = .json
        } else if let suffix, suffix.elementsEqual("md".utf8) {
            role = .body
        } else {
            role = .other
        }
        if let slash {
            let folder = utf8[..<slash]
            // The kind's name as the registry gives it (accounts live in `accounts/`, named `account`).
            kind = folder.elementsEqual(RecordKind.account.rawValue.utf8) ? RecordKind.account.name : String(Substring(folder))
        } else {
            kind = stem
        }
    }
}

/// The columns of `records` that come from a record's JSON.
struct RecordSummary: Sendable {
    var status: String?
    var equipment: String?
    var department: String?
    /// A work order's queue and schedule facts (nil for every other kind).
    var job = JobColumns()

    /// Reads `status` (for an SOP: its latest revision's), `equipment` (an equipment record is its
    /// own equipment) and `department` from the top level of a record.
    init(_ value: JSONValue?, kind: String, id: String) {
        guard case .object(let fields)? = value else { return }
        if case .string(let status)? = fields["status"] {
            self.status = status
        } else if case .array(let revisions)? = fields["revisions"], case .object(let last)? = revisions.last,
                  case .string(let status)? = last["status"] {
            self.status = status
        }
        if kind == RecordKind.equipment.rawValue {
            equipment = id
        } else if case .string(let equipment)? = fields["equipment"] {
            self.equipment = equipment
        }
        if case .string(let department)? = fields["department"] { self.department = department }
        if kind == RecordKind.workOrder.rawValue { job = JobColumns(fields) }
        if kind == RecordKind.history.rawValue { job = JobColumns(imported: fields) }
        if kind == RecordKind.calibration.rawValue { job = JobColumns(calibration: fields) }
        if kind == RecordKind.equipment.rawValue { job = JobColumns(equipment: fields) }
    }
}

/// The columns of `records` that a technician's queue (`wo list`) and PM compliance are answered
/// from: a work order's title, assignee (a user, or `@role` for a job any holder of the role may
/// take), due date and type, and for a generated job its plan, occurrence, window end, next due
/// date and completion day.
struct JobColumns: Sendable, Equatable {
    var title, assignee, due, type, plan, closes, nextDue, completed: String?
    var occurrence: Int?
    /// The class of an occurrence whose outcome no longer depends on the day (its job completed or
    /// cancelled), by `OccurrenceClass.of`; nil while it still does.
    var settled: String?
    /// The records this one names that a reverse lookup needs, each between bars (`|STD-1|STD-2|`):
    /// a calibration's reference standards; for a work order, `|reading|` and each step holding a
    /// recorded value with its signing time, `2@2026-01-05T10:00:00Z` (the jobs a failed standard
    /// may have affected are among those).
    var refs: String?

    init() {}

    init(_ fields: [String: JSONValue]) {
        func text(_ value: JSONValue?) -> String? {
            if case .string(let text)? = value { return text }
            return nil
        }
        title = text(fields["title"])
        // Each step holding a recorded value, with when it was signed: `|reading|2@2026-01-05T10:00:00Z|`.
        if case .array(let steps)? = fields["steps"] {
            let taken = steps.compactMap { step -> String? in
                guard case .object(let step) = step, let value = step["value"], value != .null,
                      case .integer(let number)? = step["number"], case .string(let at)? = step["signedAt"] else { return nil }
                return "\(number)@\(at)"
            }
            if !taken.isEmpty { refs = "|reading|" + taken.joined(separator: "|") + "|" }
        }
        assignee = text(fields["assignee"]) ?? text(fields["assigneeRole"]).map { "@" + $0 }
        due = text(fields["due"])
        type = text(fields["type"])
        guard case .object(let occurrence)? = fields["occurrence"] else { return }
        plan = text(occurrence["plan"])
        closes = text(occurrence["closes"])
        nextDue = text(occurrence["nextDue"])
        completed = text(occurrence["completed"])
        if case .integer(let number)? = occurrence["number"] { self.occurrence = Int(number) }
        let cancelled: Bool
        if case .string("cancelled")? = fields["status"] { cancelled = true } else { cancelled = false }
        let day = completed.flatMap { try? Day(parsing: $0, field: "completed", record: "") }
        if let closes, let nextDue, cancelled || day != nil {
            // Completed or cancelled: the class is the same whatever day it is read on.
            settled = OccurrenceClass.of(closes: closes, nextDue: nextDue, completed: day, cancelled: cancelled, today: day ?? Day(number: 0)).rawValue
        }
    }

    /// An imported maintenance record's: its description as the title, the day of the work as the
    /// due date, and its type, so that reports over a range of days can show it as history.
    init(imported fields: [String: JSONValue]) {
        if case .string(let text)? = fields["description"] {
            title = String(text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ").prefix(200))
        }
        if case .string(let day)? = fields["date"] { due = day }
        if case .string(let type)? = fields["type"] { self.type = type }
    }

    /// A calibration's: its result as the type, when it was done as its completion, its next due
    /// date, and its standards as refs.
    init(calibration fields: [String: JSONValue]) {
        if case .string(let result)? = fields["result"] { type = result }
        if case .string(let time)? = fields["performedAt"] { completed = time }
        if case .string(let day)? = fields["nextDue"] { nextDue = day }
        if case .array(let standards)? = fields["standards"] {
            let ids = standards.compactMap { standard -> String? in
                if case .object(let used) = standard, case .string(let id)? = used["id"] { return id }
                return nil
            }
            refs = "|" + ids.joined(separator: "|") + "|"
        }
    }

    /// Equipment's: the system it is installed in, and whether it is an instrument, as refs
    /// (`|in:WFI-1|instrument|`), so that a dashboard finds an area's tree and the instruments
    /// without reading every piece of equipment.
    init(equipment fields: [String: JSONValue]) {
        var marks: [String] = []
        if case .string(let parent)? = fields["parent"] { marks.append("in:" + parent) }
        if case .object? = fields["instrument"] { marks.append("instrument") }
        refs = "|" + marks.joined(separator: "|") + "|"
    }

    /// In the order of `IndexSchema.jobColumns`.
    var values: [DatabaseValue] {
        [title.databaseValue, assignee.databaseValue, due.databaseValue, type.databaseValue, plan.databaseValue,
         occurrence.databaseValue, closes.databaseValue, nextDue.databaseValue, completed.databaseValue, settled.databaseValue,
         refs.databaseValue]
    }
}

extension JSONValue {
    /// The value as compact JSON text (canonical, on one line for the leaves the index stores).
    var compactText: String {
        var bytes: [UInt8] = []
        appendCompact(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the value as compact JSON text.
    ///
    /// The leaves most records hold (null, booleans, integers, printable ASCII strings with
    /// nothing to escape) are written here directly, as `CanonicalJSON` writes them; the rest go
    /// through it. A rebuild renders a million values, and this spares most of them a round trip
    /// through `Data` and a check for Unicode normalisation.
    func appendCompact(to bytes: inout [UInt8]) {
        switch self {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let number): bytes.append(contentsOf: String(number).utf8)
        case .string(let text) where Self.appendPlain(text, to: &bytes):
            break
        default:
            var canonical = CanonicalJSON.bytes(of: self)
            if canonical.last == 0x0A { canonical.removeLast() }
            bytes.append(contentsOf: canonical)
        }
    }

    /// Appends `text` quoted, `prefix` before its first character, and returns true when it is
    /// printable ASCII with nothing to escape; appends nothing and returns false otherwise.
    static func appendPlain(_ text: String, prefix: UInt8? = nil, to bytes: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) else { return false }
            bytes.append(0x22)
            if let prefix { bytes.append(prefix) }
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
    }
}

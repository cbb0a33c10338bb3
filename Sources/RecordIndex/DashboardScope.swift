import Documents
import Foundation
import GRDB
import RecordRepo

/// What a dashboard's filter admits, resolved against the records: the pieces of equipment in
/// scope (one, an area's tree, a department's) and the assignees of a person's jobs. A filter
/// that names nothing that exists is refused, not answered with empty figures.
struct DashboardScope {
    let today: Day
    let zone: TimeZone
    let compliance: ComplianceFilter
    /// Every piece of equipment, by ID: its department and the system it is installed in.
    let equipment: [String: (department: String?, parent: String?)]
    /// The instruments, whole, by ID.
    let instruments: [Equipment]
    /// The equipment in scope; nil: all of it.
    let within: Set<String>?
    /// The person and `@role` for each of their roles; nil: everyone.
    let assignees: Set<String>?
    /// The person the dashboard is narrowed to.
    let filterUser: String?

    init(_ filter: DashboardFilter, index: RecordIndex, records: Records) throws(IndexError) {
        do {
            let policy = try records.policy()
            zone = policy.zone
            today = Day(of: records.now, in: zone)
            let from: Day? = try filter.from.map { (text) throws(DocumentsError) -> Day in try Day(parsing: text, field: "--from", record: "dashboard") }
            let to: Day? = try filter.to.map { (text) throws(DocumentsError) -> Day in try Day(parsing: text, field: "--to", record: "dashboard") }
            if let from, let to, to < from {
                throw DocumentsError.invalidField(record: "dashboard", field: "--to", reason: "\(to) is before --from \(from)")
            }
            // Every piece of equipment from the index: its department and the system it is in; only
            // instruments are read whole, for their calibration state.
            let rows: [(id: String, department: String?, refs: String?, blob: String)] = try index.read { db in
                try Row.fetchAll(db, sql: "SELECT id, department, refs, blob FROM records WHERE kind = 'equipment'").map { ($0[0], $0[1], $0[2], $0[3]) }
            }
            var all: [String: (department: String?, parent: String?)] = [:]
            var instruments: [Equipment] = []
            for row in rows {
                let marks = (row.refs ?? "").split(separator: "|")
                all[row.id] = (row.department, marks.first { $0.hasPrefix("in:") }.map { String($0.dropFirst(3)) })
                if marks.contains("instrument"), let unit = try index.decode(Equipment.self, blob: row.blob) { instruments.append(unit) }
            }
            equipment = all
            self.instruments = instruments.sorted { $0.id < $1.id }
            var scope: Set<String>?
            func narrow(_ ids: Set<String>) { scope = scope.map { $0.intersection(ids) } ?? ids }
            if let id = filter.equipment {
                guard all[id] != nil else { throw DocumentsError.invalidField(record: "dashboard", field: "--equipment", reason: "\(RecordID.quoted(id)) is no equipment here") }
                narrow([id])
            }
            if let id = filter.area {
                guard all[id] != nil else { throw DocumentsError.invalidField(record: "dashboard", field: "--area", reason: "\(RecordID.quoted(id)) is no equipment here") }
                narrow(Self.tree(of: id, in: all))
            }
            if let department = filter.department {
                let members = Set(all.filter { $0.value.department == department }.map(\.key))
                guard !members.isEmpty else {
                    throw DocumentsError.invalidField(record: "dashboard", field: "--department", reason: "no equipment is in department \(RecordID.quoted(department))")
                }
                narrow(members)
            }
            within = scope
            filterUser = filter.user
            if let user = filter.user {
                guard (try? UserID(user)) != nil, let account = try records.account(user) else {
                    throw DocumentsError.invalidField(record: "dashboard", field: "--user", reason: "\(RecordID.quoted(user)) has no account here")
                }
                assignees = Set([user] + account.roles.map { "@" + $0.rawValue })
            } else {
                assignees = nil
            }
            compliance = ComplianceFilter(from: from, to: to, equipment: filter.equipment, department: filter.department,
                                          within: filter.area == nil ? nil : scope.map { $0.sorted() })
        } catch let error as DocumentsError {
            throw .refused(error)
        } catch let error as IndexError {
            throw error
        } catch {
            throw .refused(.invalidField(record: "dashboard", field: "filter", reason: "\(error)"))
        }
    }

    /// `id` and everything installed in it, at any depth.
    static func tree(of id: String, in all: [String: (department: String?, parent: String?)]) -> Set<String> {
        var found: Set<String> = [id]
        var added = true
        while added {
            added = false
            for (unit, placed) in all where !found.contains(unit) {
                if let parent = placed.parent, found.contains(parent) {
                    found.insert(unit)
                    added = true
                }
            }
        }
        return found
    }

    func admits(equipment id: String?) -> Bool {
        guard let within else { return true }
        return id.map(within.contains) ?? false
    }

    /// An action's owner: the person named, or anyone without a person filter.
    func admits(owner: String) -> Bool { filterUser.map { $0 == owner } ?? true }

    func admits(assignee: String?) -> Bool {
        guard let assignees else { return true }
        return assignee.map(assignees.contains) ?? false
    }

    /// The instruments in scope, each by its calibration status today.
    func calibration() -> Dashboard.Calibration {
        var board = Dashboard.Calibration()
        for unit in instruments where admits(equipment: unit.id) {
            guard let instrument = unit.instrument else { continue }
            switch instrument.status(on: today, equipment: unit.status) {
            case .inCalibration: board.inCalibration += 1
            case .due: board.dueIn30Days += 1; board.dueRecords.append(unit.id)
            case .overdue: board.overdue += 1; board.overdueRecords.append(unit.id)
            case .outOfTolerance: board.outOfTolerance += 1; board.outOfToleranceRecords.append(unit.id)
            case .outOfService: board.outOfService += 1
            }
        }
        return board
    }
}

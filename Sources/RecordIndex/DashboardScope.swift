import Documents
import Foundation
import RecordRepo

/// What a dashboard's filter admits, resolved against the records: the pieces of equipment in
/// scope (one, an area's tree, a department's) and the assignees of a person's jobs. A filter
/// that names nothing that exists is refused, not answered with empty figures.
struct DashboardScope {
    let today: Day
    let zone: TimeZone
    let compliance: ComplianceFilter
    /// Every piece of equipment, by ID.
    let equipment: [String: Equipment]
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
            var all: [String: Equipment] = [:]
            for record in try index.currentRecords(kind: RecordKind.equipment.rawValue) {
                if let unit = try index.decode(Equipment.self, blob: record.blob) { all[unit.id] = unit }
            }
            equipment = all
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
                let members = Set(all.values.filter { $0.department == department }.map(\.id))
                guard !members.isEmpty else {
                    throw DocumentsError.invalidField(record: "dashboard", field: "--department", reason: "no equipment is in department \(RecordID.quoted(department))")
                }
                narrow(members)
            }
            within = scope
            filterUser = filter.user
            if let user = filter.user {
                guard let account = try records.account(user) else {
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
    static func tree(of id: String, in all: [String: Equipment]) -> Set<String> {
        var found: Set<String> = [id]
        var added = true
        while added {
            added = false
            for unit in all.values where !found.contains(unit.id) {
                if let parent = unit.parent, found.contains(parent) {
                    found.insert(unit.id)
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
        for unit in equipment.values.sorted(by: { $0.id < $1.id }) where admits(equipment: unit.id) {
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

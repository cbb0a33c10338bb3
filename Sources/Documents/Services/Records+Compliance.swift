import Foundation
import RecordRepo

/// Which occurrences a compliance report covers: due dates from `from` to `to` (both included)
/// and, when given, one piece of equipment, one department or one plan.
public struct ComplianceFilter: Sendable, Equatable {
    public var from: Day?
    public var to: Day?
    public var equipment: String?
    public var department: String?
    public var plan: String?
    /// Only these pieces of equipment (an area: a system and what is installed in it).
    public var within: [String]?

    public init(from: Day? = nil, to: Day? = nil, equipment: String? = nil, department: String? = nil, plan: String? = nil,
                within: [String]? = nil) {
        self.from = from
        self.to = to
        self.equipment = equipment
        self.department = department
        self.plan = plan
        self.within = within
    }

    /// Whether `line` (on equipment of `department`) is in the report.
    func admits(_ line: OccurrenceLine, department lineDepartment: String?) -> Bool {
        if let from, line.due < from.text { return false }
        if let to, line.due > to.text { return false }
        if let equipment, line.equipment != equipment { return false }
        if let plan, line.plan != plan { return false }
        if let within, !within.contains(line.equipment) { return false }
        if let department, lineDepartment != department { return false }
        return true
    }
}

extension Records {
    /// Today in the plant's time zone.
    public func today() throws(DocumentsError) -> Day { Day(of: now, in: try policy(at: try head()).zone) }

    /// PM compliance as it stands now, recomputed from the jobs the plans generated.
    public func compliance(_ filter: ComplianceFilter) throws(DocumentsError) -> ComplianceReport {
        let today = try today()
        let departments = Dictionary(try all(Equipment.self, of: .equipment).map { ($0.id, $0.department) },
                                     uniquingKeysWith: { first, _ in first })
        let lines = try all(WorkOrder.self, of: .workOrder).compactMap { OccurrenceLine($0, today: today) }
            .filter { filter.admits($0, department: departments[$0.equipment] ?? nil) }
        return ComplianceReport(from: filter.from?.text, to: filter.to?.text, today: today.text, occurrences: lines)
    }
}

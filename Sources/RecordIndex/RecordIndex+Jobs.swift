import Documents
import Foundation
import GRDB

/// A work order as the index lists it: what a queue and a compliance report need, without
/// reading the record from git.
public struct IndexedJob: Sendable, Equatable, Codable {
    public let id: String
    public let title: String?
    public let status: String?
    public let equipment: String?
    /// The user it is assigned to, or `@role` for a job any holder of the role may take.
    public let assignee: String?
    public let due: String?
    public let type: String?
    public let plan: String?
    public let occurrence: Int?
    public let closes: String?
    public let nextDue: String?
    public let completed: String?
    /// The last act that changed it.
    public let commit: String

    static let columns = "r.id, r.title, r.status, r.equipment, r.assignee, r.due, r.type, r.plan, r.occurrence, r.closes, r.next_due, r.completed, r.commit_id"

    init(_ row: Row) {
        id = row[0]; title = row[1]; status = row[2]; equipment = row[3]; assignee = row[4]; due = row[5]; type = row[6]
        plan = row[7]; occurrence = row[8]; closes = row[9]; nextDue = row[10]; completed = row[11]; commit = row[12]
    }
}

/// Which occurrences a compliance report lists.
public enum ComplianceListing: Sendable {
    /// Every one counted.
    case every
    /// Those not on time: what an investigator asks about.
    case notOnTime
    /// None: the counts and the rate alone.
    case none
}

/// Which jobs `wo list` shows: every field set must match.
public struct JobQuery: Sendable, Equatable {
    /// Any of these assignees (a user ID, or `@role`).
    public var assignees: [String]?
    public var statuses: [String]?
    public var type: String?
    public var equipment: String?
    /// Due strictly before this day.
    public var dueBefore: String?
    /// Not completed, closed or cancelled, and due before this day (today): overdue.
    public var overdueOn: String?

    public init(assignees: [String]? = nil, statuses: [String]? = nil, type: String? = nil, equipment: String? = nil,
                dueBefore: String? = nil, overdueOn: String? = nil) {
        self.assignees = assignees
        self.statuses = statuses
        self.type = type
        self.equipment = equipment
        self.dueBefore = dueBefore
        self.overdueOn = overdueOn
    }
}

extension RecordIndex {
    /// The jobs `query` selects, by due date (jobs without one last), then ID.
    public func jobs(_ query: JobQuery) throws(IndexError) -> [IndexedJob] {
        var clauses = ["r.kind = 'wo'"]
        var arguments: [String] = []
        func list(_ column: String, _ values: [String]?) {
            guard let values else { return }
            clauses.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            arguments += values
        }
        list("r.assignee", query.assignees)
        list("r.status", query.statuses)
        if let type = query.type { clauses.append("r.type = ?"); arguments.append(type) }
        if let equipment = query.equipment { clauses.append("r.equipment = ?"); arguments.append(equipment) }
        if let before = query.dueBefore { clauses.append("r.due < ?"); arguments.append(before) }
        if let today = query.overdueOn {
            clauses.append("r.status IN ('open', 'in-progress') AND r.due < ?")
            arguments.append(today)
        }
        let sql = "SELECT \(IndexedJob.columns) FROM records r WHERE \(clauses.joined(separator: " AND ")) "
            + "ORDER BY r.due IS NULL, r.due, r.id"
        return try read { db in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(IndexedJob.init) }
    }

    /// The WHERE clause (over `records r`) selecting the jobs plans generated whose due dates lie in
    /// the filter's range (both ends included), on its equipment, in its department (the
    /// equipment's) or of its plan; numbered parameters from ?2 on, ?1 being left for today.
    static func occurrenceCondition(_ filter: ComplianceFilter) -> (String, [String]) {
        var clauses = ["r.kind = 'wo'", "r.plan IS NOT NULL"]
        var arguments: [String] = []
        func add(_ clause: String, _ value: String?) {
            guard let value else { return }
            arguments.append(value)
            clauses.append(clause.replacingOccurrences(of: "?", with: "?\(arguments.count + 1)"))
        }
        add("r.due >= ?", filter.from?.text)
        add("r.due <= ?", filter.to?.text)
        add("r.equipment = ?", filter.equipment)
        add("r.plan = ?", filter.plan)
        add("r.equipment IN (SELECT id FROM records WHERE kind = 'equipment' AND department = ?)", filter.department)
        add("r.equipment IN (SELECT value FROM json_each(?))", filter.within.map(jsonList))
        return (clauses.joined(separator: " AND "), arguments)
    }
}

extension RecordIndex {
    /// The class of an occurrence as SQL, `?1` standing for today: the `settled` column (the class
    /// `OccurrenceClass.of` gave when the index wrote the row) for a job completed or cancelled,
    /// else, for a job still to do, the part of the rule that depends on the day. The counts of a
    /// compliance report come from one grouped query; `PMScenarioTests` checks that they equal the
    /// library's over every class.
    static let occurrenceClass = """
        COALESCE(r.settled, CASE WHEN ?1 <= r.closes THEN 'open' WHEN ?1 < r.next_due THEN 'overdue' ELSE 'missed' END)
        """

    /// PM compliance on `today`, answered from the index: the same rule and the same figures as
    /// `Records.compliance`, which reads the records themselves. `listing` says which occurrences
    /// the report lists (all are counted).
    public func compliance(_ filter: ComplianceFilter, today: Day, listing: ComplianceListing = .every) throws(IndexError) -> ComplianceReport {
        let (condition, arguments) = Self.occurrenceCondition(filter)
        // Jobs completed or cancelled are counted by the class the index settled, in its order;
        // the few still to do are classified on the day.
        let counted: [String: Int] = try read { db in
            var counts: [String: Int] = [:]
            let settled = try Row.fetchAll(db, sql: "SELECT r.settled, COUNT(*) FROM records r INDEXED BY records_settled "
                                                + "WHERE \(condition) AND r.settled IS NOT NULL GROUP BY r.settled",
                                           arguments: StatementArguments(arguments.isEmpty ? [] : ["-"] + arguments))
            let pending = try Row.fetchAll(db, sql: "SELECT \(Self.occurrenceClass) AS class, COUNT(*) FROM records r INDEXED BY records_pending "
                                                + "WHERE \(condition) AND r.settled IS NULL GROUP BY class",
                                           arguments: StatementArguments([today.text] + arguments))
            for row in settled + pending { counts[row[0] as String, default: 0] += row[1] as Int }
            return counts
        }
        var lines: [OccurrenceLine] = []
        if listing != .none {
            let listed = listing == .every ? condition : condition + " AND \(Self.occurrenceClass) <> 'on-time'"
            let sql = "SELECT r.id, r.plan, r.occurrence, r.equipment, r.due, r.closes, r.next_due, r.completed, r.status "
                + "FROM records r INDEXED BY records_occurrences "
                + "WHERE \(listed) AND r.occurrence IS NOT NULL AND r.due IS NOT NULL AND r.closes IS NOT NULL AND r.next_due IS NOT NULL"
            let bound = listing == .every && arguments.isEmpty ? [] : [today.text] + arguments
            lines = try read { db in
                var found: [OccurrenceLine] = []
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(bound))
                while let row = try rows.next() {
                    found.append(OccurrenceLine(order: row[0], plan: row[1], number: row[2], equipment: row[3] ?? "", due: row[4],
                                                closes: row[5], nextDue: row[6], completed: row[7], cancelled: row[8] == "cancelled",
                                                today: today))
                }
                return found
            }
        }
        return ComplianceReport(from: filter.from?.text, to: filter.to?.text, today: today.text, counts: counted, occurrences: lines,
                                complete: listing == .every)
    }
}

extension RecordIndex {
    /// Maintenance history imported from a legacy system whose work was done in the filter's range
    /// of days, on its equipment or in its department: shown beside a compliance report as
    /// history, never counted as PM occurrences (a plan filter leaves none).
    public func importedHistory(_ filter: ComplianceFilter) throws(IndexError) -> [IndexedJob] {
        guard filter.plan == nil else { return [] }
        var (condition, arguments) = Self.occurrenceCondition(ComplianceFilter(from: filter.from, to: filter.to, equipment: filter.equipment,
                                                                               department: filter.department))
        condition = condition.replacingOccurrences(of: "r.kind = 'wo' AND r.plan IS NOT NULL", with: "r.kind = 'mh'")
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT \(IndexedJob.columns) FROM records r WHERE \(condition) ORDER BY r.due, r.id",
                             arguments: StatementArguments(arguments.isEmpty ? [] : ["-"] + arguments)).map(IndexedJob.init)
        }
    }
}

import Documents
import Foundation
import GRDB
import RecordRepo

extension RecordIndex {
    /// The dashboard at the last indexed commit (bring the index up to date first): each figure
    /// from the index's columns, and the few records a figure needs whole read by their blob.
    public func dashboard(_ filter: DashboardFilter, records: Records) throws(IndexError) -> Dashboard {
        let scope = try DashboardScope(filter, index: self, records: records)
        guard let commit = try lastIndexedCommit() else { throw .refused(.notFound(record: "any act (the repository is empty)")) }
        var board = Dashboard(commit: commit, today: scope.today.text, filter: filter,
                              auditReview: try auditReview(records: records), lastDrill: try lastDrill())
        board.pm = try pm(scope)
        board.workOrders = try workOrders(scope)
        board.calibration = scope.calibration()
        board.alerts = try alerts()
        board.deviations = try deviations(scope)
        board.capa = try capas(scope)
        do {
            // Who needs training on a revision in force, and the SOPs due for periodic review: by
            // the training and SOP rules, over the records at the head.
            let due = try records.trainingDue(user: filter.user)
            board.training.due = due.count
            board.training.records = due.map { "\($0.user): \($0.sop) revision \($0.revision)" }
            let reviews = try records.reviewDue()
            board.sopReviewsDue = reviews.count
            board.sopReviewRecords = reviews.map(\.sop)
        } catch {
            throw .refused(error)
        }
        return board
    }

    /// PM compliance over the range and month by month, by the maintenance rules.
    func pm(_ scope: DashboardScope) throws(IndexError) -> Dashboard.PM {
        let report = try compliance(scope.compliance, today: scope.today, listing: .notOnTime)
        var pm = Dashboard.PM()
        pm.onTime = report.count(.onTime)
        pm.late = report.count(.late)
        pm.missed = report.count(.missed)
        pm.overdue = report.count(.overdue)
        pm.open = report.count(.open)
        pm.rate = report.rate
        pm.records = report.occurrences.filter { $0.classification != .onTime && $0.classification != .open }.map(\.order)
        let (condition, arguments) = Self.occurrenceCondition(scope.compliance)
        pm.months = try read { db in
            // As the report's counts: completed or cancelled jobs by the class the index settled,
            // the rest by the part of the rule that depends on the day, each through its index.
            // Grouped by day in each index's own order (no sort), then summed into months here.
            let settled = try Row.fetchAll(db, sql: """
                SELECT r.due, r.settled, COUNT(*) FROM records r INDEXED BY records_settled
                WHERE \(condition) AND r.settled IS NOT NULL GROUP BY r.settled, r.due
                """, arguments: StatementArguments(arguments.isEmpty ? [] : ["-"] + arguments))
            let pending = try Row.fetchAll(db, sql: """
                SELECT r.due, \(Self.occurrenceClass) AS class, COUNT(*) FROM records r INDEXED BY records_pending
                WHERE \(condition) AND r.settled IS NULL GROUP BY r.due, class
                """, arguments: StatementArguments([scope.today.text] + arguments))
            var counts: [String: [String: Int]] = [:]
            for row in settled + pending {
                counts[String((row[0] as String).prefix(7)), default: [:]][row[1] as String, default: 0] += row[2] as Int
            }
            return counts.keys.sorted().map { month in
                let of = counts[month] ?? [:]
                return Dashboard.Month(month: month, onTime: of["on-time"] ?? 0, late: of["late"] ?? 0, missed: of["missed"] ?? 0,
                                       overdue: of["overdue"] ?? 0)
            }
        }
        return pm
    }

    /// Jobs still to do (open or in progress), by age since they were created, and those past due.
    func workOrders(_ scope: DashboardScope) throws(IndexError) -> Dashboard.WorkOrders {
        let rows: [(id: String, equipment: String?, assignee: String?, due: String?, status: String?, created: String?)] = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.equipment, r.assignee, r.due, r.status,
                       (SELECT a.time FROM acts a WHERE a.seq = (SELECT MIN(c.seq) FROM changes c WHERE c.record = r.id))
                FROM records r WHERE r.kind = 'wo' AND r.status IN ('open', 'in-progress') ORDER BY r.id
                """).map { ($0[0], $0[1], $0[2], $0[3], $0[4], $0[5]) }
        }
        var board = Dashboard.WorkOrders()
        for row in rows where scope.admits(equipment: row.equipment) && scope.admits(assignee: row.assignee) {
            board.open += 1
            board.records.append(row.id)
            let created = row.created.flatMap(Timestamp.parse).map { Day(of: $0, in: scope.zone) } ?? scope.today
            board.byAge.add(days: scope.today.number - created.number)
            if let due = row.due, due < scope.today.text {
                board.overdue += 1
                board.overdueRecords.append(row.id)
            }
        }
        return board
    }

    /// Deviations not yet closed, on equipment in scope, by classification and age since they
    /// were opened, and those past the day their classification gives.
    func deviations(_ scope: DashboardScope) throws(IndexError) -> Dashboard.Deviations {
        var board = Dashboard.Deviations()
        for record in try currentRecords(kind: RecordKind.deviation.rawValue) where record.status != Deviation.Status.closed.rawValue {
            guard let deviation = try decode(Deviation.self, blob: record.blob), deviation.isOpen,
                  scope.within == nil || scope.admits(equipment: deviation.equipment) else { continue }
            board.open += 1
            board.records.append(deviation.id)
            board.byClass[deviation.classification.rawValue, default: 0] += 1
            board.byAge.add(days: deviation.age(on: scope.today))
            if deviation.isOverdue(on: scope.today) { board.overdue += 1 }
        }
        return board
    }

    /// CAPAs not yet closed, and the actions past their due day; with a person named, only
    /// the actions they own.
    func capas(_ scope: DashboardScope) throws(IndexError) -> Dashboard.CAPA {
        var board = Dashboard.CAPA()
        for record in try currentRecords(kind: RecordKind.capa.rawValue) where record.status != CAPA.Status.closed.rawValue {
            guard let capa = try decode(CAPA.self, blob: record.blob) else { continue }
            board.open += 1
            let late = capa.overdueActions(on: scope.today).filter { scope.admits(owner: $0.owner) }
            board.overdueActions += late.count
            if !late.isEmpty { board.records.append(capa.id) }
        }
        return board
    }

    /// Security alerts nobody has acknowledged yet.
    func alerts() throws(IndexError) -> Dashboard.Alerts {
        var board = Dashboard.Alerts()
        for record in try currentRecords(kind: RecordKind.alert.rawValue) {
            guard let alert = try decode(Alert.self, blob: record.blob), alert.acknowledgedBy == nil else { continue }
            board.unacknowledged += 1
            board.records.append(alert.id)
        }
        return board
    }

    /// The newest recovery drill.
    func lastDrill() throws(IndexError) -> Dashboard.Drill {
        guard let newest = try currentRecords(kind: RecordKind.drill.rawValue).max(by: { $0.id < $1.id }),
              let drill = try decode(Drill.self, blob: newest.blob) else { return Dashboard.Drill(id: nil, result: nil, time: nil) }
        return Dashboard.Drill(id: drill.id, result: drill.result.rawValue, time: drill.performedAt)
    }

    /// The last audit-trail review and the acts signed since, from the index's acts.
    func auditReview(records: Records) throws(IndexError) -> Dashboard.AuditReview {
        let (last, first, count): (String?, String?, Int) = try read { db in
            let review = try Row.fetchOne(db, sql: "SELECT seq, time FROM acts WHERE meaning = 'audit-review' ORDER BY seq DESC LIMIT 1")
            let seq: Int64 = review?[0] ?? 0
            let after: Int = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM acts WHERE seq > ?", arguments: [seq]) ?? 0
            let root: String? = try String.fetchOne(db, sql: "SELECT time FROM acts ORDER BY seq LIMIT 1")
            return (review?[1], root, after)
        }
        let interval: Int
        do { interval = try records.policy().auditReviewIntervalDays } catch { throw .refused(error) }
        let since = (last ?? first).flatMap(Timestamp.parse) ?? records.now
        return Dashboard.AuditReview(overdue: AuditStatus.isOverdue(since: since, now: records.now, intervalDays: interval), last: last,
                                     unreviewedActs: count)
    }

    /// The record in `blob` (40 hex digits), or nil when it does not decode as `T`.
    func decode<T: Decodable>(_ type: T.Type, blob: String) throws(IndexError) -> T? {
        guard let id = ObjectID(hex: blob) else { return nil }
        let data: Data
        do { data = try ledger.blob(id, rehash: false) } catch { throw .ledger(error) }
        return try? JSONDecoder().decode(type, from: data)
    }
}

import Documents
import Foundation
import GRDB
import RecordRepo

extension RecordIndex {
    /// `cal impact` from the index (bring it up to date first): the calibrations whose standards
    /// include `standard`, and the jobs with recorded readings on their instruments or the
    /// equipment they are installed in, each step's signing time read from the index
    /// (`CalibrationImpact.readings` decides which rest on which calibration).
    public func calibrationImpact(standard id: String, since: String?, records: Records) throws(IndexError) -> CalibrationImpact {
        let standard: ReferenceStandard
        let zone: TimeZone
        do {
            try RecordID.validate(id, kind: .standard, field: "reference standard ID")
            guard let found = try records.record(ReferenceStandard.self, kind: .standard, id: id) else {
                throw DocumentsError.notFound(record: "reference standard \(id)")
            }
            standard = found
            if let since { _ = try Day(parsing: since, field: "--since", record: id) }
            zone = try records.policy().zone
        } catch let error as DocumentsError { throw .refused(error) } catch { throw .refused(.notFound(record: id)) }
        let from = since ?? standard.calibrated
        // A calibration's `completed` column holds when it was done (`performedAt`).
        let created = "r.completed"
        let used: [CalibrationImpact.Used] = try read { db in
            try Row.fetchAll(db, sql: "SELECT r.id, r.equipment, \(created), r.type, r.status FROM records r WHERE r.kind = 'cal' AND r.refs LIKE ?",
                             arguments: ["%|\(id)|%"]).map { row in
                CalibrationImpact.Used(id: row[0], equipment: row[1] ?? "", calibrated: row[2] ?? "", result: row[3], status: row[4])
            }
        }.filter { done in
            guard let from else { return true }
            return (Timestamp.parse(done.calibrated).map { Day(of: $0, in: zone).text } ?? String(done.calibrated.prefix(10))) >= from
        }.sorted { $0.id < $1.id }
        guard !used.isEmpty else { return CalibrationImpact(standard: id, since: from, calibrations: [], workOrders: []) }

        let instruments = Array(Set(used.map(\.equipment))).sorted()
        var parents: [String: String] = [:]
        for instrument in instruments {
            let unit: Equipment?
            do { unit = try records.record(Equipment.self, kind: .equipment, id: instrument) } catch { throw .refused(error) }
            if let parent = unit?.parent { parents[instrument] = parent }
        }
        // Every calibration of those instruments, for the end of each window.
        let calibrations: [(id: String, equipment: String, time: String)] = try read { db in
            try Row.fetchAll(db, sql: "SELECT r.id, r.equipment, \(created) FROM records r WHERE r.kind = 'cal' AND r.equipment IN (SELECT value FROM json_each(?))",
                             arguments: [Self.jsonList(instruments)]).map { ($0[0], $0[1] ?? "", $0[2] ?? "") }
        }
        let times = Dictionary(grouping: calibrations, by: \.equipment).mapValues { $0.map(\.time).sorted() }
        // Each calibration's window, under the equipment whose jobs' readings may rest on it: the
        // instrument and the equipment it is installed in.
        var windows: [String: [(calibration: CalibrationImpact.Used, until: String?)]] = [:]
        for done in used {
            let window = (calibration: done, until: times[done.equipment]?.first { $0 > done.calibrated })
            windows[done.equipment, default: []].append(window)
            if let parent = parents[done.equipment] { windows[parent, default: []].append(window) }
        }
        let places = Array(Set(instruments + parents.values)).sorted()
        let candidates: [(id: String, equipment: String, refs: String)] = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.equipment, r.refs FROM records r WHERE r.kind = 'wo' AND r.refs LIKE '|reading|%'
                AND r.equipment IN (SELECT value FROM json_each(?)) ORDER BY r.id
                """, arguments: [Self.jsonList(places)]).map { ($0[0], $0[1] ?? "", $0[2] ?? "") }
        }
        var jobs: [CalibrationImpact.Job] = []
        for candidate in candidates {
            // `|reading|2@2026-01-05T10:00:00Z|…|`: each step holding a value, and when it was signed.
            let taken = candidate.refs.split(separator: "|").dropFirst().compactMap { entry -> (step: Int, at: String)? in
                let parts = entry.split(separator: "@", maxSplits: 1)
                guard parts.count == 2, let step = Int(parts[0]) else { return nil }
                return (step, String(parts[1]))
            }
            for window in windows[candidate.equipment] ?? [] {
                let steps = CalibrationImpact.readings(taken, from: window.calibration.calibrated, until: window.until)
                if !steps.isEmpty {
                    jobs.append(CalibrationImpact.Job(workOrder: candidate.id, equipment: candidate.equipment, calibration: window.calibration.id, steps: steps))
                    break
                }
            }
        }
        return CalibrationImpact(standard: id, since: from, calibrations: used, workOrders: jobs)
    }

    /// A JSON array of IDs (plant and record IDs hold no character JSON escapes).
    static func jsonList(_ ids: [String]) -> String {
        "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}

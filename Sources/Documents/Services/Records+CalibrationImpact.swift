import Foundation
import RecordRepo

/// What a failed reference standard may have affected: the calibrations that used it and the jobs
/// whose readings rest on those calibrations.
public struct CalibrationImpact: Sendable, Equatable, Encodable {
    /// A job with readings taken while an instrument stood on a calibration made with the standard.
    public struct Job: Sendable, Equatable, Encodable {
        public let workOrder: String
        public let equipment: String
        /// The calibration its readings rest on.
        public let calibration: String
        /// The readings taken (steps with a value), by step number.
        public let steps: [Int]
    }

    public let standard: String
    /// The first day looked at: `--since`, else the standard's last calibration; nil: all time.
    public let since: String?
    public let calibrations: [Calibration]
    public let workOrders: [Job]
}

extension Records {
    /// Every calibration that used `standard` on or after `since` (by default the day of the
    /// standard's own last calibration), and every job whose readings came from an instrument while
    /// it stood on one of them: readings signed on a job on the instrument, or on the equipment it
    /// is installed in (its parent), from that calibration until the instrument's next one.
    public func calibrationImpact(standard id: String, since: String?) throws(DocumentsError) -> CalibrationImpact {
        try RecordID.validate(id, kind: .standard, field: "reference standard ID")
        guard let standard = try record(ReferenceStandard.self, kind: .standard, id: id) else { throw .notFound(record: "reference standard \(id)") }
        if let since { _ = try Day(parsing: since, field: "--since", record: id) }
        let from = since ?? standard.calibrated
        let zone = try policy(at: try head()).zone
        let dayOf = { (time: String) -> String in Timestamp.parse(time).map { Day(of: $0, in: zone).text } ?? String(time.prefix(10)) }
        let calibrated = try calibrations()
        let used = calibrated.filter { done in done.standards.contains { $0.id == id } && from.map { dayOf(done.performedAt) >= $0 } ?? true }
        let equipment = Dictionary(try allEquipment().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var jobs: [CalibrationImpact.Job] = []
        for order in try all(WorkOrder.self, of: .workOrder).sorted(by: { $0.id < $1.id }) {
            for done in used {
                let installedIn = equipment[done.equipment]?.parent
                guard order.equipment == done.equipment || order.equipment == installedIn else { continue }
                // Until the instrument's next calibration, its readings rest on this one.
                let until = calibrated.first { $0.equipment == done.equipment && $0.performedAt > done.performedAt }?.performedAt
                let steps = order.steps.filter { step in
                    guard step.value != nil, let at = step.signedAt else { return false }
                    return at >= done.performedAt && until.map { at < $0 } ?? true
                }.map(\.number)
                if !steps.isEmpty {
                    jobs.append(CalibrationImpact.Job(workOrder: order.id, equipment: order.equipment, calibration: done.id, steps: steps))
                    break
                }
            }
        }
        return CalibrationImpact(standard: id, since: from, calibrations: used, workOrders: jobs)
    }
}

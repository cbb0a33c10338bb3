import Foundation
import RecordRepo

/// The calibration's events: recorded by the person who did it (pass or fail computed here from
/// the instrument's tolerances, never typed in), approved by qa, never by the person who did it.
/// Recording also moves the instrument's calibration state on its equipment record, in the same act.
public enum CalibrationKind {
    /// The readings at one test point: as found, and as left when the instrument was adjusted.
    public struct Reading: Sendable, Equatable {
        public var point: String
        public var asFound: Double
        public var asLeft: Double?

        public init(point: String, asFound: Double, asLeft: Double? = nil) {
            self.point = point
            self.asFound = asFound
            self.asLeft = asLeft
        }
    }

    /// A calibration to record: the readings and standards the person gives, with the instrument's
    /// procedure, interval and test points and the standards' certificates as they are at the head
    /// (`Records.recordCalibration` fills them in; the check requires them to be so).
    public struct Recording: Sendable, Equatable {
        public var id: String
        public var equipment: String
        public var workOrder: String?
        public var procedure: String
        public var procedureRevision: Int
        public var interval: Instrument.Interval
        public var points: [Instrument.TestPoint]
        public var standards: [Calibration.StandardUsed]
        public var readings: [Reading]
        /// The deviation an as-found reading outside its tolerance opens in the same act; set
        /// exactly when one is (`foundOutOfTolerance`).
        public var deviation: String?

        public init(id: String, equipment: String, workOrder: String?, procedure: String, procedureRevision: Int,
                    interval: Instrument.Interval, points: [Instrument.TestPoint], standards: [Calibration.StandardUsed], readings: [Reading],
                    deviation: String? = nil) {
            self.id = id
            self.equipment = equipment
            self.workOrder = workOrder
            self.procedure = procedure
            self.procedureRevision = procedureRevision
            self.interval = interval
            self.points = points
            self.standards = standards
            self.readings = readings
            self.deviation = deviation
        }

        init(of written: Calibration) {
            self.init(id: written.id, equipment: written.equipment, workOrder: written.workOrder, procedure: written.procedure,
                      procedureRevision: written.procedureRevision, interval: written.interval, points: written.points.map(\.testPoint),
                      standards: written.standards,
                      readings: written.points.map { Reading(point: $0.name, asFound: $0.asFound, asLeft: $0.asLeft) },
                      deviation: written.deviation)
        }

        /// Whether a point was found outside its tolerance: such a calibration opens a deviation.
        public var foundOutOfTolerance: Bool {
            points.contains { point in readings.first { $0.point == point.name }.map { !point.passes($0.asFound) } ?? false }
        }

        /// The deviation it opens: on the instrument, naming this calibration, its job and procedure.
        func opening(_ id: String) -> DeviationKind.Opening {
            let found = points.compactMap { point -> String? in
                guard let reading = readings.first(where: { $0.point == point.name }), !point.passes(reading.asFound) else { return nil }
                let band = "\(CanonicalJSON.number(point.tolerance))\(point.percent == true ? " %" : " \(point.unit)")"
                return "\(point.name) found at \(CanonicalJSON.number(reading.asFound)) \(point.unit), against \(CanonicalJSON.number(point.nominal)) \(point.unit) ± \(band)"
            }
            return DeviationKind.Opening(id: id, title: "\(equipment) found out of tolerance in \(self.id)",
                                         description: "As found outside tolerance: " + found.joined(separator: "; "), classification: .major,
                                         links: Deviation.Links(equipment: equipment, workOrder: workOrder, calibration: self.id, sop: procedure))
        }

        /// The calibration it gives at `signing`: each reading against its point's tolerance, the
        /// result, and the next due date (none while the instrument is left out of tolerance).
        public func calibration(at signing: Signing) -> Calibration {
            let tested = points.map { point in
                let reading = readings.first { $0.point == point.name }
                let found = reading?.asFound ?? .nan, left = reading?.asLeft
                return Calibration.Point(name: point.name, nominal: point.nominal, unit: point.unit, tolerance: point.tolerance,
                                         percent: point.percent, asFound: found, asLeft: left,
                                         asFoundPass: point.passes(found), asLeftPass: point.passes(left ?? found))
            }
            let result: Calibration.Result = !tested.allSatisfy(\.asLeftPass) ? .fail : tested.allSatisfy(\.asFoundPass) ? .pass : .adjusted
            let nextDue = result == .fail ? nil : interval.after(Day(checked: signing.day)).text
            return Calibration(id: id, equipment: equipment, workOrder: workOrder, procedure: procedure, procedureRevision: procedureRevision,
                               interval: interval, standards: standards, points: tested, result: result, nextDue: nextDue, deviation: deviation,
                               status: .recorded, performedBy: signing.user, performedAt: signing.time, revision: 1)
        }
    }

    public static let record = RecordEvent<Calibration, Recording>(
        "record", meaning: .execution, permission: .calPerform, action: "record calibrations", creates: true,
        summary: { id, recording, written in "Calibrate \(recording.equipment): \(written.result.rawValue) (\(id))" },
        input: { _, written, _ in Recording(of: written) },
        rests: { recording in
            [(.equipment, recording.equipment)] + recording.standards.map { (.standard, $0.id) } + (recording.workOrder.map { [(.workOrder, $0)] } ?? [])
        },
        check: { _, recording, context, signing throws(DocumentsError) in
            try CalibrationRules.check(recording, in: context, signing: signing)
            // Found out of tolerance: a deviation is opened with it, by someone who may open one.
            guard recording.foundOutOfTolerance == (recording.deviation != nil) else {
                throw .invalidField(record: recording.id, field: "deviation",
                                    reason: recording.deviation == nil ? "a point was found out of tolerance, so the calibration opens a deviation"
                                        : "no point was found out of tolerance, so the calibration opens no deviation")
            }
            if recording.deviation != nil { try DeviationKind.checkOpener(signing.user, in: context) }
        },
        apply: { _, recording, signing in recording.calibration(at: signing) },
        companions: { recording, context throws(DocumentsError) in
            guard let equipment = context.record(Equipment.self, kind: .equipment, id: recording.equipment) else {
                throw .invalidField(record: recording.id, field: "equipment", reason: "\(recording.equipment) is no equipment here")
            }
            var written = [try Companion.record(kind: .equipment, id: equipment.id) { signing in
                let done = recording.calibration(at: signing)
                var next = equipment
                next.instrument?.state = Instrument.State(calibration: done.id, calibrated: signing.day, nextDue: done.nextDue,
                                                          outOfTolerance: done.result == .fail ? true : nil)
                next.revision += 1
                return next
            }]
            if let deviation = recording.deviation { written.append(try DeviationKind.companion(recording.opening(deviation), in: context)) }
            return written
        })

    /// QA's approval of a recorded calibration.
    public struct Approval: Sendable, Equatable {
        public init() {}
    }

    public static let approve = RecordEvent<Calibration, Approval>(
        "approve", meaning: .approval, permission: .calApprove, action: "approve calibrations",
        summary: { id, _, written in "Approve \(id) (\(written.equipment), \(written.result.rawValue))" },
        input: { before, written, _ in before?.status == .recorded && written.status == .approved ? Approval() : nil },
        check: { before, _, _, signing throws(DocumentsError) in
            guard let before else { throw .notFound(record: "the calibration") }
            guard before.status == .recorded else {
                throw .invalidTransition(record: before.id, from: before.status.rawValue, event: "approve",
                                         reason: "it was approved by \(before.approvedBy ?? "?") at \(before.approvedAt ?? "?")")
            }
            guard before.performedBy != signing.user else {
                throw .notPermitted(user: signing.user, action: "approve \(before.id)", reason: "you calibrated it; another person from qa approves it")
            }
        },
        apply: { before, _, signing throws(DocumentsError) in
            guard var next = before else { throw .notFound(record: "the calibration") }
            next.status = .approved
            next.approvedBy = signing.user
            next.approvedAt = signing.time
            next.revision += 1
            return next
        })

    public static let declaration = KindDeclaration<Calibration>(
        kind: .calibration, events: [record.replayable, approve.replayable], revision: \.revision,
        labels: ["asFound": "as found", "asLeft": "as left", "asFoundPass": "as found within tolerance",
                 "asLeftPass": "as left within tolerance", "nextDue": "next due", "procedureRevision": "procedure revision",
                 "workOrder": "work order", "performedBy": "calibrated by", "performedAt": "calibrated at",
                 "approvedBy": "approved by", "approvedAt": "approved at"])
}

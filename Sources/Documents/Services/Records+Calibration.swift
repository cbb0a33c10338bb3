import Foundation
import RecordRepo

extension Records {
    /// Registers a reference standard under the plant's own ID.
    public func addStandard(_ id: String, _ definition: StandardKind.Definition, reason: String,
                            by session: Session) throws(DocumentsError) -> ReferenceStandard {
        try RecordID.validate(id, kind: .standard, field: "reference standard ID")
        return try perform(StandardKind.add, of: StandardKind.declaration, id: id,
                           input: StandardKind.Registration(id: id, definition: definition), reason: reason, by: session)
    }

    /// Changes a reference standard: `change` gets its definition as it is and returns the new one
    /// (a new certificate after its own calibration, a corrected field).
    public func updateStandard(_ id: String, reason: String, by session: Session,
                               _ change: (inout StandardKind.Definition) throws(DocumentsError) -> Void) throws(DocumentsError) -> ReferenceStandard {
        try RecordID.validate(id, kind: .standard, field: "reference standard ID")
        guard let current = try record(ReferenceStandard.self, kind: .standard, id: id) else { throw .notFound(record: "reference standard \(id)") }
        var definition = StandardKind.Definition(of: current)
        try change(&definition)
        return try perform(StandardKind.update, of: StandardKind.declaration, id: id, input: definition, reason: reason, by: session)
    }

    /// Makes equipment an instrument, or changes its procedure, interval or test points.
    public func setInstrument(_ id: String, _ definition: EquipmentKind.InstrumentDefinition, reason: String,
                              by session: Session) throws(DocumentsError) -> Equipment {
        try RecordID.validate(id, kind: .equipment, field: "equipment ID")
        return try perform(EquipmentKind.instrument, of: EquipmentKind.declaration, id: id, input: definition, reason: reason, by: session)
    }

    /// Records the calibration of instrument `equipment` against `standards` (under `workOrder`,
    /// when it was done as a job). The instrument's procedure, interval and points and the
    /// standards' certificates are taken as they are at the head; pass or fail is computed.
    public func recordCalibration(equipment: String, workOrder: String?, standards: [String], readings: [CalibrationKind.Reading],
                                  reason: String, by session: Session) throws(DocumentsError) -> Calibration {
        try RecordID.validate(equipment, kind: .equipment, field: "equipment")
        if let workOrder { try RecordID.validate(workOrder, kind: .workOrder, field: "work order") }
        for standard in standards { try RecordID.validate(standard, kind: .standard, field: "standard") }
        return try withNewID(.calibration) { (id, basedOn) throws(DocumentsError) in
            let context = HeadContext(records: self, commit: basedOn, policy: try policy(at: basedOn))
            let (_, instrument) = try CalibrationRules.instrument(equipment, for: id, in: context)
            let revision = try CalibrationRules.procedureRevision(workOrder: workOrder, equipment: equipment, record: id, instrument: instrument,
                                                                  in: context, day: Day(of: now, in: context.policy.zone).text)
            // A standard that is not here is named by the check; its certificate stays empty until then.
            let used = standards.map { standard in
                context.record(ReferenceStandard.self, kind: .standard, id: standard).map(Calibration.StandardUsed.init)
                    ?? Calibration.StandardUsed(id: standard, certificate: "", due: "", uncertainty: .init(value: 0, unit: ""))
            }
            var recording = CalibrationKind.Recording(id: id, equipment: equipment, workOrder: workOrder, procedure: instrument.procedure,
                                                      procedureRevision: revision, interval: instrument.interval, points: instrument.points,
                                                      standards: used, readings: readings)
            if recording.foundOutOfTolerance {
                recording.deviation = try RecordID.generatedID(kind: .deviation, number: try nextNumber(of: .deviation, at: basedOn))
            }
            return try perform(CalibrationKind.record, of: CalibrationKind.declaration, id: id, input: recording, reason: reason,
                               by: session, basedOn: basedOn)
        }
    }

    /// QA's approval of calibration `id` (never by the person who calibrated).
    public func approveCalibration(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> Calibration {
        try RecordID.validate(id, kind: .calibration, field: "calibration ID")
        return try perform(CalibrationKind.approve, of: CalibrationKind.declaration, id: id, input: CalibrationKind.Approval(),
                           reason: reason, by: session)
    }

    /// The calibrations at the head, oldest first; only those of `equipment` when given.
    public func calibrations(equipment: String? = nil) throws(DocumentsError) -> [Calibration] {
        if let equipment { try RecordID.validate(equipment, kind: .equipment, field: "equipment") }
        return try all(Calibration.self, of: .calibration).filter { equipment == nil || $0.equipment == equipment }.sorted { $0.id < $1.id }
    }

    /// Every reference standard at the head, by ID.
    public func standards() throws(DocumentsError) -> [ReferenceStandard] {
        try all(ReferenceStandard.self, of: .standard).sorted { $0.id < $1.id }
    }

    /// Every instrument with its status today, by ID; only those due within `days` (or overdue,
    /// out of tolerance or never calibrated) when `days` is given.
    public func instruments(dueWithin days: Int? = nil) throws(DocumentsError) -> [InstrumentStatus] {
        let today = try today()
        return try allEquipment().compactMap { equipment in
            guard let instrument = equipment.instrument else { return nil }
            let line = InstrumentStatus(equipment: equipment.id, name: equipment.name, procedure: instrument.procedure,
                                        lastCalibration: instrument.state?.calibration, nextDue: instrument.state?.nextDue,
                                        status: instrument.status(on: today, equipment: equipment.status))
            guard let days else { return line }
            if line.status != .inCalibration && line.status != .due { return line }
            guard let due = line.nextDue else { return line }
            return due <= today.adding(days: days).text ? line : nil
        }
    }
}

/// One instrument's calibration status, as `cal due` lists it.
public struct InstrumentStatus: Sendable, Equatable, Encodable {
    public let equipment: String
    public let name: String
    public let procedure: String
    public let lastCalibration: String?
    public let nextDue: String?
    public let status: Instrument.Status
}

import Foundation
import RecordRepo

/// The checks of a calibration against the records it rests on, one place for each: the
/// instrument and its procedure, the job it is done under, the readings, and the reference
/// standards (§11.10(h): a standard out of calibration, or too coarse for a point, cannot give an
/// accepted result).
enum CalibrationRules {
    /// Every check, in the order a person would fix them: the instrument, its definition as the
    /// recording carries it, the procedure revision, the readings, then the standards.
    static func check(_ recording: CalibrationKind.Recording, in context: any RecordContext, signing: Signing) throws(DocumentsError) {
        let (_, instrument) = try Self.instrument(recording.equipment, for: recording.id, in: context)
        guard recording.procedure == instrument.procedure, recording.interval == instrument.interval, recording.points == instrument.points else {
            throw .invalidField(record: recording.id, field: "instrument",
                                reason: "the procedure, interval or test points given are not \(recording.equipment)'s as they are now; record again")
        }
        let revision = try procedureRevision(workOrder: recording.workOrder, equipment: recording.equipment, record: recording.id,
                                             instrument: instrument, in: context, day: signing.day)
        guard recording.procedureRevision == revision else {
            throw .invalidField(record: recording.id, field: "procedure revision",
                                reason: "\(instrument.procedure) revision \(recording.procedureRevision) is not the one in force (\(revision))")
        }
        try readings(of: recording, against: instrument)
        let used = try standards(of: recording, against: instrument, in: context, signing: signing)
        guard used.map(Calibration.StandardUsed.init) == recording.standards else {
            throw .invalidField(record: recording.id, field: "standard",
                                reason: "the certificates given are not the standards' as they are now; record again")
        }
    }

    /// The instrument, on equipment that is not retired.
    static func instrument(_ id: String, for record: String, in context: any RecordContext) throws(DocumentsError) -> (Equipment, Instrument) {
        guard let equipment = context.record(Equipment.self, kind: .equipment, id: id) else {
            throw .invalidField(record: record, field: "equipment", reason: "\(id) is no equipment here")
        }
        guard let instrument = equipment.instrument else {
            throw .invalidField(record: record, field: "equipment",
                                reason: "\(id) is not an instrument: give its procedure, interval and test points first (instrument set \(id) ...)")
        }
        guard equipment.status != .retired else { throw .invalidField(record: record, field: "equipment", reason: "\(id) is retired") }
        return (equipment, instrument)
    }

    /// The procedure revision calibration `record` of `equipment` follows on `day`: the job's
    /// bound revision when it is done under `workOrder` (a calibration job on this instrument, in
    /// progress, following its procedure), otherwise the procedure's effective revision that day.
    static func procedureRevision(workOrder: String?, equipment: String, record: String, instrument: Instrument,
                                  in context: any RecordContext, day: String) throws(DocumentsError) -> Int {
        if let order = workOrder {
            guard let job = context.record(WorkOrder.self, kind: .workOrder, id: order) else {
                throw .invalidField(record: record, field: "work order", reason: "\(order) is no work order here")
            }
            guard job.equipment == equipment, job.type == .calibration else {
                throw .invalidField(record: record, field: "work order", reason: "\(order) is not a calibration job on \(equipment)")
            }
            guard job.status == .inProgress, let bound = job.boundSOP else {
                throw .invalidField(record: record, field: "work order", reason: "\(order) is \(job.status.rawValue); start it first")
            }
            guard job.sop == instrument.procedure else {
                throw .invalidField(record: record, field: "work order",
                                    reason: "\(order) follows \(job.sop), not the instrument's procedure \(instrument.procedure)")
            }
            return bound.revision
        }
        guard let sop = context.record(SOP.self, kind: .sop, id: instrument.procedure),
              let effective = sop.effectiveRevision(today: day) else {
            throw .invalidField(record: record, field: "procedure", reason: "\(instrument.procedure) has no effective revision today")
        }
        return effective.number
    }

    /// One reading per test point of the instrument, each a finite number.
    static func readings(of recording: CalibrationKind.Recording, against instrument: Instrument) throws(DocumentsError) {
        for reading in recording.readings where !instrument.points.contains(where: { $0.name == reading.point }) {
            throw .invalidField(record: recording.id, field: "point \(RecordID.quoted(reading.point))",
                                reason: "\(recording.equipment) has no such test point (it has \(instrument.points.map(\.name).joined(separator: ", ")))")
        }
        for point in instrument.points {
            let given = recording.readings.filter { $0.point == point.name }
            guard given.count == 1, let reading = given.first else {
                throw .invalidField(record: recording.id, field: "as-found \(point.name)",
                                    reason: given.isEmpty ? "every test point needs its as-found reading" : "it is given more than once")
            }
            guard reading.asFound.isFinite, reading.asLeft?.isFinite ?? true else {
                throw .invalidField(record: recording.id, field: "reading \(point.name)", reason: "a reading is a finite number")
            }
        }
    }

    /// Each standard registered, in calibration on the day, and fine enough for every point in its
    /// unit (the point's tolerance over the standard's uncertainty at least the policy's minimum
    /// ratio); each point measured by at least one standard in its unit.
    static func standards(of recording: CalibrationKind.Recording, against instrument: Instrument, in context: any RecordContext,
                          signing: Signing) throws(DocumentsError) -> [ReferenceStandard] {
        guard !recording.standards.isEmpty, recording.standards.count <= 10 else {
            throw .invalidField(record: recording.id, field: "standard", reason: "name the 1 to 10 reference standards used (--standard STD-ID)")
        }
        guard Set(recording.standards.map(\.id)).count == recording.standards.count else {
            throw .invalidField(record: recording.id, field: "standard", reason: "a standard is named twice")
        }
        var used: [ReferenceStandard] = []
        for id in recording.standards.map(\.id) {
            guard let standard = context.record(ReferenceStandard.self, kind: .standard, id: id) else {
                throw .invalidField(record: recording.id, field: "standard \(id)", reason: "\(id) is no reference standard here")
            }
            guard signing.day <= standard.due else {
                throw .invalidField(record: recording.id, field: "standard \(id)",
                                    reason: "out of calibration: it was due \(standard.due) (certificate \(standard.certificate)); use a standard in calibration")
            }
            used.append(standard)
        }
        let minimum = context.policy.value(of: .calibrationMinRatio)
        for point in instrument.points {
            let measuring = used.filter { $0.uncertainty.unit == point.unit }
            guard !measuring.isEmpty else {
                throw .invalidField(record: recording.id, field: "standard",
                                    reason: "no standard named measures in \(point.unit), the unit of test point \(point.name)")
            }
            for standard in measuring {
                let ratio = point.band / Decimal.exactly(standard.uncertainty.value)
                guard ratio >= Decimal(minimum) else {
                    throw .invalidField(record: recording.id, field: "standard \(standard.id)",
                                        reason: "its uncertainty \(standard.uncertainty.text) gives test point \(point.name) (± \(point.band) \(point.unit)) a ratio of \(ratio.rounded(places: 2)):1, below the policy's minimum \(minimum):1")
                }
            }
        }
        return used
    }
}

extension Decimal {
    /// Rounded to `places` decimals, for messages.
    func rounded(places: Int) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }
}

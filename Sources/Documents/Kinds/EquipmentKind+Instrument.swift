import Foundation
import RecordRepo

extension EquipmentKind {
    /// What makes equipment an instrument: its calibration procedure, interval and test points.
    public struct InstrumentDefinition: Sendable, Equatable {
        public var procedure: String
        public var interval: Instrument.Interval
        public var points: [Instrument.TestPoint]

        public init(procedure: String, interval: Instrument.Interval, points: [Instrument.TestPoint]) {
            self.procedure = procedure
            self.interval = interval
            self.points = points
        }

        /// A procedure that is an SOP here, an interval of 1 day to 10 years, 1 to 50 named points
        /// with a positive tolerance.
        func check(of id: String, in context: any RecordContext) throws(DocumentsError) {
            guard context.record(SOP.self, kind: .sop, id: procedure) != nil else {
                throw .invalidField(record: id, field: "procedure", reason: "\(procedure) is no SOP here")
            }
            let most = interval.unit == .days ? 3_660 : 120
            guard (1...most).contains(interval.every) else {
                throw .invalidField(record: id, field: "interval", reason: "give 1 to \(most) \(interval.unit.rawValue)")
            }
            guard (1...50).contains(points.count) else {
                throw .invalidField(record: id, field: "point", reason: "give 1 to 50 test points (--point NAME:NOMINAL:UNIT:TOLERANCE[%])")
            }
            var names = Set<String>()
            for point in points {
                guard point.name.range(of: "^[a-z][a-z0-9-]{0,31}$", options: .regularExpression) != nil else {
                    throw .invalidField(record: id, field: "point \(RecordID.quoted(point.name))",
                                        reason: "a point's name is 1 to 32 lowercase letters, digits or '-', starting with a letter (low, mid, high)")
                }
                guard names.insert(point.name).inserted else { throw .invalidField(record: id, field: "point \(point.name)", reason: "it is named twice") }
                if let problem = TextRules.problem(with: point.unit, maxLength: 20) {
                    throw .invalidField(record: id, field: "unit of point \(point.name)", reason: problem)
                }
                guard point.nominal.isFinite, point.tolerance.isFinite, point.tolerance > 0 else {
                    throw .invalidField(record: id, field: "point \(point.name)", reason: "the nominal value is a number and the tolerance a number above 0")
                }
                guard point.percent != false else {
                    throw .invalidField(record: id, field: "point \(point.name)", reason: "a tolerance in the unit leaves percent out")
                }
            }
        }
    }

    /// Makes equipment an instrument, or changes its procedure, interval or test points; where its
    /// calibration stands is kept.
    public static let instrument = RecordEvent<Equipment, InstrumentDefinition>(
        "instrument", meaning: .authorship, permission: .calManage, action: "define instruments",
        summary: { id, definition, _ in "Instrument \(id): \(definition.procedure) every \(definition.interval.text)" },
        input: { before, written, _ in
            guard let defined = written.instrument, before?.instrument?.state == defined.state else { return nil }
            return InstrumentDefinition(procedure: defined.procedure, interval: defined.interval, points: defined.points)
        },
        rests: { [(.sop, $0.procedure)] },
        check: { before, definition, context, _ throws(DocumentsError) in
            guard let before else { throw .notFound(record: "the equipment") }
            try EquipmentRules.requireNotRetired(before, to: "define as an instrument")
            if let current = before.instrument, current.procedure == definition.procedure, current.interval == definition.interval,
               current.points == definition.points {
                throw .invalidField(record: before.id, field: "instrument", reason: "nothing would change; give the procedure, interval or points to change")
            }
            try definition.check(of: before.id, in: context)
        },
        apply: { before, definition, _ throws(DocumentsError) in
            guard var next = before else { throw .notFound(record: "the equipment") }
            next.instrument = Instrument(procedure: definition.procedure, interval: definition.interval, points: definition.points,
                                         state: before?.instrument?.state)
            next.revision += 1
            return next
        })
}

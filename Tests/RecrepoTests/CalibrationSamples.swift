@testable import Documents
import Foundation
import Testing

extension SchemaTests {
    /// A reference standard with every field in use, or as first registered without a calibration day.
    static func referenceStandard(minimal: Bool) -> ReferenceStandard {
        var standard = ReferenceStandard(id: "STD-1", name: "Pressure reference", certificate: "DKD-4711", calibratedBy: "Accredited lab",
                                         traceability: "PTB national standard", calibrated: minimal ? nil : "2026-01-10", due: "2027-01-10",
                                         uncertainty: .init(value: 0.01, unit: "bar"), createdBy: "quinn", createdAt: Fixtures.time)
        if minimal { return standard }
        standard.updatedBy = "quinn"
        standard.updatedAt = Fixtures.time
        standard.revision = 2
        return standard
    }

    /// A calibration with every field in use (adjusted, approved, with its job and deviation), or
    /// one just recorded, failed, outside any job.
    static func calibration(minimal: Bool) -> Calibration {
        let full = Calibration(id: "CAL-000001", equipment: "PG-1", workOrder: "WO-000001", procedure: "SOP-0001", procedureRevision: 2,
                    interval: .init(every: 12, unit: .months),
                    standards: [.init(id: "STD-1", certificate: "DKD-4711", due: "2027-01-10", uncertainty: .init(value: 0.01, unit: "bar"))],
                    points: [.init(name: "low", nominal: 2, unit: "bar", tolerance: 0.05, percent: nil, asFound: 2.2, asLeft: 2.01,
                                   asFoundPass: false, asLeftPass: true),
                             .init(name: "hot", nominal: 100, unit: "°C", tolerance: 0.5, percent: true, asFound: 100, asLeft: nil,
                                   asFoundPass: true, asLeftPass: true)],
                    result: .adjusted, nextDue: "2027-01-10", deviation: "DEV-000001", status: .approved, performedBy: "tess",
                    performedAt: Fixtures.time, approvedBy: "quinn", approvedAt: Fixtures.time, revision: 2)
        guard minimal else { return full }
        var recorded = full
        recorded.workOrder = nil
        recorded.nextDue = nil
        recorded.deviation = nil
        recorded.approvedBy = nil
        recorded.approvedAt = nil
        recorded.status = .recorded
        recorded.result = .fail
        recorded.revision = 1
        return recorded
    }

    @Test("equipment that is an instrument, with its calibration state, validates")
    func instrumentValidates() throws {
        var gauge = Fixtures.equipment()
        gauge.instrument = Instrument(procedure: "SOP-0001", interval: .init(every: 90, unit: .days),
                                      points: [.init(name: "low", nominal: 2, unit: "bar", tolerance: 0.05)],
                                      state: .init(calibration: "CAL-000001", calibrated: "2026-01-10", nextDue: nil, outOfTolerance: true))
        try Schemas.validate(try CanonicalJSON.encode(gauge), kind: .equipment, record: "PG-1")
    }
}

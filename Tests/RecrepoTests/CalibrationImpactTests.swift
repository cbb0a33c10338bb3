@testable import Documents
import Foundation
import RecordIndex
@testable import RecordRepo
import Testing

/// Reverse traceability: when a reference standard fails, every calibration that used it and every
/// job whose readings rest on those calibrations, exactly the records listed by hand here.
@Suite struct CalibrationImpactTests {
    static let checks = """
        # Cold room check

        - [ ] Check the door seal
        - [ ] Record the outlet temperature `reading: outlet temperature in °C, between 2 and 8`

        """

    /// `cal impact` as the command answers it: from the index, brought up to date.
    static func impact(_ plant: Plant, _ standard: String, since: String?) throws -> CalibrationImpact {
        let index = try RecordIndex.open(for: plant.records)
        _ = try index.update()
        return try index.calibrationImpact(standard: standard, since: since, records: plant.records)
    }

    /// A job on `equipment` with its reading signed; tess does it.
    static func readJob(_ plant: Plant, sop: String, on equipment: String) throws -> String {
        plant.tick()
        let job = try plant.records.createWorkOrder(sop: sop, equipment: equipment, title: "Check", assignee: "tess", reason: "Due", by: plant.sam)
        plant.tick()
        _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        plant.tick()
        _ = try plant.records.signStep(job.id, .init(number: 1), by: plant.tess)
        plant.tick()
        _ = try plant.records.signStep(job.id, .init(number: 2, value: 5), by: plant.tess)
        return job.id
    }

    @Test("cal impact lists exactly the calibrations that used the standard and the jobs whose readings rest on them")
    func impact() throws {
        let (plant, procedure) = try CalibrationTests.plant()
        let checks = try plant.effectiveSOP(Self.checks, title: "Cold room check")
        plant.tick()
        _ = try plant.records.addEquipment("PG-2", EquipmentKind.Description(name: "Loose gauge"), reason: "Bought", by: plant.sam)
        _ = try plant.records.setInstrument("PG-2", .init(procedure: procedure.id, interval: .init(every: 6, unit: .months),
                                                          points: [.init(name: "low", nominal: 2, unit: "bar", tolerance: 0.05)]),
                                            reason: "Calibrated twice a year", by: plant.sam)
        _ = try plant.records.addEquipment("TT-1", EquipmentKind.Description(name: "Thermometer"), reason: "Bought", by: plant.sam)
        _ = try plant.records.setInstrument("TT-1", .init(procedure: procedure.id, interval: .init(every: 90, unit: .days),
                                                          points: [.init(name: "hot", nominal: 100, unit: "°C", tolerance: 1)]),
                                            reason: "Calibrated quarterly", by: plant.sam)
        // A reading on AC-101 before its gauge's calibration rests on no calibration of the standard.
        let before = try Self.readJob(plant, sop: checks.id, on: "AC-101")
        let gauge = try CalibrationTests.calibrate(plant, [.init(point: "low", asFound: 2), .init(point: "hot", asFound: 100)])
        let thermometer = try CalibrationTests.calibrate(plant, [.init(point: "hot", asFound: 100.5)], standards: ["STD-2"], equipment: "TT-1")
        let inSystem = try Self.readJob(plant, sop: checks.id, on: "AC-101")
        let onThermometer = try Self.readJob(plant, sop: checks.id, on: "TT-1")
        plant.tick(10 * 86_400)
        let loose = try CalibrationTests.calibrate(plant, [.init(point: "low", asFound: 2.01)], standards: ["STD-1"], equipment: "PG-2")
        let onLoose = try Self.readJob(plant, sop: checks.id, on: "PG-2")
        #expect(before == "WO-000001" && gauge.id == "CAL-000001" && thermometer.id == "CAL-000002" && loose.id == "CAL-000003")

        let pressure = try Self.impact(plant, "STD-1", since: nil)
        #expect(pressure.calibrations.map(\.id) == ["CAL-000001", "CAL-000003"])
        #expect(pressure.workOrders.map { [$0.workOrder, $0.calibration] } == [[inSystem, "CAL-000001"], [onLoose, "CAL-000003"]])
        #expect(pressure.workOrders.allSatisfy { $0.steps == [2] })

        let temperature = try Self.impact(plant, "STD-2", since: nil)
        #expect(temperature.calibrations.map(\.id) == ["CAL-000001", "CAL-000002"])
        #expect(temperature.workOrders.map(\.workOrder) == [inSystem, onThermometer])

        let later = try plant.records.today().adding(days: -5).text
        let recent = try Self.impact(plant, "STD-1", since: later)
        #expect(recent.since == later && recent.calibrations.map(\.id) == ["CAL-000003"] && recent.workOrders.map(\.workOrder) == [onLoose])
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("an unknown standard and a day that does not exist are refused by name")
    func refusals() throws {
        let (plant, _) = try CalibrationTests.plant()
        #expect { _ = try Self.impact(plant, "STD-9", since: nil) } throws: { error in
            guard case IndexError.refused(.notFound(let record)) = error else { return false }
            return record == "reference standard STD-9"
        }
        #expect { _ = try Self.impact(plant, "STD-1", since: "2026-02-30") } throws: { error in
            guard case IndexError.refused(.invalidField(_, let field, _)) = error else { return false }
            return field == "--since"
        }
        #expect { _ = try Self.impact(plant, "../x", since: nil) } throws: { error in
            guard case IndexError.refused(.invalidField(_, let field, _)) = error else { return false }
            return field == "reference standard ID"
        }
    }
}

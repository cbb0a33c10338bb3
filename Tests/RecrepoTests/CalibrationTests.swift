@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Instruments calibrated against reference standards: pass and fail computed at the tolerance's
/// exact edges, out of tolerance and its restoring, standards out of calibration or too coarse
/// refused by name, approval by another person, and the reverse traceability of a standard.
@Suite struct CalibrationTests {
    static let procedure = """
        # Pressure gauge calibration

        - [ ] Connect the gauge to the reference
        - [ ] Read each test point as found, adjust, read as left

        """

    /// A plant with the procedure, the gauge PG-1 (installed in AC-101: 2 bar ± 0.05 bar and
    /// 100 °C ± 0.5 %) calibrated every 12 months, and standards STD-1 (0.01 bar) and STD-2
    /// (0.1 °C), both due in a year.
    static func plant() throws -> (Plant, SOP) {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Self.procedure, title: "Pressure gauge calibration")
        plant.tick()
        _ = try plant.records.addEquipment("PG-1", EquipmentKind.Description(name: "Gauge", parent: "AC-101"), reason: "Fitted", by: plant.sam)
        _ = try plant.records.setInstrument("PG-1", Self.gauge(sop.id), reason: "Calibrated yearly", by: plant.sam)
        let due = try plant.records.today().adding(days: 365).text
        _ = try plant.records.addStandard("STD-1", Self.standard(uncertainty: 0.01, unit: "bar", due: due), reason: "Bought", by: plant.quinn)
        _ = try plant.records.addStandard("STD-2", Self.standard(uncertainty: 0.1, unit: "°C", due: due), reason: "Bought", by: plant.quinn)
        return (plant, sop)
    }

    static func gauge(_ sop: String) -> EquipmentKind.InstrumentDefinition {
        EquipmentKind.InstrumentDefinition(procedure: sop, interval: .init(every: 12, unit: .months), points: [
            .init(name: "low", nominal: 2, unit: "bar", tolerance: 0.05),
            .init(name: "hot", nominal: 100, unit: "°C", tolerance: 0.5, percent: true),
        ])
    }

    static func standard(uncertainty: Double, unit: String, due: String) -> StandardKind.Definition {
        StandardKind.Definition(name: "Reference", certificate: "DKD-4711", calibratedBy: "Accredited lab",
                                traceability: "PTB national standard", due: due, uncertainty: .init(value: uncertainty, unit: unit))
    }

    static func calibrate(_ plant: Plant, _ readings: [CalibrationKind.Reading], standards: [String] = ["STD-1", "STD-2"],
                          equipment: String = "PG-1", by session: Session? = nil) throws -> Calibration {
        plant.tick()
        return try plant.records.recordCalibration(equipment: equipment, workOrder: nil, standards: standards, readings: readings,
                                                   reason: "Yearly calibration", by: session ?? plant.tess)
    }

    @Test("an instrument calibrated in tolerance: pass, next due a year on, in calibration, approved by qa; verify and git agree")
    func inTolerance() throws {
        let (plant, sop) = try Self.plant()
        let done = try Self.calibrate(plant, [.init(point: "low", asFound: 2.03), .init(point: "hot", asFound: 100.2)])
        let today = try plant.records.today()
        #expect(done.id == "CAL-000001" && done.result == .pass && done.nextDue == today.adding(months: 12).text)
        #expect(done.procedure == sop.id && done.procedureRevision == 1 && done.standards.map(\.id) == ["STD-1", "STD-2"])
        #expect(done.points.allSatisfy { $0.asFoundPass && $0.asLeftPass } && done.deviation == nil)
        let gauge = try #require(try plant.records.record(Equipment.self, kind: .equipment, id: "PG-1"))
        #expect(gauge.instrument?.state == Instrument.State(calibration: done.id, calibrated: today.text, nextDue: done.nextDue, outOfTolerance: nil))
        #expect(gauge.instrument?.status(on: today, equipment: gauge.status) == .inCalibration)
        plant.tick()
        let approved = try plant.records.approveCalibration(done.id, reason: "Reviewed", by: plant.quinn)
        #expect(approved.status == .approved && approved.approvedBy == "quinn")
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("pass and fail at the tolerance's exact edges, as a person computes them", arguments: [
        // 2 bar ± 0.05 bar: 1.95 and 2.05 pass, a hair beyond fails.
        (2.0, 0.05, false, 2.05, true), (2.0, 0.05, false, 1.95, true), (2.0, 0.05, false, 2.0500001, false), (2.0, 0.05, false, 1.9499999, false),
        // 100 °C ± 0.5 % = ± 0.5 °C.
        (100.0, 0.5, true, 100.5, true), (100.0, 0.5, true, 99.5, true), (100.0, 0.5, true, 100.51, false),
        // Where binary floating point gets it wrong: 1.1 - 1.0 is 0.10000000000000009 in doubles.
        (1.0, 0.1, false, 1.1, true), (0.3, 0.1, false, 0.2, true), (0.3, 0.1, false, 0.4, true), (0.3, 0.1, false, 0.41, false),
        // 250 ± 0.2 % = ± 0.5.
        (250.0, 0.2, true, 250.5, true), (250.0, 0.2, true, 249.49, false), (-40.0, 2.5, true, -41.0, true), (-40.0, 2.5, true, -41.01, false),
    ])
    func edges(nominal: Double, tolerance: Double, percent: Bool, reading: Double, passes: Bool) {
        let point = Instrument.TestPoint(name: "p", nominal: nominal, unit: "u", tolerance: tolerance, percent: percent ? true : nil)
        #expect(point.passes(reading) == passes)
    }

    @Test("readings exactly at the edges pass in a recorded calibration")
    func edgesRecorded() throws {
        let (plant, _) = try Self.plant()
        let done = try Self.calibrate(plant, [.init(point: "low", asFound: 2.05), .init(point: "hot", asFound: 99.5)])
        #expect(done.result == .pass && done.points.map(\.asFoundPass) == [true, true])
    }

    @Test("found out of tolerance: the instrument is out of tolerance with no due date until a calibration leaves every point within")
    func outOfTolerance() throws {
        let (plant, _) = try Self.plant()
        let failed = try Self.calibrate(plant, [.init(point: "low", asFound: 2.2), .init(point: "hot", asFound: 100)])
        #expect(failed.result == .fail && failed.nextDue == nil && failed.points[0].asFoundPass == false && failed.points[0].asLeftPass == false)
        // The deviation is opened in the same act, and each record names the other.
        let opened = try #require(failed.deviation)
        let deviation = try #require(try plant.records.record(Deviation.self, kind: .deviation, id: opened))
        #expect(deviation.links.calibration == failed.id && deviation.links.equipment == "PG-1" && deviation.status == .open)
        #expect(deviation.title.contains("PG-1 found out of tolerance") && deviation.description.contains("low found at 2.2 bar"))
        let head = try #require(try plant.repo.head())
        #expect(try plant.records.ledger.changedFiles(of: head).map(\.path).sorted()
                == [try RecordID.path(kind: .calibration, id: failed.id), try RecordID.path(kind: .deviation, id: deviation.id),
                    try RecordID.path(kind: .equipment, id: "PG-1")].sorted())
        let today = try plant.records.today()
        var gauge = try #require(try plant.records.record(Equipment.self, kind: .equipment, id: "PG-1"))
        #expect(gauge.instrument?.status(on: today, equipment: gauge.status) == .outOfTolerance)
        #expect(try plant.records.instruments(dueWithin: 0).map(\.equipment) == ["PG-1"])
        let adjusted = try Self.calibrate(plant, [.init(point: "low", asFound: 2.2, asLeft: 2.01), .init(point: "hot", asFound: 100)])
        #expect(adjusted.result == .adjusted && adjusted.nextDue != nil && adjusted.points[0].asLeftPass)
        #expect(adjusted.deviation == "DEV-000002", "found out again: a second deviation")
        gauge = try #require(try plant.records.record(Equipment.self, kind: .equipment, id: "PG-1"))
        #expect(gauge.instrument?.status(on: today, equipment: gauge.status) == .inCalibration)
        #expect(try plant.records.instruments(dueWithin: 0).isEmpty)
        #expect(ReplayTests.verify(plant).ok)
    }

    /// Expects `body` to be refused with `invalidField` naming `field` and saying `words`, and main not to move.
    static func refused(_ plant: Plant, field: String, saying words: [String], _ body: () throws -> Void,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let head = try plant.repo.head()
        #expect(sourceLocation: sourceLocation) { try body() } throws: { error in
            guard case DocumentsError.invalidField(_, let named, let reason) = error else { return false }
            return named == field && words.allSatisfy { reason.contains($0) }
        }
        #expect(try plant.repo.head() == head, sourceLocation: sourceLocation)
    }

    @Test("a standard past its due date is refused by name and due date; nothing is written")
    func expiredStandard() throws {
        let (plant, _) = try Self.plant()
        let yesterday = try plant.records.today().adding(days: -1).text
        plant.tick()
        _ = try plant.records.updateStandard("STD-1", reason: "Certificate lapsed", by: plant.quinn) { $0.due = yesterday }
        try Self.refused(plant, field: "standard STD-1", saying: ["out of calibration", "due \(yesterday)"]) {
            _ = try Self.calibrate(plant, [.init(point: "low", asFound: 2), .init(point: "hot", asFound: 100)])
        }
    }

    @Test("a standard whose uncertainty gives a ratio under 4:1 is refused naming it and the ratio")
    func coarseStandard() throws {
        let (plant, _) = try Self.plant()
        plant.tick()
        _ = try plant.records.updateStandard("STD-1", reason: "New certificate", by: plant.quinn) { $0.uncertainty.value = 0.02 }
        try Self.refused(plant, field: "standard STD-1", saying: ["2.5:1", "minimum 4:1", "low"]) {
            _ = try Self.calibrate(plant, [.init(point: "low", asFound: 2), .init(point: "hot", asFound: 100)])
        }
    }

    @Test("every point needs its reading and a standard in its unit; unknown points and standards are named")
    func incomplete() throws {
        let (plant, _) = try Self.plant()
        try Self.refused(plant, field: "as-found hot", saying: ["as-found"]) { _ = try Self.calibrate(plant, [.init(point: "low", asFound: 2)]) }
        try Self.refused(plant, field: "point \"cold\"", saying: ["no such test point"]) {
            _ = try Self.calibrate(plant, [.init(point: "low", asFound: 2), .init(point: "hot", asFound: 100), .init(point: "cold", asFound: 1)])
        }
        try Self.refused(plant, field: "standard", saying: ["°C"]) {
            _ = try Self.calibrate(plant, [.init(point: "low", asFound: 2), .init(point: "hot", asFound: 100)], standards: ["STD-1"])
        }
        try Self.refused(plant, field: "standard STD-9", saying: ["no reference standard"]) {
            _ = try Self.calibrate(plant, [.init(point: "low", asFound: 2), .init(point: "hot", asFound: 100)], standards: ["STD-1", "STD-2", "STD-9"])
        }
        try Self.refused(plant, field: "equipment", saying: ["not an instrument"]) {
            _ = try Self.calibrate(plant, [.init(point: "low", asFound: 2)], equipment: "AC-101")
        }
    }

    @Test("qa approves, never the person who calibrated; a technician cannot approve")
    func approval() throws {
        let (plant, _) = try Self.plant()
        let both = try plant.repo.addUser("quade", roles: [.qa, .technician])
        let done = try Self.calibrate(plant, [.init(point: "low", asFound: 2), .init(point: "hot", asFound: 100)], by: both)
        plant.tick()
        #expect { _ = try plant.records.approveCalibration(done.id, reason: "Mine", by: both) } throws: { error in
            guard case DocumentsError.notPermitted(_, _, let reason) = error else { return false }
            return reason.contains("you calibrated it")
        }
        #expect { _ = try plant.records.approveCalibration(done.id, reason: "Ok", by: plant.tess) } throws: { error in
            guard case DocumentsError.notPermitted(_, _, let reason) = error else { return false }
            return reason.contains("the policy gives this to the qa role")
        }
        _ = try plant.records.approveCalibration(done.id, reason: "Reviewed", by: plant.quinn)
        plant.tick()
        #expect { _ = try plant.records.approveCalibration(done.id, reason: "Again", by: plant.quentin) } throws: { error in
            guard case DocumentsError.invalidTransition(_, let from, _, _) = error else { return false }
            return from == "approved"
        }
        #expect(ReplayTests.verify(plant).ok)
    }

    /// Appends `forged` as a hand-made `cal.record` act by tess, bypassing the service; its commit.
    static func forge(_ plant: Plant, _ forged: Calibration) throws -> ObjectID {
        plant.tick()
        let act = Act(record: forged.id, revision: 1, meaning: .execution, event: "cal.record", reason: "Forged", summary: "Forged",
                      changes: [(try RecordPath(try RecordID.path(kind: .calibration, id: forged.id)), try CanonicalJSON.encode(forged))])
        return try plant.records.ledger.append(act, by: plant.tess.signer, basedOn: try plant.repo.head()).commit
    }

    @Test("a result typed in rather than computed fails verify by the result rule")
    func typedResult() throws {
        let (plant, _) = try Self.plant()
        var forged = try Self.calibrate(plant, [.init(point: "low", asFound: 2.01), .init(point: "hot", asFound: 100)])
        forged.id = "CAL-000002"
        forged.points[0].asFoundPass = false
        forged.result = .adjusted
        let commit = try Self.forge(plant, forged)
        EventReplayTests.expectRefused(plant, commit, by: .result)
    }

    @Test("a calibration found out of tolerance that opens no deviation fails verify by the check rule")
    func outOfToleranceWithoutDeviation() throws {
        let (plant, _) = try Self.plant()
        var forged = try Self.calibrate(plant, [.init(point: "low", asFound: 2.01), .init(point: "hot", asFound: 100)])
        forged.id = "CAL-000002"
        forged.points[0].asFound = 2.2
        forged.points[0].asFoundPass = false
        forged.points[0].asLeft = 2.0
        forged.result = .adjusted
        let commit = try Self.forge(plant, forged)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }
}

extension CalibrationTests {
    @Test("a calibration done under a calibration job records the job's bound revision; any other job is refused naming it")
    func underJob() throws {
        let (plant, procedure) = try Self.plant()
        plant.tick()
        let job = try plant.records.createWorkOrder(sop: procedure.id, equipment: "PG-1", title: "Yearly calibration", assignee: "tess",
                                                    type: .calibration, reason: "Due", by: plant.sam)
        let readings: [CalibrationKind.Reading] = [.init(point: "low", asFound: 2), .init(point: "hot", asFound: 100)]
        func record(_ order: String) throws -> Calibration {
            plant.tick()
            return try plant.records.recordCalibration(equipment: "PG-1", workOrder: order, standards: ["STD-1", "STD-2"], readings: readings,
                                                       reason: "Yearly calibration", by: plant.tess)
        }
        try Self.refused(plant, field: "work order", saying: ["open", "start it first"]) { _ = try record(job.id) }
        plant.tick()
        _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        // A new revision of the procedure takes effect after the job started: the job keeps its own.
        plant.tick()
        _ = try plant.records.reviseSOP(procedure.id, body: Data((Self.procedure + "- [ ] Seal the gauge\n").utf8), reason: "Seal added", by: plant.dora)
        try plant.approve(procedure.id)
        let done = try record(job.id)
        #expect(done.workOrder == job.id && done.procedureRevision == 1)
        let corrective = try plant.job(procedure.id)
        try Self.refused(plant, field: "work order", saying: ["not a calibration job on PG-1"]) { _ = try record(corrective.id) }
        #expect(ReplayTests.verify(plant).ok)
    }
}

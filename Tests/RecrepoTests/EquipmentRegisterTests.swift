import Documents
import Foundation
@testable import RecordRepo
import Testing

/// The equipment register from the command line: a system and its components, status changes,
/// the work they allow, and meters whose counters only go up.
@Suite struct EquipmentRegisterTests {
    static func plant() throws -> (CLI, URL) {
        let (cli, directory) = try CLI.initialised()
        try cli.person("sam", role: "supervisor")
        try cli.person("tess", role: "technician")
        return (cli, directory)
    }

    static func sam(_ cli: CLI, _ arguments: [String]) throws -> Git.Output {
        try cli.run(arguments, user: "sam", password: "own pass phrase 1")
    }

    @Test("a system and its components: added with their whole description, listed, filtered and shown as a tree")
    func hierarchy() throws {
        let (cli, directory) = try Self.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let system = try Self.sam(cli, ["equipment", "add", "WFI-1", "--name", "Water for injection loop", "--type", "utility",
                                        "--location", "Building 2", "--department", "Utilities", "--gmp-critical", "--reason", "Commissioned"])
        #expect(system.status == 0, "\(system.stderr)")
        #expect(system.stdout.split(separator: "\n").last == "WFI-1")
        let pump = try Self.sam(cli, ["equipment", "add", "PUMP-101", "--name", "Loop pump", "--make", "Grundfos", "--model", "CRN 10",
                                      "--serial", "SN-1234", "--parent", "WFI-1", "--location", "Building 2", "--department", "Utilities",
                                      "--meter", "hours:h:counter", "--meter", "pressure:bar:gauge", "--reason", "Commissioned"])
        #expect(pump.status == 0, "\(pump.stderr)")
        let seal = try Self.sam(cli, ["equipment", "add", "SEAL-1", "--name", "Pump seal", "--parent", "PUMP-101", "--reason", "Commissioned"])
        #expect(seal.status == 0, "\(seal.stderr)")
        let tree = try cli.run(["equipment", "tree"])
        #expect(tree.stdout == "WFI-1  Water for injection loop\n  PUMP-101  Loop pump\n    SEAL-1  Pump seal\n", "\(tree.stdout)")
        let components = try cli.run(["equipment", "list", "--parent", "WFI-1", "--format", "json"])
        #expect(components.stdout.contains("PUMP-101") && !components.stdout.contains("SEAL-1"))
        let utilities = try cli.run(["equipment", "list", "--department", "Utilities"])
        #expect(utilities.stdout.contains("WFI-1") && utilities.stdout.contains("PUMP-101") && !utilities.stdout.contains("SEAL-1"))
        let shown = try cli.run(["equipment", "show", "PUMP-101"])
        for text in ["Grundfos", "CRN 10", "SN-1234", "Part of", "WFI-1", "Meter hours", "counter in h", "SEAL-1"] {
            #expect(shown.stdout.contains(text), "\(text) in \(shown.stdout)")
        }
        // A system cannot become a part of its own component.
        let before = try cli.head()
        let cycle = try Self.sam(cli, ["equipment", "update", "WFI-1", "--parent", "SEAL-1", "--reason", "Reorganised"])
        #expect(cycle.status == 1 && cycle.stderr.contains("cannot be its own part"), "\(cycle.stderr)")
        let missing = try Self.sam(cli, ["equipment", "add", "VALVE-1", "--name", "Valve", "--parent", "NOPE-1", "--reason", "x"])
        #expect(missing.status == 1 && missing.stderr.contains("NOPE-1 is no equipment here"), "\(missing.stderr)")
        #expect(try cli.head() == before)
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test("out-of-service equipment takes only the repair that returns it to service; retired equipment takes nothing and changes no more")
    func statusGatesWork() throws {
        let (cli, directory) = try Self.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        try cli.person("dora", role: "document-control")
        try cli.person("quinn", role: "qa")
        let sop = URL(fileURLWithPath: cli.repo).deletingLastPathComponent().appendingPathComponent("sop.md")
        try "# Repair\n\n- [ ] Fix it\n".write(to: sop, atomically: true, encoding: .utf8)
        let made = try cli.run(["sop", "new", "--title", "Repair", "--file", sop.path, "--reason", "New"], user: "dora", password: "own pass phrase 1")
        let sopID = try #require(made.stdout.split(separator: "\n").last.map(String.init))
        #expect(try Self.sam(cli, ["equipment", "add", "AC-101", "--name", "Autoclave", "--reason", "Commissioned"]).status == 0)
        let out = try Self.sam(cli, ["equipment", "status", "AC-101", "out-of-service", "--reason", "Door seal leaks"])
        #expect(out.status == 0, "\(out.stderr)")
        let before = try cli.head()
        let routine = try Self.sam(cli, ["wo", "new", "--sop", sopID, "--equipment", "AC-101", "--title", "Routine", "--reason", "PM"])
        #expect(routine.status == 1 && routine.stderr.contains("out of service"), "\(routine.stderr)")
        #expect(try cli.head() == before)
        let repair = try Self.sam(cli, ["wo", "new", "--sop", sopID, "--equipment", "AC-101", "--title", "Replace seal", "--repair", "--reason", "Leak"])
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(try Self.sam(cli, ["equipment", "status", "AC-101", "in-service", "--reason", "Seal replaced"]).status == 0)
        #expect(try Self.sam(cli, ["equipment", "status", "AC-101", "retired", "--reason", "Replaced by AC-102"]).status == 0)
        let retired = try cli.head()
        for arguments in [["equipment", "status", "AC-101", "in-service", "--reason", "Back"],
                          ["equipment", "update", "AC-101", "--name", "Old autoclave", "--reason", "Rename"],
                          ["wo", "new", "--sop", sopID, "--equipment", "AC-101", "--title", "Fix", "--repair", "--reason", "x"]] {
            let refused = try Self.sam(cli, arguments)
            #expect(refused.status == 1 && refused.stderr.contains("retired"), "\(arguments): \(refused.stderr)")
        }
        let bad = try Self.sam(cli, ["equipment", "status", "AC-101", "broken", "--reason", "x"])
        #expect(bad.status == 2 && bad.stderr.contains("in-service, out-of-service or retired"), "\(bad.stderr)")
        #expect(try cli.head() == retired)
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test("meter readings: a counter that goes down is refused unless the meter was replaced; the history lists each reading")
    func meterReadings() throws {
        let (cli, directory) = try Self.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Self.sam(cli, ["equipment", "add", "PUMP-101", "--name", "Pump", "--meter", "hours:h:counter",
                                   "--meter", "temp:C:gauge", "--reason", "Commissioned"]).status == 0)
        func read(_ arguments: [String]) throws -> Git.Output {
            try cli.run(["meter", "record", "PUMP-101"] + arguments, user: "tess", password: "own pass phrase 1")
        }
        #expect(try read(["hours", "1200"]).status == 0)
        #expect(try read(["hours", "1250.5"]).status == 0)
        let before = try cli.head()
        let down = try read(["hours", "1100"])
        #expect(down.status == 1 && down.stderr.contains("a counter does not go down") && down.stderr.contains("1250.5"), "\(down.stderr)")
        let noMeter = try read(["cycles", "3"])
        #expect(noMeter.status == 1 && noMeter.stderr.contains("its meters are hours, temp"), "\(noMeter.stderr)")
        let notNumber = try read(["hours", "12h"])
        #expect(notNumber.status == 2 && notNumber.stderr.contains("must be a number"), "\(notNumber.stderr)")
        let replacementWithoutReason = try read(["hours", "3", "--replacement"])
        #expect(replacementWithoutReason.status == 2, "\(replacementWithoutReason.stderr)")
        #expect(try cli.head() == before)
        #expect(try read(["hours", "3", "--replacement", "--reason", "Hour meter replaced after failure"]).status == 0)
        #expect(try read(["temp", "121"]).status == 0)
        #expect(try read(["temp", "20"]).status == 0, "a gauge goes up and down")
        let history = try cli.run(["meter", "history", "PUMP-101", "hours", "--format", "csv"])
        let lines = history.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 4, "\(history.stdout)")
        #expect(lines.dropFirst().map { $0.split(separator: ",")[1] } == ["1200", "1250.5", "3"], "\(history.stdout)")
        #expect(lines.last?.contains(",tess,yes,") == true, "\(history.stdout)")
        #expect(try cli.run(["verify"]).status == 0)
        let signers = try cli.run(["allowed-signers"]).stdout
        #expect(try Git.stockVerification(of: cli.repo, allowedSigners: signers).isEmpty)
    }
}

/// A reading forged past the service is refused by verify, naming the rule.
@Suite struct MeterReplayTests {
    @Test("a forged counter reading lower than the last, not marked as a replacement, fails verify by the check rule")
    func forgedDecrease() throws {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.addEquipment("PUMP-101", EquipmentKind.Description(name: "Pump", meters: [.init(name: "hours", unit: "h", kind: .counter)]),
                                           reason: "Commissioned", by: plant.sam)
        plant.tick()
        var unit = try plant.records.recordReading("PUMP-101", meter: "hours", value: 500, replacement: false, reason: "Reading", by: plant.tom)
        unit.meters?[0].reading = Equipment.Reading(value: 100, by: "tom", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))
        unit.revision += 1
        let commit = try ReplayTests.forge(plant, record: "PUMP-101", meaning: .execution, event: "equipment.reading", revision: unit.revision,
                                           path: try RecordID.path(kind: .equipment, id: "PUMP-101"),
                                           content: try CanonicalJSON.encode(unit), by: plant.tom)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }
}

@Suite struct MaintenanceHostileInputTests {
    @Test("hostile IDs in the new commands are refused naming the field, and nothing is written", arguments: [
        ["equipment", "add", "../x", "--name", "x", "--reason", "x"], ["equipment", "status", ".git", "retired", "--reason", "x"],
        ["meter", "record", "A\nB", "hours", "1"], ["meter", "record", "PUMP-1\t", "hours", "1"],
        ["pm", "approve", "../PM-0001", "--reason", "x"], ["clock", "approve", "CLK-1/../2", "--reason", "x"],
        ["pm", "show", "PM-0001\n"], ["meter", "history", "../x", "hours"],
    ])
    func hostileIDs(arguments: [String]) throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try cli.head()
        let result = try cli.admin(arguments)
        #expect(result.status == 1, "\(arguments): \(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("is not valid") || result.stderr.contains("is no equipment here"), "\(result.stderr)")
        #expect(try cli.head() == before)
    }
}

@Suite struct WorkOrderFieldsTests {
    @Test("a job has a type, a priority and a due date; a due date in the past or a preventive job by hand is refused")
    func typePriorityDue() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        plant.tick()
        let order = try plant.records.createWorkOrder(sop: sop.id, equipment: "AC-101", title: "Calibrate the probe", assignee: "tess",
                                                      type: .calibration, priority: .high, due: "2025-12-01", reason: "Due", by: plant.sam)
        #expect(order.type == .calibration && order.priority == .high && order.due == "2025-12-01")
        for (type, due, reason) in [(WorkOrder.Kind.corrective, "2025-11-01", "is before today"),
                                    (WorkOrder.Kind.preventive, "2025-12-01", "come from approved PM plans")] {
            plant.tick()
            #expect(throws: DocumentsError.self) {
                do {
                    _ = try plant.records.createWorkOrder(sop: sop.id, equipment: "AC-101", title: "x", assignee: nil, type: type,
                                                          due: due, reason: "x", by: plant.sam)
                } catch { #expect("\(error)".contains(reason), "\(error)"); throw error }
            }
        }
        #expect(ReplayTests.verify(plant).ok)
    }
}

@Suite struct LabourAndPartsTests {
    static func refused(_ reason: String, _ body: () throws -> Void) {
        #expect(throws: DocumentsError.self) {
            do { try body() } catch { #expect("\(error)".contains(reason), "\(error)"); throw error }
        }
    }

    @Test("labour and parts on a job: the technician's own, anyone's by a supervisor, only while it is in progress or completed")
    func labourAndParts() throws {
        let (plant, job) = try EventReplayTests.plantWithJob()
        Self.refused("in progress or completed") { _ = try plant.records.recordLabour(job.id, user: "tess", hours: 1, reason: "x", by: plant.tess) }
        plant.tick()
        _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        plant.tick()
        _ = try plant.records.recordLabour(job.id, user: "tess", hours: 1.5, reason: "Worked", by: plant.tess)
        plant.tick()
        Self.refused("for someone else") { _ = try plant.records.recordLabour(job.id, user: "tom", hours: 1, reason: "x", by: plant.tess) }
        Self.refused("for someone else") { _ = try plant.records.recordLabour(job.id, user: "tom", hours: 1, reason: "x", by: plant.tom) }
        Self.refused("at most 24 hours") { _ = try plant.records.recordLabour(job.id, user: "tess", hours: 30, reason: "x", by: plant.tess) }
        Self.refused("to the hundredth") { _ = try plant.records.recordLabour(job.id, user: "tess", hours: 0.001, reason: "x", by: plant.tess) }
        _ = try plant.records.recordLabour(job.id, user: "tom", hours: 2, reason: "Helped lift the door", by: plant.sam)
        plant.tick()
        let order = try plant.records.recordPart(job.id, .init(number: "GS-100", description: "Door gasket", quantity: 1, lot: "L-2291"),
                                                 reason: "Replaced", by: plant.tess)
        #expect(order.labour?.map(\.hours) == [1.5, 2] && order.labour?.map(\.by) == ["tess", "sam"])
        #expect(order.parts?.first?.lot == "L-2291" && order.parts?.first?.by == "tess")
        plant.tick()
        Self.refused("more than 0") {
            _ = try plant.records.recordPart(job.id, .init(number: "GS-100", description: "x", quantity: 0, lot: nil), reason: "x", by: plant.tess)
        }
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("labour forged onto a job by a technician who is not its assignee fails verify by the check rule")
    func forgedLabour() throws {
        let (plant, job) = try EventReplayTests.plantWithJob()
        plant.tick()
        var order = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        order.labour = [WorkOrder.Labour(user: "tom", hours: 3, by: "tom", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))]
        order.revision += 1
        let commit = try EventReplayTests.forge(plant, order, event: "wo.labour", meaning: .execution, by: plant.tom)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }
}

import Documents
import Foundation
@testable import RecordRepo
import Testing

/// PM plans are controlled records: drafted by a supervisor, approved by qa other than the
/// drafter, changed only by an approved revision, retired with a reason.
@Suite struct PMPlanTests {
    /// A plant with AC-101 carrying an hours counter and a temperature gauge, and an effective SOP.
    static func plant() throws -> (Plant, SOP) {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.updateEquipment("AC-101", reason: "Meters fitted", by: plant.sam) { description in
            description.meters = [.init(name: "hours", unit: "h", kind: .counter), .init(name: "temp", unit: "C", kind: .gauge)]
        }
        let sop = try plant.effectiveSOP("# Weekly check\n\n- [ ] Inspect the door seal\n")
        return (plant, sop)
    }

    static func weekly(_ sop: SOP) -> PMPlan.Definition {
        PMPlan.Definition(title: "Weekly autoclave check", equipment: "AC-101", sop: sop.id, assigneeRole: .technician,
                          trigger: .init(kind: .calendar, every: 1, unit: .weeks, from: "2025-12-01"), graceBefore: 1, graceAfter: 2)
    }

    @Test("draft, approval by someone else, a revision that waits while the approved one stays in force, retirement")
    func lifecycle() throws {
        let (plant, sop) = try Self.plant()
        plant.tick()
        let draft = try plant.records.addPlan(Self.weekly(sop), reason: "New PM", by: plant.sam)
        #expect(draft.status == .draft && draft.approvedRevisions == 0)
        plant.tick()
        let approved = try plant.records.approvePlan(draft.id, reason: "Reviewed", by: plant.quinn)
        #expect(approved.status == .approved && approved.approvedRevisions == 1 && approved.approvedBy == "quinn")
        plant.tick()
        let revised = try plant.records.revisePlan(draft.id, reason: "Every two weeks", by: plant.sam) { $0.trigger.every = 2 }
        #expect(revised.definition.trigger.every == 1 && revised.pending?.trigger.every == 2, "the approved revision stays in force")
        plant.tick()
        let second = try plant.records.approvePlan(draft.id, reason: "Reviewed", by: plant.quentin)
        #expect(second.definition.trigger.every == 2 && second.pending == nil && second.approvedRevisions == 2)
        plant.tick()
        let retired = try plant.records.retirePlan(draft.id, reason: "Autoclave replaced", by: plant.quinn)
        #expect(retired.status == .retired)
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.revisePlan(draft.id, reason: "x", by: plant.sam) { $0.graceAfter = 3 } }
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("nobody approves a revision they drafted, and a technician drafts nothing")
    func segregation() throws {
        let (plant, sop) = try Self.plant()
        let both = try plant.repo.addUser("sue", roles: [.supervisor, .qa])
        plant.tick()
        let draft = try plant.records.addPlan(Self.weekly(sop), reason: "New PM", by: both)
        plant.tick()
        #expect(throws: DocumentsError.self) {
            do { _ = try plant.records.approvePlan(draft.id, reason: "Mine", by: both) } catch {
                #expect("\(error)".contains("segregation of duties"), "\(error)"); throw error
            }
        }
        #expect(throws: DocumentsError.self) { _ = try plant.records.addPlan(Self.weekly(sop), reason: "x", by: plant.tom) }
    }

    @Test("a definition is refused naming what is wrong", arguments: [
        ("no equipment", "is no equipment here"), ("gauge counted", "is a gauge"), ("two thresholds", "exactly one threshold"),
        ("unknown meter", "name a meter of AC-101"), ("calendar without anchor", "starts from a day"),
        ("role that may not execute", "may not execute work orders"), ("grace too long", "0 to 365"),
    ])
    func badDefinitions(name: String, reason: String) throws {
        let (plant, sop) = try Self.plant()
        var definition = Self.weekly(sop)
        switch name {
        case "no equipment": definition.equipment = "AC-999"
        case "gauge counted": definition.trigger = .init(kind: .meter, meter: "temp", everyUnits: 10)
        case "two thresholds": definition.trigger = .init(kind: .condition, meter: "temp", above: 130, below: 100)
        case "unknown meter": definition.trigger = .init(kind: .condition, meter: "pressure", above: 3)
        case "calendar without anchor": definition.trigger.from = nil
        case "role that may not execute": definition.assigneeRole = .auditor
        default: definition.graceAfter = 400
        }
        let before = try plant.repo.head()
        plant.tick()
        #expect(throws: DocumentsError.self) {
            do { _ = try plant.records.addPlan(definition, reason: "x", by: plant.sam) } catch {
                #expect("\(error)".contains(reason), "\(error)"); throw error
            }
        }
        #expect(try plant.repo.head() == before)
    }

    @Test("a meter plan counts from the meter's latest reading at approval; a forged base fails verify by the check rule")
    func meterBase() throws {
        let (plant, sop) = try Self.plant()
        plant.tick()
        _ = try plant.records.recordReading("AC-101", meter: "hours", value: 1_200, replacement: false, reason: "Reading", by: plant.tom)
        var definition = Self.weekly(sop)
        definition.trigger = .init(kind: .meter, meter: "hours", everyUnits: 500, responseDays: 7)
        definition.graceBefore = 0
        plant.tick()
        let draft = try plant.records.addPlan(definition, reason: "Every 500 h", by: plant.sam)
        plant.tick()
        let approved = try plant.records.approvePlan(draft.id, reason: "Reviewed", by: plant.quinn)
        #expect(approved.meterBase == 1_200)
        #expect(ReplayTests.verify(plant).ok)
        // A revision's approval forged with another base, signed by qa.
        plant.tick()
        var revised = try plant.records.revisePlan(draft.id, reason: "Every 400 h", by: plant.sam) { $0.trigger.everyUnits = 400 }
        revised.definition = try #require(revised.pending)
        revised.pending = nil
        revised.status = .approved
        revised.approvedRevisions = 2
        revised.approvedBy = "quentin"
        revised.approvedAt = Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))
        revised.meterBase = 0
        revised.revision += 1
        let forged = try ReplayTests.forge(plant, record: draft.id, meaning: .approval, event: "pm.approve", revision: revised.revision,
                                           path: try RecordID.path(kind: .pm, id: draft.id), content: try CanonicalJSON.encode(revised),
                                           by: plant.quentin)
        EventReplayTests.expectRefused(plant, forged, by: .check)
    }
}

@Suite struct PMPlanCLITests {
    @Test("pm add with --every N weeks, approve, revise, show and list from the command line")
    func commandLine() throws {
        let (cli, directory) = try EquipmentRegisterTests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        try cli.person("dora", role: "document-control")
        try cli.person("quinn", role: "qa")
        let sop = directory.appendingPathComponent("sop.md")
        try "# Weekly check\n\n- [ ] Inspect the seal\n".write(to: sop, atomically: true, encoding: .utf8)
        let made = try cli.run(["sop", "new", "--title", "Weekly check", "--file", sop.path, "--reason", "New"], user: "dora", password: "own pass phrase 1")
        let sopID = try #require(made.stdout.split(separator: "\n").last.map(String.init))
        #expect(try EquipmentRegisterTests.sam(cli, ["equipment", "add", "AC-101", "--name", "Autoclave", "--meter", "hours:h:counter", "--reason", "New"]).status == 0)
        let added = try EquipmentRegisterTests.sam(cli, ["pm", "add", "--equipment", "AC-101", "--sop", sopID, "--title", "Weekly check",
                                                         "--every", "1", "weeks", "--from", "2026-12-07", "--grace-after", "2",
                                                         "--assign-role", "technician", "--reason", "New PM"])
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require(added.stdout.split(separator: "\n").last.map(String.init))
        #expect(id == "PM-0001")
        let own = try EquipmentRegisterTests.sam(cli, ["pm", "approve", id, "--reason", "x"])
        #expect(own.status == 1, "a supervisor may not approve plans: \(own.stdout)")
        let approved = try cli.run(["pm", "approve", id, "--reason", "Reviewed"], user: "quinn", password: "own pass phrase 1")
        #expect(approved.status == 0, "\(approved.stderr)")
        let revised = try EquipmentRegisterTests.sam(cli, ["pm", "revise", id, "--every", "2", "--weeks", "--from", "2026-12-07", "--reason", "Fortnightly"])
        #expect(revised.status == 0, "\(revised.stderr)")
        let shown = try cli.run(["pm", "show", id])
        #expect(shown.stdout.contains("every 1 weeks from 2026-12-07, fixed") && shown.stdout.contains("Awaiting approval"), "\(shown.stdout)")
        let listed = try cli.run(["pm", "list", "--equipment", "AC-101"])
        #expect(listed.stdout.contains("approved (revision awaiting approval)"), "\(listed.stdout)")
        let noTrigger = try EquipmentRegisterTests.sam(cli, ["pm", "add", "--equipment", "AC-101", "--sop", sopID, "--title", "x", "--reason", "x"])
        #expect(noTrigger.status == 2 && noTrigger.stderr.contains("give one trigger"), "\(noTrigger.stderr)")
        #expect(try cli.run(["verify"]).status == 0)
    }
}

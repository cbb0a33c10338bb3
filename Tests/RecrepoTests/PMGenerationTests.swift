@testable import Documents
import Foundation
@testable import RecordRepo
import Synchronization
import Testing

/// Generation is the system's act alone, only for the occurrence a plan calls for, never twice.
@Suite struct PMGenerationTests {
    /// A weekly plan on AC-101 due from the plant's first day (2025-11-25), approved.
    static func plant() throws -> (Plant, PMPlan) {
        let (plant, sop) = try PMPlanTests.plant()
        var weekly = PMPlanTests.weekly(sop)
        weekly.trigger.from = "2025-11-25"
        plant.tick()
        let draft = try plant.records.addPlan(weekly, reason: "New PM", by: plant.sam)
        plant.tick()
        return (plant, try plant.records.approvePlan(draft.id, reason: "Reviewed", by: plant.quinn))
    }

    /// Signs the job and plan as generation would write them, bypassing the service.
    static func forge(_ plant: Plant, _ plan: PMPlan, occurrence: WorkOrder.Occurrence, by signer: Signer,
                      advancePlan: Bool = true) throws -> ObjectID {
        plant.tick()
        let generation = WorkOrderKind.Generation(id: "WO-000001", plan: plan, occurrence: occurrence)
        let order = try WorkOrderKind.generate.apply(nil, generation, Signing(user: signer.principal, at: plant.repo.clock.now,
                                                                              in: TimeZone(identifier: "UTC") ?? .current))
        var changes = [(try RecordPath(try RecordID.path(kind: .workOrder, id: order.id)), Optional(try CanonicalJSON.encode(order)))]
        if advancePlan {
            let advanced = PMSchedule.advanced(plan, by: occurrence, order: order.id)
            changes.append((try RecordPath(try RecordID.path(kind: .pm, id: plan.id)), try CanonicalJSON.encode(advanced)))
        }
        let act = Act(record: order.id, revision: 1, meaning: .generation, event: "wo.generate", reason: "Forged",
                      summary: "Forged generation", changes: changes)
        return try plant.records.ledger.append(act, by: signer, basedOn: try plant.repo.head()).commit
    }

    static let first = WorkOrder.Occurrence(plan: "PM-0001", number: 1, due: "2025-11-25", opens: "2025-11-24", closes: "2025-11-27",
                                            nextDue: "2025-12-02")

    @Test("pm run generates the first occurrence once; a second run, the same day, generates nothing")
    func once() throws {
        let (plant, plan) = try Self.plant()
        plant.tick()
        let run = try plant.records.runPlans()
        #expect(run.generated.map(\.occurrence) == [Self.first])
        let order = try plant.records.workOrder("WO-000001")
        #expect(order.type == .preventive && order.createdBy == "system" && order.due == "2025-11-25" && order.sop == plan.definition.sop)
        #expect(try plant.records.record(PMPlan.self, kind: .pm, id: plan.id)?.schedule?.lastOrder == "WO-000001")
        let head = try plant.repo.head()
        #expect(try plant.records.runPlans() == GenerationRun())
        #expect(try plant.repo.head() == head)
        #expect(try plant.records.ledger.act(try #require(head)).meaning == .generation)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("two processes running at once generate each occurrence once between them")
    func concurrentRuns() throws {
        let (plant, _) = try Self.plant()
        plant.tick()
        let through = Day(number: Day(of: plant.repo.clock.now, in: .gmt).number + 60)
        let path = plant.repo.path, clock = plant.repo.clock
        let results = Mutex<[Result<GenerationRun, DocumentsError>]>([])
        // Each thread opens the repository itself, as a second process would.
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let result = Result { () throws(DocumentsError) in
                try Records.open(at: path, clock: clock.ledgerClock, checklist: TestRepository.checklist).runPlans(through: through)
            }
            results.withLock { $0.append(result) }
        }
        let runs = try results.withLock { try $0.map { try $0.get() } }
        let generated = runs.flatMap(\.generated).map(\.occurrence.number).sorted()
        #expect(generated == Array(1...9), "weekly from 2025-11-25, windows opening up to 60 days ahead")
        let orders = try plant.records.all(WorkOrder.self, of: .workOrder).compactMap(\.occurrence?.number).sorted()
        #expect(orders == Array(1...9))
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("a job the system key signed that no plan called for fails verify by the check rule")
    func uncalledFor() throws {
        let (plant, plan) = try Self.plant()
        var later = Self.first
        later.number = 2
        later.due = "2025-12-02"
        let commit = try Self.forge(plant, plan, occurrence: later, by: try plant.records.keystore.systemSigner())
        EventReplayTests.expectRefused(plant, commit, by: .check)
        #expect(ReplayTests.verify(plant).failures.first?.message.contains("does not call for that occurrence") == true)
    }

    @Test("a generation signed by a person fails verify by the check rule")
    func generatedByAPerson() throws {
        let (plant, plan) = try Self.plant()
        let commit = try Self.forge(plant, plan, occurrence: Self.first, by: plant.sam.signer)
        EventReplayTests.expectRefused(plant, commit, by: .check)
        #expect(ReplayTests.verify(plant).failures.first?.message.contains("only the system generates") == true)
    }

    @Test("a generation that leaves its plan's schedule as it was fails verify by the other-records rule")
    func planNotAdvanced() throws {
        let (plant, plan) = try Self.plant()
        let commit = try Self.forge(plant, plan, occurrence: Self.first, by: try plant.records.keystore.systemSigner(), advancePlan: false)
        EventReplayTests.expectRefused(plant, commit, by: .companions)
    }

    @Test("the system key may not create a job as a person would: verify refuses the meaning")
    func systemAuthorship() throws {
        let (plant, _) = try Self.plant()
        plant.tick()
        let order = WorkOrder(id: "WO-000001", title: "x", sop: "SOP-0001", equipment: "AC-101", createdBy: "system",
                              createdAt: Timestamp.iso(plant.repo.clock.now))
        let act = Act(record: order.id, revision: 1, meaning: .authorship, event: "wo.create", reason: "Forged", summary: "Forged",
                      changes: [(try RecordPath(try RecordID.path(kind: .workOrder, id: order.id)), try CanonicalJSON.encode(order))])
        _ = try plant.records.ledger.append(act, by: try plant.records.keystore.systemSigner(), basedOn: try plant.repo.head())
        #expect(ReplayTests.verify(plant).failures.contains { $0.message.contains("the system key may not sign the meaning authorship") })
    }
}

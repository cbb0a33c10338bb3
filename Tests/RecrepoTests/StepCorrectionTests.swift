@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Corrections of signed steps, and acts forged around readings that verify refuses by the rule
/// the declaration holds.
@Suite struct StepCorrectionTests {
    typealias Steps = StepReadingTests

    @Test("the signer corrects while the job is in progress, a supervisor once it is completed; every earlier value stays")
    func whoCorrects() throws {
        let (plant, order) = try Steps.started()
        _ = try Steps.sign(plant, order.id, .init(number: 1, note: "Seal intact"))
        _ = try Steps.sign(plant, order.id, .init(number: 2, value: 4))
        try JobTests.refused(plant, "another technician") {
            _ = try plant.records.correctStep(order.id, .init(number: 2, value: 5, note: nil, reason: "Misread"), by: plant.tom)
        }
        try JobTests.refused(plant, "a supervisor while in progress") {
            _ = try plant.records.correctStep(order.id, .init(number: 2, value: 5, note: nil, reason: "Misread"), by: plant.sam)
        }
        try JobTests.refused(plant, "a step not signed") {
            _ = try plant.records.correctStep(order.id, .init(number: 3, value: nil, note: "x", reason: "Misread"), by: plant.tess)
        }
        plant.tick(); _ = try plant.records.correctStep(order.id, .init(number: 1, value: nil, note: "Seal worn", reason: "Wrong word"), by: plant.tess)
        _ = try Steps.sign(plant, order.id, .init(number: 3))
        plant.tick(); _ = try plant.records.completeWorkOrder(order.id, reason: "Done", by: plant.tess)
        try JobTests.refused(plant, "the technician after completion") {
            _ = try plant.records.correctStep(order.id, .init(number: 2, value: 5, note: nil, reason: "Misread"), by: plant.tess)
        }
        plant.tick()
        let corrected = try plant.records.correctStep(order.id, .init(number: 2, value: 8.5, note: "Logger shows 8.5", reason: "Logger printout"),
                                                      by: plant.sam)
        let step = corrected.steps[1]
        #expect(step.value == 8.5 && step.outOfLimits == true && step.note == "Logger shows 8.5")
        #expect(step.corrections == [WorkOrder.Correction(previousValue: 4, previousNote: nil, value: 8.5, note: "Logger shows 8.5",
                                                          reason: "Logger printout", by: "sam",
                                                          at: try #require(step.corrections?.first?.at))])
        #expect(corrected.steps[0].note == "Seal worn" && corrected.steps[0].corrections?.map(\.previousNote) == ["Seal intact"])
        // Completed with a value now outside its limits: no review until another supervisor decides.
        try JobTests.refused(plant, "review with a value awaiting disposition") {
            _ = try plant.records.reviewWorkOrder(order.id, reason: "OK", by: plant.sam)
        }
        try JobTests.refused(plant, "a disposition by the supervisor who corrected it is fine, but not by the technician") {
            _ = try plant.records.disposeStep(order.id, .init(number: 2, decision: .accept, reason: "OK"), by: plant.tess)
        }
        plant.tick(); _ = try plant.records.disposeStep(order.id, .init(number: 2, decision: .accept, reason: "Within validation"), by: plant.sam)
        plant.tick(); _ = try plant.records.reviewWorkOrder(order.id, reason: "OK", by: plant.sam)
        try JobTests.refused(plant, "a correction after review") {
            _ = try plant.records.correctStep(order.id, .init(number: 2, value: 5, note: nil, reason: "Late"), by: plant.sam)
        }
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    /// A started job with step 1 signed, and the time one tick on.
    static func atStepTwo() throws -> (Plant, WorkOrder, String) {
        let (plant, order) = try Steps.started()
        let signed = try Steps.sign(plant, order.id, .init(number: 1))
        return (plant, signed, Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))
    }

    @Test("an out-of-limits value written without the mark fails verify by the result rule")
    func valueWithoutMark() throws {
        let (plant, order, at) = try Self.atStepTwo()
        var forged = try order.applying(.signStep(number: 2, by: "tess", note: nil, at: at))
        forged.steps[1].value = 9.5
        let commit = try EventReplayTests.forge(plant, forged, event: "wo.step", meaning: .execution, by: plant.tess)
        EventReplayTests.expectRefused(plant, commit, by: .result)
    }

    @Test("a step that asks for a reading signed without a value fails verify by the check rule")
    func stepWithoutValue() throws {
        let (plant, order, at) = try Self.atStepTwo()
        let forged = try order.applying(.signStep(number: 2, by: "tess", note: nil, at: at))
        let commit = try EventReplayTests.forge(plant, forged, event: "wo.step", meaning: .execution, by: plant.tess)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }

    @Test("a disposition signed by a technician fails verify by the permission rule")
    func technicianDisposition() throws {
        let (plant, order, _) = try Self.atStepTwo()
        _ = try Steps.sign(plant, order.id, .init(number: 2, value: 9.5))
        var forged = try plant.records.workOrder(order.id)
        forged.steps[1].dispositions = [WorkOrder.Disposition(decision: .accept, value: 9.5, reason: "Fine", by: "tom",
                                                              at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))]
        forged.revision += 1
        let commit = try EventReplayTests.forge(plant, forged, event: "wo.disposition", meaning: .review, by: plant.tom)
        EventReplayTests.expectRefused(plant, commit, by: .permission)
    }

    @Test("a correction signed by a technician who did not sign the step fails verify by the check rule")
    func otherTechnicianCorrects() throws {
        let (plant, order, _) = try Self.atStepTwo()
        _ = try Steps.sign(plant, order.id, .init(number: 2, value: 9.5))
        var forged = try plant.records.workOrder(order.id)
        forged.steps[1].corrections = [WorkOrder.Correction(previousValue: 9.5, previousNote: nil, reason: "Forged",
                                                            by: "tom", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))]
        forged.steps[1].value = 5
        forged.steps[1].outOfLimits = nil
        forged.revision += 1
        let commit = try EventReplayTests.forge(plant, forged, event: "wo.correct", meaning: .correction, by: plant.tom)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }

    @Test("a correction that drops the earlier value fails verify by the result rule")
    func correctionWithoutHistory() throws {
        let (plant, order, _) = try Self.atStepTwo()
        _ = try Steps.sign(plant, order.id, .init(number: 2, value: 9.5))
        var forged = try plant.records.workOrder(order.id)
        forged.steps[1].corrections = [WorkOrder.Correction(previousValue: nil, previousNote: nil, value: 5, reason: "Forged",
                                                            by: "tess", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))]
        forged.steps[1].value = 5
        forged.steps[1].outOfLimits = nil
        forged.revision += 1
        let commit = try EventReplayTests.forge(plant, forged, event: "wo.correct", meaning: .correction, by: plant.tess)
        EventReplayTests.expectRefused(plant, commit, by: .result)
    }

    @Test("a start that drops the steps' reading specs fails verify by the check rule")
    func startWithoutSpecs() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Steps.procedure)
        let job = try plant.job(sop.id)
        plant.tick()
        let real = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        let head = try #require(try plant.repo.head())
        let base = try #require(try plant.records.ledger.act(head).parent)
        #expect(try Git.run(["update-ref", "refs/heads/main", base.hex], in: plant.repo.path).status == 0)
        let forged = try job.applying(.start(by: "tess", bound: try #require(real.boundSOP), steps: real.steps.map(\.text),
                                             at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        let commit = try EventReplayTests.forge(plant, forged, event: "wo.start", meaning: .execution, by: plant.tess)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }
}

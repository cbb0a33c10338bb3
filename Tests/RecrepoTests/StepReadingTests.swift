@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Steps that ask for a reading, deviations and steps that did not apply, and the supervisor's
/// disposition of a value outside its limits.
@Suite struct StepReadingTests {
    static let procedure = """
        # Cold room check

        - [ ] Check the door seal
        - [ ] Record the outlet temperature `reading: outlet temperature in °C, between 2 and 8`
        - [ ] Check the bypass

        """

    /// A started job on `procedure`, assigned to tess.
    static func started() throws -> (Plant, WorkOrder) {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Self.procedure)
        let job = try plant.job(sop.id)
        plant.tick()
        return (plant, try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess))
    }

    static func sign(_ plant: Plant, _ id: String, _ step: WorkOrderKind.Step, by session: Session? = nil) throws -> WorkOrder {
        plant.tick()
        return try plant.records.signStep(id, step, by: session ?? plant.tess)
    }

    /// Expects `body` to be refused with `invalidField` naming `field`, and main not to move.
    static func refused(_ plant: Plant, field: String, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let head = try plant.repo.head()
        plant.tick()
        #expect(sourceLocation: sourceLocation) { try body() } throws: { error in
            guard case DocumentsError.invalidField(_, let named, _) = error else { return false }
            return named == field
        }
        #expect(try plant.repo.head() == head, sourceLocation: sourceLocation)
    }

    @Test("start takes each step's reading spec from the bound revision's checklist")
    func startTakesSpecs() throws {
        let (_, order) = try Self.started()
        #expect(order.steps.map(\.reading) == [nil, WorkOrder.Reading(quantity: "outlet temperature", unit: "°C", low: 2, high: 8), nil])
    }

    @Test("a reading outside its limits blocks completion until a supervisor's disposition accepts it; verify replays it all")
    func acceptUnblocks() throws {
        let (plant, order) = try Self.started()
        _ = try Self.sign(plant, order.id, .init(number: 1))
        let read = try Self.sign(plant, order.id, .init(number: 2, value: 9.5))
        #expect(read.steps[1].value == 9.5 && read.steps[1].outOfLimits == true && read.steps[1].needsDisposition)
        _ = try Self.sign(plant, order.id, .init(number: 3, notApplicable: true, justification: "No bypass on this unit"))
        let head = try plant.repo.head()
        plant.tick()
        #expect {
            try plant.records.completeWorkOrder(order.id, reason: "Done", by: plant.tess)
        } throws: { error in
            guard case DocumentsError.invalidTransition(_, _, let event, let reason) = error else { return false }
            return event == "complete" && reason.contains("step 2 read 9.5 °C") && reason.contains("wo disposition")
        }
        #expect(try plant.repo.head() == head)
        plant.tick()
        let accepted = try plant.records.disposeStep(order.id, .init(number: 2, decision: .accept, reason: "Within the validated range"), by: plant.sam)
        #expect(accepted.steps[1].dispositions?.map(\.by) == ["sam"] && accepted.steps[1].dispositions?.first?.value == 9.5)
        let act = try plant.records.ledger.act(try #require(try plant.repo.head()))
        #expect(act.event == "wo.disposition" && act.meaning == .review)
        plant.tick(); _ = try plant.records.completeWorkOrder(order.id, reason: "Done", by: plant.tess)
        plant.tick(); _ = try plant.records.reviewWorkOrder(order.id, reason: "Checked", by: plant.sam)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("repeat keeps the job blocked until the technician corrects the value to one within limits")
    func repeatThenCorrect() throws {
        let (plant, order) = try Self.started()
        _ = try Self.sign(plant, order.id, .init(number: 1))
        _ = try Self.sign(plant, order.id, .init(number: 2, value: 1.5))
        _ = try Self.sign(plant, order.id, .init(number: 3, deviation: "Checked from the rear panel"))
        plant.tick(); _ = try plant.records.disposeStep(order.id, .init(number: 2, decision: .repeat, reason: "Probe not settled"), by: plant.sam)
        try JobTests.refused(plant, "completion after repeat") { _ = try plant.records.completeWorkOrder(order.id, reason: "Done", by: plant.tess) }
        plant.tick()
        let corrected = try plant.records.correctStep(order.id, .init(number: 2, value: 4.2, note: nil, reason: "Read again after 10 minutes"), by: plant.tess)
        #expect(corrected.steps[1].value == 4.2 && corrected.steps[1].outOfLimits == nil && !corrected.steps[1].needsDisposition)
        #expect(corrected.steps[1].corrections?.map(\.previousValue) == [1.5] && corrected.steps[1].corrections?.first?.by == "tess")
        #expect(corrected.steps[2].deviation == "Checked from the rear panel")
        let act = try plant.records.ledger.act(try #require(try plant.repo.head()))
        #expect(act.event == "wo.correct" && act.meaning == .correction && act.reason == "Read again after 10 minutes")
        plant.tick(); _ = try plant.records.completeWorkOrder(order.id, reason: "Done", by: plant.tess)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("a step with a reading refuses a signature without a value, one without refuses a value, each naming the step")
    func valueWhereAsked() throws {
        let (plant, order) = try Self.started()
        try Self.refused(plant, field: "value") { _ = try plant.records.signStep(order.id, .init(number: 1, value: 3), by: plant.tess) }
        _ = try Self.sign(plant, order.id, .init(number: 1))
        #expect {
            try plant.records.signStep(order.id, .init(number: 2), by: plant.tess)
        } throws: { error in
            guard case DocumentsError.invalidField(_, "value", let reason) = error else { return false }
            return reason.contains("step 2") && reason.contains("outlet temperature in °C") && reason.contains("--value")
        }
        // The old entry point (a note only) is held to the same rule.
        try Self.refused(plant, field: "value") { _ = try plant.records.signStep(order.id, number: 2, note: "fine", by: plant.tess) }
    }

    @Test("hostile values and texts are refused naming the field, and main does not move")
    func hostileInput() throws {
        let (plant, order) = try Self.started()
        _ = try Self.sign(plant, order.id, .init(number: 1))
        for value in [Double.nan, .infinity, -.infinity, 1e12, -1e300] {
            try Self.refused(plant, field: "value") { _ = try plant.records.signStep(order.id, .init(number: 2, value: value), by: plant.tess) }
        }
        for text in ["", "   ", "two\nlines", "nul\u{0}", String(repeating: "x", count: 501), "rtl \u{202E}gnp.exe"] {
            try Self.refused(plant, field: "justification") {
                _ = try plant.records.signStep(order.id, .init(number: 2, notApplicable: true, justification: text), by: plant.tess)
            }
        }
        try Self.refused(plant, field: "justification") {
            _ = try plant.records.signStep(order.id, .init(number: 2, notApplicable: true), by: plant.tess)
        }
        try Self.refused(plant, field: "justification") {
            _ = try plant.records.signStep(order.id, .init(number: 2, value: 5, justification: "why not"), by: plant.tess)
        }
        try Self.refused(plant, field: "value") {
            _ = try plant.records.signStep(order.id, .init(number: 2, value: 5, notApplicable: true, justification: "Not installed"), by: plant.tess)
        }
        try Self.refused(plant, field: "deviation") {
            _ = try plant.records.signStep(order.id, .init(number: 2, value: 5, deviation: "a\r\nForged: yes"), by: plant.tess)
        }
        _ = try Self.sign(plant, order.id, .init(number: 2, value: 5))
        try Self.refused(plant, field: "reason") {
            _ = try plant.records.correctStep(order.id, .init(number: 2, value: 6, note: nil, reason: "a\nb"), by: plant.tess)
        }
        try Self.refused(plant, field: "value") {
            _ = try plant.records.correctStep(order.id, .init(number: 2, value: .nan, note: nil, reason: "Misread"), by: plant.tess)
        }
        try Self.refused(plant, field: "value") {
            _ = try plant.records.correctStep(order.id, .init(number: 1, value: 3, note: nil, reason: "Misread"), by: plant.tess)
        }
        try Self.refused(plant, field: "value") {
            _ = try plant.records.correctStep(order.id, .init(number: 2, value: 5, note: nil, reason: "Same"), by: plant.tess)
        }
    }

    @Test("a disposition needs an out-of-limits value, a supervisor, and not the step's signer")
    func dispositionRules() throws {
        let (plant, order) = try Self.started()
        _ = try Self.sign(plant, order.id, .init(number: 1))
        _ = try Self.sign(plant, order.id, .init(number: 2, value: 5))
        try JobTests.refused(plant, "a value within limits") {
            _ = try plant.records.disposeStep(order.id, .init(number: 2, decision: .accept, reason: "OK"), by: plant.sam)
        }
        plant.tick(); _ = try plant.records.correctStep(order.id, .init(number: 2, value: 12, note: nil, reason: "Misread the display"), by: plant.tess)
        try JobTests.refused(plant, "a technician's disposition") {
            _ = try plant.records.disposeStep(order.id, .init(number: 2, decision: .accept, reason: "OK"), by: plant.tess)
        }
        try JobTests.refused(plant, "a step not signed") {
            _ = try plant.records.disposeStep(order.id, .init(number: 3, decision: .accept, reason: "OK"), by: plant.sam)
        }
        try Self.refused(plant, field: "reason") {
            _ = try plant.records.disposeStep(order.id, .init(number: 2, decision: .accept, reason: " "), by: plant.sam)
        }
        plant.tick(); _ = try plant.records.disposeStep(order.id, .init(number: 2, decision: .accept, reason: "Validated range"), by: plant.sam)
        try JobTests.refused(plant, "accepting twice") {
            _ = try plant.records.disposeStep(order.id, .init(number: 2, decision: .accept, reason: "Again"), by: plant.sam)
        }
        // A new out-of-limits value needs a new decision: the accept was for 12.
        plant.tick(); _ = try plant.records.correctStep(order.id, .init(number: 2, value: 13, note: nil, reason: "Second look"), by: plant.tess)
        _ = try Self.sign(plant, order.id, .init(number: 3))
        try JobTests.refused(plant, "completion with the new value") { _ = try plant.records.completeWorkOrder(order.id, reason: "Done", by: plant.tess) }
        #expect(ReplayTests.verify(plant).ok)
    }
}

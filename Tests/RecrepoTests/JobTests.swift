import Documents
import Foundation
@testable import RecordRepo
import SOPRender
import Testing

@Suite struct JobTests {
    @Test("a job from start to close: steps in order by the technician, review by the supervisor, close by QA")
    func wholeJob() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        plant.tick()
        let started = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        #expect(started.status == .inProgress && started.steps.count == 3)
        for number in 1...3 {
            plant.tick()
            _ = try plant.records.signStep(job.id, number: number, note: number == 3 ? "2.1 bar" : nil, by: plant.tess)
        }
        plant.tick(); _ = try plant.records.completeWorkOrder(job.id, reason: "All steps done", by: plant.tess)
        plant.tick(); _ = try plant.records.reviewWorkOrder(job.id, reason: "Records complete", by: plant.sam)
        plant.tick()
        let closed = try plant.records.closeWorkOrder(job.id, reason: "Released", by: plant.quinn)
        #expect(closed.status == .closed && closed.steps.allSatisfy { $0.signedBy == "tess" })
        #expect(closed.steps[2].note == "2.1 bar")
        let report = plant.records.ledger.verify(replay: RecordsReplay(checklist: { Checklist.steps(in: $0).map(\.text) }))
        #expect(report.ok, "\(report.failures)")
        #expect(try Git.fsck(plant.repo.path).status == 0)
        let problems = try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners())
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Runs `body`, expects a refusal, and checks that main did not move.
    static func refused(_ plant: Plant, _ what: Comment, _ body: () throws -> Void) throws {
        let before = try plant.repo.head()
        plant.tick()
        #expect(throws: DocumentsError.self, what) { try body() }
        #expect(try plant.repo.head() == before, what)
    }

    @Test("SOP refusals leave main unchanged")
    func sopRefusals() throws {
        let plant = try Plant()
        plant.tick()
        let sop = try plant.records.createSOP(title: "Cycle check", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora)
        try Self.refused(plant, "approval before submission") { _ = try plant.records.approveSOP(sop.id, effective: nil, reason: "x", by: plant.quinn) }
        plant.tick(); _ = try plant.records.submitSOP(sop.id, reason: "Ready", by: plant.dora)
        try Self.refused(plant, "self-review") { _ = try plant.records.reviewSOP(sop.id, reason: "x", by: plant.dora) }
        try Self.refused(plant, "approval without review") { _ = try plant.records.approveSOP(sop.id, effective: nil, reason: "x", by: plant.quinn) }
        try Self.refused(plant, "a technician reviewing") { _ = try plant.records.reviewSOP(sop.id, reason: "x", by: plant.tess) }
        plant.tick(); _ = try plant.records.reviewSOP(sop.id, reason: "Checked", by: plant.quentin)
        try Self.refused(plant, "approval by the reviewer") { _ = try plant.records.approveSOP(sop.id, effective: nil, reason: "x", by: plant.quentin) }
        try Self.refused(plant, "a technician approving") { _ = try plant.records.approveSOP(sop.id, effective: nil, reason: "x", by: plant.tess) }
        try Self.refused(plant, "document control approving") { _ = try plant.records.approveSOP(sop.id, effective: nil, reason: "x", by: plant.dan) }
        try Self.refused(plant, "a backdated approval") { _ = try plant.records.approveSOP(sop.id, effective: "2020-01-01", reason: "x", by: plant.quinn) }
        try Self.refused(plant, "an edit while in review") { _ = try plant.records.reviseSOP(sop.id, body: Data("x\n".utf8), reason: "x", by: plant.dora) }
        try Self.refused(plant, "retiring by document control") { _ = try plant.records.retireSOP(sop.id, reason: "x", by: plant.dora) }
        try Self.refused(plant, "an empty reason") { _ = try plant.records.approveSOP(sop.id, effective: nil, reason: " ", by: plant.quinn) }
        try Self.refused(plant, "a title with a newline") { _ = try plant.records.createSOP(title: "a\nb", body: Data("x\n".utf8), reason: "x", by: plant.dora) }
        try Self.refused(plant, "a body that is not text") { _ = try plant.records.createSOP(title: "Bin", body: Data([0, 1, 2]), reason: "x", by: plant.dora) }
        try Self.refused(plant, "a hostile SOP ID") { _ = try plant.records.reviewSOP("../x", reason: "x", by: plant.quinn) }
        // Self-approval: the author may never approve, even with the QA role.
        let both = try plant.repo.addUser("bea", roles: [.documentControl, .qa])
        plant.tick()
        let own = try plant.records.createSOP(title: "Own", body: Data(Plant.checklist.utf8), reason: "New", by: both)
        plant.tick(); _ = try plant.records.submitSOP(own.id, reason: "Ready", by: both)
        plant.tick(); _ = try plant.records.reviewSOP(own.id, reason: "Checked", by: plant.dan)
        try Self.refused(plant, "self-approval") { _ = try plant.records.approveSOP(own.id, effective: nil, reason: "x", by: both) }
    }

    @Test("job refusals leave main unchanged")
    func jobRefusals() throws {
        let plant = try Plant()
        plant.tick()
        let draft = try plant.records.createSOP(title: "Draft only", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora)
        let onDraft = try plant.job(draft.id)
        try Self.refused(plant, "a job on a draft-only SOP") { _ = try plant.records.startWorkOrder(onDraft.id, reason: nil, by: plant.tess) }
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        try Self.refused(plant, "starting by someone else") { _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tom) }
        try Self.refused(plant, "a step before the start") { _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tess) }
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        try Self.refused(plant, "a step out of order") { _ = try plant.records.signStep(job.id, number: 2, note: nil, by: plant.tess) }
        try Self.refused(plant, "a step by someone else") { _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tom) }
        try Self.refused(plant, "a step by the supervisor") { _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.sam) }
        plant.tick(); _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tess)
        try Self.refused(plant, "a step signed twice") { _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tess) }
        try Self.refused(plant, "completion with unsigned steps") { _ = try plant.records.completeWorkOrder(job.id, reason: "x", by: plant.tess) }
        for number in 2...3 { plant.tick(); _ = try plant.records.signStep(job.id, number: number, note: nil, by: plant.tess) }
        plant.tick(); _ = try plant.records.completeWorkOrder(job.id, reason: "Done", by: plant.tess)
        try Self.refused(plant, "closing before review") { _ = try plant.records.closeWorkOrder(job.id, reason: "x", by: plant.quinn) }
        try Self.refused(plant, "review by a technician") { _ = try plant.records.reviewWorkOrder(job.id, reason: "x", by: plant.tom) }
        plant.tick(); _ = try plant.records.reviewWorkOrder(job.id, reason: "OK", by: plant.sam)
        // A technician who also holds QA still may not close their own job.
        let dual = try plant.repo.addUser("tina", roles: [.technician, .qa])
        let own = try plant.job(sop.id)
        plant.tick()
        let tinas = try plant.records.createWorkOrder(sop: sop.id, equipment: "AC-101", title: "Tina's job", assignee: "tina",
                                                      reason: "PM", by: plant.sam)
        plant.tick(); _ = try plant.records.startWorkOrder(tinas.id, reason: nil, by: dual)
        for number in 1...3 { plant.tick(); _ = try plant.records.signStep(tinas.id, number: number, note: nil, by: dual) }
        plant.tick(); _ = try plant.records.completeWorkOrder(tinas.id, reason: "Done", by: dual)
        plant.tick(); _ = try plant.records.reviewWorkOrder(tinas.id, reason: "OK", by: plant.sam)
        try Self.refused(plant, "closing by the technician who did the work") { _ = try plant.records.closeWorkOrder(tinas.id, reason: "x", by: dual) }
        try Self.refused(plant, "a job on unknown equipment") {
            _ = try plant.records.createWorkOrder(sop: sop.id, equipment: "AC-999", title: "x", assignee: nil, reason: "x", by: plant.sam)
        }
        try Self.refused(plant, "a job assigned to someone who is not a technician") {
            _ = try plant.records.createWorkOrder(sop: sop.id, equipment: "AC-101", title: "x", assignee: "quinn", reason: "x", by: plant.sam)
        }
        try Self.refused(plant, "a title over 200 characters (schema)") {
            do {
                _ = try plant.records.createWorkOrder(sop: sop.id, equipment: "AC-101", title: String(repeating: "x", count: 201),
                                                      assignee: nil, reason: "x", by: plant.sam)
            } catch {
                #expect("\(error)".contains("title"), "the error names the field: \(error)")
                throw error
            }
        }
        plant.tick(); _ = try plant.records.retireSOP(sop.id, reason: "Obsolete", by: plant.quinn)
        try Self.refused(plant, "a job on a retired SOP") { _ = try plant.records.startWorkOrder(own.id, reason: nil, by: plant.tess) }
        let report = plant.records.ledger.verify(replay: RecordsReplay(checklist: { Checklist.steps(in: $0).map(\.text) }))
        #expect(report.ok, "\(report.failures)")
    }
}

@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// A job step signed with a deviation opens a deviation record in the same act, linked both ways;
/// steps signed so by earlier releases, which opened none, still verify.
@Suite struct DeviationStepTests {
    /// A started job on AC-101 assigned to tess.
    static func startedJob() throws -> (Plant, WorkOrder) {
        let (plant, job) = try EventReplayTests.plantWithJob()
        plant.tick()
        return (plant, try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess))
    }

    @Test("a step signed with a deviation opens DEV-000001 in the same act: the step names it, it names the job, the step, the equipment and the SOP")
    func linkedBothWays() throws {
        let (plant, job) = try Self.startedJob()
        plant.tick()
        let order = try plant.records.signStep(job.id, .init(number: 1, deviation: "Seal checked by eye, the gauge was missing",
                                                             deviationClass: .major), by: plant.tess)
        #expect(order.steps[0].deviationID == "DEV-000001" && order.steps[0].deviationClass == .major)
        let deviation = try #require(try plant.records.record(Deviation.self, kind: .deviation, id: "DEV-000001"))
        #expect(deviation.workOrder == job.id && deviation.step == 1 && deviation.equipment == "AC-101" && deviation.sop == job.sop)
        #expect(deviation.classification == .major && deviation.openedBy == "tess" && deviation.status == .open)
        #expect(deviation.description == "Seal checked by eye, the gauge was missing" && deviation.closeWithinDays == 30)
        let head = try #require(try plant.repo.head())
        #expect(try plant.records.ledger.changedFiles(of: head).map(\.path).sorted()
                == [try RecordID.path(kind: .deviation, id: "DEV-000001"), try RecordID.path(kind: .workOrder, id: job.id)].sorted())
        #expect(try plant.records.ledger.act(head).event == "wo.step")
        // The rest of the job, then the deviation's own lifecycle, all verify.
        plant.tick(); _ = try plant.records.signStep(job.id, .init(number: 2), by: plant.tess)
        plant.tick(); let second = try plant.records.signStep(job.id, .init(number: 3, deviation: "Read on the spare gauge"), by: plant.tess)
        #expect(second.steps[2].deviationID == "DEV-000002" && second.steps[2].deviationClass == .minor)
        for event in [Deviation.Event.investigate, .assess, .approve, .close] { _ = try DeviationTests.perform(event, "DEV-000001", plant) }
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
        #expect(try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners()).isEmpty)
    }

    @Test("a step with a deviation signed as an earlier release did, with no deviation record, still verifies")
    func earlierReleaseStep() throws {
        let (plant, job) = try Self.startedJob()
        var signed = try job.applying(.signStep(number: 1, by: "tess", note: nil, at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        signed.steps[0].deviation = "Seal checked by eye"
        let commit = try EventReplayTests.forge(plant, signed, event: "wo.step", meaning: .execution, by: plant.tess)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(commit.hex): \(report.failures)")
        #expect(try plant.records.deviations().isEmpty)
    }

    @Test("a step that names a deviation record but does not write it fails verify by the other-records rule")
    func stepWithoutItsDeviation() throws {
        let (plant, job) = try Self.startedJob()
        var signed = try job.applying(.signStep(number: 1, by: "tess", note: nil, at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        signed.steps[0].deviation = "Seal checked by eye"
        signed.steps[0].deviationID = "DEV-000001"
        signed.steps[0].deviationClass = .minor
        let commit = try EventReplayTests.forge(plant, signed, event: "wo.step", meaning: .execution, by: plant.tess)
        EventReplayTests.expectRefused(plant, commit, by: .companions)
    }

    @Test("a technician whom the policy does not let open deviations cannot sign a step with one; main is unchanged")
    func openerNeedsPermission() throws {
        let (plant, job) = try Self.startedJob()
        plant.tick()
        let admin = try plant.repo.admin()
        _ = try plant.records.proposePolicyChange(.init(grant: [], revoke: [.init(permission: .devOpen, role: .technician)], set: []),
                                                  reason: "Only supervisors open deviations", by: admin)
        plant.tick()
        _ = try plant.records.approvePolicyChange(reason: "Agreed", by: plant.quinn)
        let head = try plant.repo.head()
        plant.tick()
        #expect {
            _ = try plant.records.signStep(job.id, .init(number: 1, deviation: "By eye"), by: plant.tess)
        } throws: { error in
            guard case DocumentsError.notPermitted(let user, let action, _) = error else { return false }
            return user == "tess" && action == "open deviations"
        }
        #expect(try plant.repo.head() == head)
        plant.tick()
        #expect(try plant.records.signStep(job.id, .init(number: 1, note: "Seal fine"), by: plant.tess).steps[0].deviationID == nil)
    }
}

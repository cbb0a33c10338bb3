import Documents
import Foundation
import RecordRepo
import Testing

/// Whatever the services accept, verify accepts: random sequences of permitted and refused
/// requests by random people, with verify after each.
@Suite struct RandomSequenceTests {
    /// A small, seeded generator (SplitMix64), so that a failing sequence can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("random requests: each accepted act verifies, each refused one leaves main where it was", arguments: [1, 2, 3] as [UInt64])
    func randomRequests(seed: UInt64) throws {
        let plant = try Plant()
        var random = Seeded(state: seed)
        let people = [plant.dora, plant.dan, plant.quinn, plant.quentin, plant.sam, plant.tess, plant.tom, try plant.repo.admin()]
        let bodies = [Plant.checklist, Plant.checklist + "\n- [ ] Sign the log\n", "# Short\n\n- [ ] One step\n"]
        var sops: [String] = [], jobs: [String] = []
        var accepted = 0, refused = 0
        let admin = try plant.repo.admin()
        // Who usually asks for each request (the rest of the time anyone does, to be refused).
        let usual: [[Session]] = [
            [plant.dora, plant.dan], [plant.dora, plant.dan], [plant.dora, plant.dan], [plant.dora, plant.dan], [plant.dan, plant.dora],
            [plant.dan, plant.quinn], [plant.quinn, plant.quentin], [plant.quinn], [plant.sam], [plant.sam], [plant.tess, plant.tom],
            [plant.tess, plant.tom], [plant.tess], [plant.tess], [plant.sam], [plant.quinn, plant.quentin], [plant.sam], [admin],
            [plant.quinn, plant.quentin],
        ]
        for step in 0..<120 {
            plant.tick(Double(Int.random(in: 30...40_000, using: &random)))
            let choice = Int.random(in: 0..<19, using: &random)
            let anyone = Int.random(in: 0..<5, using: &random) == 0
            let who = (anyone ? people : usual[choice]).randomElement(using: &random) ?? plant.dora
            let sop = sops.randomElement(using: &random) ?? "SOP-0001"
            let job = jobs.randomElement(using: &random) ?? "WO-000001"
            let body = Data((bodies.randomElement(using: &random) ?? Plant.checklist).utf8)
            let head = try plant.repo.head()
            let later: String? = Bool.random(using: &random) ? nil : Day(of: plant.repo.clock.now.addingTimeInterval(86_400),
                                                                           in: TimeZone(secondsFromGMT: 0) ?? .current).text
            let interval = Int.random(in: 7...60, using: &random)
            let coin = Bool.random(using: &random)
            let next = (try? plant.records.workOrder(job).nextStep?.number) ?? nil
            let number = Int.random(in: 0..<4, using: &random) == 0 ? Int.random(in: 1...3, using: &random) : (next ?? 1)
            do {
                switch choice {
                case 0, 1: sops.append(try plant.records.createSOP(title: "SOP \(step)", body: body, reason: "New", by: who).id)
                case 2: _ = try plant.records.reviseSOP(sop, body: body, reason: "Revised", by: who)
                case 3: _ = try plant.records.submitSOP(sop, reason: "Ready", by: who)
                case 4: _ = try plant.records.reviewSOP(sop, reason: "Checked", by: who)
                case 5: _ = try plant.records.rejectSOP(sop, reason: "Not yet", by: who)
                case 6: _ = try plant.records.approveSOP(sop, effective: later, reason: "Approved", by: who)
                case 7: _ = try plant.records.retireSOP(sop, reason: "Withdrawn", by: who)
                case 8, 9:
                    jobs.append(try plant.records.createWorkOrder(sop: sop, equipment: "AC-101", title: "Job \(step)",
                                                                  assignee: coin ? "tess" : nil, reason: "Planned", by: who).id)
                case 10: _ = try plant.records.startWorkOrder(job, reason: nil, by: who)
                case 11, 12: _ = try plant.records.signStep(job, number: number, note: "ok", by: who)
                case 13: _ = try plant.records.completeWorkOrder(job, reason: "Done", by: who)
                case 14: _ = try plant.records.reviewWorkOrder(job, reason: "Fine", by: who)
                case 15: _ = try plant.records.closeWorkOrder(job, reason: "Closed", by: who)
                case 16: _ = try plant.records.cancelWorkOrder(job, reason: "Not needed", by: who)
                case 17:
                    _ = try plant.records.proposePolicyChange(
                        PolicyKind.Proposal(grant: [], revoke: [], set: [.init(key: .auditReviewIntervalDays, value: interval)]),
                        reason: "Review cadence", by: who)
                default:
                    if coin { _ = try plant.records.approvePolicyChange(reason: "Agreed", by: who) } else {
                        _ = try plant.records.reviewAuditTrail(reason: "Spot check", by: who)
                    }
                }
                accepted += 1
            } catch {
                refused += 1
                if ProcessInfo.processInfo.environment["RANDOM_SEQUENCE_DEBUG"] != nil { print("step \(step) choice \(choice): \(error)") }
                let now = try plant.repo.head()
                #expect(now == head, "step \(step): a refused request (\(error)) moved main")
            }
            let report = ReplayTests.verify(plant)
            #expect(report.ok, "seed \(seed), step \(step): \(report.failures)")
            if !report.ok { return }
        }
        #expect(accepted > 30 && refused > 10, "accepted \(accepted), refused \(refused)")
    }
}

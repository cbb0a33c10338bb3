import Documents
import Foundation
import RecordIndex
import RecordRepo
import Testing

/// The index is a projection of git: kept up to date act by act, rebuilt, deleted or overtaken by a
/// rewritten history, it always gives the answers a rebuild from git gives.
@Suite struct IndexRebuildTests {
    /// Everything the index answers about a plant, for comparing two indexes.
    struct Answers: Equatable {
        let acts: [IndexedAct]
        let history: [[HistoryRow]]
        let revisions: [[IndexedAct]]
        let records: [IndexedRecord]
        let count: Int
        let digest: String

        init(_ index: RecordIndex, records ids: [String]) throws {
            acts = try index.audit(AuditFilter())
            history = try ids.map(index.history(of:))
            revisions = try ids.map(index.revisions(of:))
            records = try index.currentRecords()
            count = try index.actCount(after: nil)
            digest = try index.contentDigest()
        }
    }

    static func removeIndex(_ plant: Plant) throws {
        for suffix in ["", "-wal", "-shm"] {
            let file = plant.records.ledger.sidecar.appendingPathComponent("index.sqlite" + suffix).path
            if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
        }
    }

    @Test("an index updated after every act equals one rebuilt at once, digest for digest")
    func incrementalEqualsRebuilt() throws {
        let plant = try Plant()
        let index = try RecordIndex.open(for: plant.records)
        #expect(try index.update().rebuilt)
        let records = plant.records
        let steps: [() throws -> Void] = [
            { _ = try records.createSOP(title: "Cycle check", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora) },
            { _ = try records.submitSOP("SOP-0001", reason: "Ready", by: plant.dora) },
            { _ = try records.reviewSOP("SOP-0001", reason: "Checked", by: plant.dan) },
            { _ = try records.approveSOP("SOP-0001", effective: nil, reason: "Approved", by: plant.quinn) },
            { _ = try records.addEquipment("PUMP-201", name: "Pump", location: nil, department: "Utilities", reason: "New", by: plant.sam) },
            { _ = try plant.job("SOP-0001") },
            { _ = try records.startWorkOrder("WO-000001", reason: nil, by: plant.tess) },
            { _ = try records.signStep("WO-000001", number: 1, note: "ok", by: plant.tess) },
            { _ = try records.reviseSOP("SOP-0001", body: Data((Plant.checklist + "- [ ] Sign\n").utf8), reason: "More", by: plant.dora) },
        ]
        var digests: [String] = [try index.contentDigest()]
        for step in steps {
            plant.tick()
            try step()
            let head = try IndexTests.head(plant)
            #expect(try index.update() == IndexUpdate(indexed: 1, rebuilt: false, warning: nil, head: head))
            digests.append(try index.contentDigest())
        }
        #expect(Set(digests).count == digests.count, "every act changes the digest")
        #expect(try index.update().indexed == 0)
        #expect(try index.check() == [])
        let incremental = try Answers(index, records: ["SOP-0001", "WO-000001", "PUMP-201", "tess"])
        try index.rebuild()
        #expect(try Answers(index, records: ["SOP-0001", "WO-000001", "PUMP-201", "tess"]) == incremental)

        // An index that has not followed main differs from a rebuild by the acts it lacks.
        plant.tick()
        _ = try records.signStep("WO-000001", number: 2, note: nil, by: plant.tess)
        let differences = try index.check()
        #expect(differences.contains { $0.hasPrefix("acts (seq \(incremental.count + 1)): missing from the index") }, "\(differences)")
        #expect(differences.contains { $0.hasPrefix("meta (id 1): ") && $0.contains("act_count") }, "\(differences)")
        try index.update()
        #expect(try index.check() == [])
    }

    @Test("deleting or damaging the index file changes no answer: the next update rebuilds it")
    func deletedIndex() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try IndexTests.wholeJob(plant, sop: sop.id)
        let ids = [sop.id, job.id, "AC-101", "tess", "policy"]
        let before: Answers
        do {
            let index = try RecordIndex.open(for: plant.records)
            try index.update()
            before = try Answers(index, records: ids)
        }
        #expect(before.history.allSatisfy { !$0.isEmpty } && before.count > 20)
        try Self.removeIndex(plant)
        do {
            let index = try RecordIndex.open(for: plant.records)
            #expect(try index.actCount(after: nil) == 0)
            let update = try index.update()
            #expect(update.rebuilt && update.warning == nil && update.indexed == before.count)
            #expect(try Answers(index, records: ids) == before)
        }
        try Self.removeIndex(plant)
        try Data("this is not a database, just bytes\n".utf8)
            .write(to: plant.records.ledger.sidecar.appendingPathComponent("index.sqlite"))
        let index = try RecordIndex.open(for: plant.records)
        try index.update()
        #expect(try Answers(index, records: ids) == before)
    }

    @Test("a rewritten or rolled-back history is detected, and the index rebuilt to match a fresh one")
    func rewrittenHistory() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        let created = try IndexTests.head(plant)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        plant.tick(); _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tess)
        let signed = try IndexTests.head(plant)
        let answers: Answers
        do {
            let index = try RecordIndex.open(for: plant.records)
            try index.update()
            #expect(try index.revisions(of: job.id).count == 3)

            // Rewrite: main back to the creation, then new acts on top.
            try Git.run(["update-ref", "refs/heads/main", created], in: plant.repo.path)
            plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: "Started again", by: plant.tess)
            let restarted = try IndexTests.head(plant)
            let update = try index.update()
            let commits = try plant.records.ledger.commits().count
            #expect(update.rebuilt && update.indexed == commits)
            #expect(update.warning?.contains("rewritten") == true, "\(update.warning ?? "no warning")")
            #expect(update.warning?.contains(String(signed.prefix(12))) == true)
            #expect(try index.revisions(of: job.id).map(\.commit) == [created, restarted])
            #expect(try !index.history(of: job.id).contains { $0.field.hasSuffix(".signedBy") })
            #expect(try index.history(of: job.id).contains { $0.reason == "Started again" && $0.field == "status" })
            #expect(try index.check() == [])
            #expect(try index.update() == IndexUpdate(indexed: 0, rebuilt: false, warning: nil, head: restarted))
            answers = try Answers(index, records: [sop.id, job.id])
        }
        try Self.removeIndex(plant)
        let fresh = try RecordIndex.open(for: plant.records)
        try fresh.update()
        #expect(try Answers(fresh, records: [sop.id, job.id]) == answers)

        // Roll back without new acts: also a rewrite.
        try Git.run(["update-ref", "refs/heads/main", created], in: plant.repo.path)
        let rolledBack = try fresh.update()
        #expect(rolledBack.rebuilt && rolledBack.warning != nil && rolledBack.head == created)
        #expect(try fresh.actCount(after: nil) == plant.records.ledger.commits().count)
        #expect(try fresh.revisions(of: job.id).map(\.commit) == [created])
    }

    @Test("two handles on one index file: each act is indexed once, by whichever updates first")
    func twoHandles() throws {
        let plant = try Plant()
        let first = try RecordIndex.open(for: plant.records), second = try RecordIndex.open(for: plant.records)
        let total = try plant.records.ledger.commits().count
        #expect(try first.update().indexed == total)
        #expect(try second.update().indexed == 0)
        plant.tick()
        _ = try plant.records.addEquipment("PUMP-201", name: "Pump", location: nil, department: "Utilities", reason: "New", by: plant.sam)
        #expect(try second.update().indexed == 1)
        #expect(try first.update().indexed == 0)
        #expect(try first.audit(AuditFilter(equipment: "PUMP-201")).count == 1)
        #expect(try first.contentDigest() == second.contentDigest())
        #expect(try first.actCount(after: nil) == total + 1)
    }
}

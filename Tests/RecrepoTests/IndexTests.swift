import Documents
import Foundation
import RecordIndex
import RecordRepo
import Testing

@Suite struct IndexTests {
    /// The head after the last act, as hex.
    static func head(_ plant: Plant) throws -> String { try #require(try plant.repo.head()).hex }

    /// A job on AC-101 taken from creation to close; returns it with the commit of each act.
    static func wholeJob(_ plant: Plant, sop: String) throws -> (id: String, commits: [String]) {
        let job = try plant.job(sop)
        var commits = [try head(plant)]
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        commits.append(try head(plant))
        for number in 1...3 {
            plant.tick(); _ = try plant.records.signStep(job.id, number: number, note: nil, by: plant.tess)
            commits.append(try head(plant))
        }
        plant.tick(); _ = try plant.records.completeWorkOrder(job.id, reason: "All steps done", by: plant.tess)
        commits.append(try head(plant))
        plant.tick(); _ = try plant.records.reviewWorkOrder(job.id, reason: "Records complete", by: plant.sam)
        commits.append(try head(plant))
        plant.tick(); _ = try plant.records.closeWorkOrder(job.id, reason: "Released", by: plant.quinn)
        commits.append(try head(plant))
        return (job.id, commits)
    }

    @Test("a work order's history lists every field change with its old and new value, signer and meaning")
    func workOrderHistory() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try Self.wholeJob(plant, sop: sop.id)
        let index = try RecordIndex.open(for: plant.records)
        #expect(try index.update().indexed == plant.records.ledger.commits().count)

        let acts = try index.revisions(of: job.id)
        #expect(acts.map(\.commit) == job.commits)
        #expect(acts.map(\.revision) == Array(1...8).map(Optional.some))
        #expect(acts.allSatisfy { $0.kind == "wo" && $0.equipment == "AC-101" && $0.department == "Sterile" })

        let history = try index.history(of: job.id)
        #expect(Set(history.map(\.commit)) == Set(job.commits))
        let creation = history.filter { $0.commit == job.commits[0] }
        #expect(creation.allSatisfy { $0.old == nil && $0.signer == "sam" && $0.meaning == .authorship })
        #expect(creation.contains { $0.field == "status" && $0.new == .string("open") })
        #expect(creation.contains { $0.field == "steps" && $0.new == .array([]) })

        let status = history.filter { $0.field == "status" }
        #expect(status.map(\.old) == [nil, "open", "in-progress", "completed", "reviewed"].map { $0.map(JSONValue.string) })
        #expect(status.map(\.new) == ["open", "in-progress", "completed", "reviewed", "closed"].map(JSONValue.string))
        #expect(status.map(\.signer) == ["sam", "tess", "tess", "sam", "quinn"])
        #expect(status.map(\.meaning) == [.authorship, .execution, .completion, .review, .approval])
        #expect(status[1].name == "User tess" && status[1].reason == "Started the job" && status[1].revision == 2)

        let signed = try #require(history.first { $0.field == "steps[0].signedBy" })
        #expect(signed.old == nil && signed.new == .string("tess") && signed.signer == "tess" && signed.meaning == .execution)
        #expect(signed.commit == job.commits[2])
        #expect(history.contains { $0.field == "steps[2].text" && $0.old == nil && $0.new == .string("Record the chamber pressure") })
        #expect(history.contains { $0.field == "boundSOP.revision" && $0.new == .integer(1) && $0.commit == job.commits[1] })

        // Every row agrees with the record as decoded from git before and after its act.
        for row in history where row.field.hasPrefix("steps[") && row.field.hasSuffix("].signedBy") {
            let number = Int(row.field.dropFirst(6).prefix { $0 != "]" }) ?? -1
            let commit = try #require(ObjectID(hex: row.commit))
            let after = try plant.records.workOrder(job.id, at: commit)
            let parent = try #require(try plant.records.ledger.act(commit).parent)
            let before = try plant.records.workOrder(job.id, at: parent)
            #expect(row.new == after.steps[number].signedBy.map(JSONValue.string))
            #expect(row.old == (before.steps.indices.contains(number) ? before.steps[number].signedBy.map(JSONValue.string) : nil))
        }

        // The JSON shape of `recrepo history`: creation shows "old": null.
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(creation)) as? [[String: Any]])
        #expect(json.allSatisfy { $0["old"] is NSNull && Set($0.keys) == ["commit", "time", "signer", "name", "meaning", "reason", "revision", "field", "old", "new"] })
    }

    @Test("an SOP's history shows its revisions' fields and each hunk of its body; records hold git's blobs")
    func sopHistory() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        plant.tick()
        let revised = Plant.checklist.replacingOccurrences(of: "Check the door seal", with: "Check and clean the door seal")
        _ = try plant.records.reviseSOP(sop.id, body: Data(revised.utf8), reason: "Clean the seal too", by: plant.dora)
        let index = try RecordIndex.open(for: plant.records)
        try index.update()

        let history = try index.history(of: sop.id)
        let review = try #require(history.first { $0.field == "revisions[0].reviewer" })
        #expect(review.old == nil && review.new == .string("dan") && review.signer == "dan" && review.meaning == .review)
        #expect(history.contains { $0.field == "revisions[0].status" && $0.old == .string("draft") && $0.new == .string("in-review") })
        let bodies = history.filter { $0.field == "body" }
        #expect(bodies.count == 2)
        #expect(bodies.first?.old == nil && bodies.first?.new == .string(String(Plant.checklist.dropLast())))
        #expect(bodies.last?.old == .string("- [ ] Check the door seal")
                && bodies.last?.new == .string("- [ ] Check and clean the door seal") && bodies.last?.signer == "dora")

        let record = try #require(try index.currentRecords(kind: "sop").first)
        let path = try RecordID.path(kind: .sop, id: sop.id)
        #expect(record.id == sop.id && record.path == path && record.status == "draft")
        let blobs = try Git.run(["rev-parse", "main:\(path)", "main:\(try RecordID.sopBodyPath(id: sop.id))"], in: plant.repo.path)
        #expect(blobs.stdout.split(separator: "\n").map(String.init) == [record.blob, record.bodyBlob ?? "none"])
        #expect(record.commit == (try Self.head(plant)))
        let accounts = try index.currentRecords(kind: "account").map(\.id)
        #expect(accounts == ["alice", "dan", "dora", "quentin", "quinn", "sam", "system", "tess", "tom"])
    }
}

import Documents
import Foundation
@testable import RecordRepo
import SOPRender
import Testing

@Suite struct DocumentControlTests {
    @Test("each corpus SOP goes draft -> effective, comes back byte-identical, renders tables and its notice")
    func corpusLifecycle() throws {
        let plant = try Plant()
        for name in Corpus.names {
            let bytes = try Data(contentsOf: Corpus.directory.appendingPathComponent(name))
            plant.tick()
            let sop = try plant.records.createSOP(title: name, body: bytes, reason: "Adopt template", by: plant.dora)
            #expect(try plant.records.sopRevision(sop.id, number: 1).status == .draft)
            try plant.approve(sop.id)
            let view = try plant.records.sopRevision(sop.id)
            #expect(view.status == .effective)
            #expect(view.body == bytes, "\(name) is stored byte for byte")
            #expect(view.signatures.map(\.meaning) == ["authorship", "authorship", "review", "approval"])
            let html = SOPRenderer.html(SOPPage(id: sop.id, title: sop.title, revision: 1, status: view.status.rawValue,
                                                effectiveDate: view.revision.effectiveDate,
                                                markdown: String(decoding: view.body, as: UTF8.self), signatures: []))
            #expect(html.contains("<table"), "\(name) keeps its tables")
            for notice in Corpus.noticeHTML { #expect(html.contains(notice), "\(name) keeps its copyright notice") }
        }
        #expect(try Git.fsck(plant.repo.path).status == 0)
        let problems = try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners())
        #expect(problems.isEmpty, "\(problems)")
        let report = plant.records.ledger.verify(replay: RecordsReplay(checklist: { Checklist.steps(in: $0).map(\.text) }))
        #expect(report.ok, "\(report.failures)")
    }

    @Test("revision 2 drafted, reviewed and approved: each revision keeps its text; jobs bind the one effective at start")
    func revisionHistory() throws {
        let plant = try Plant()
        let first = Plant.checklist
        let second = first.replacingOccurrences(of: "- [ ] Run a Bowie-Dick test\n", with: "- [ ] Run a Bowie-Dick test\n- [ ] Check the drain strainer\n")
            .replacingOccurrences(of: "121 °C", with: "134 °C")
        let sop = try plant.effectiveSOP(first)
        plant.tick()
        _ = try plant.records.reviseSOP(sop.id, body: Data(second.utf8), reason: "Higher temperature cycle", by: plant.dora)
        let early = try plant.job(sop.id)
        plant.tick()
        _ = try plant.records.startWorkOrder(early.id, reason: nil, by: plant.tess)
        try plant.approve(sop.id)
        let late = try plant.job(sop.id)
        plant.tick()
        let started = try plant.records.startWorkOrder(late.id, reason: nil, by: plant.tess)

        #expect(try plant.records.sopRevision(sop.id, number: 1).body == Data(first.utf8))
        #expect(try plant.records.sopRevision(sop.id, number: 2).body == Data(second.utf8))
        #expect(try plant.records.sopRevision(sop.id, number: 1).status == .superseded)
        #expect(try plant.records.sopRevision(sop.id).revision.number == 2)
        #expect(try plant.records.workOrderSOP(early.id).body == Data(first.utf8))
        #expect(try plant.records.workOrderSOP(late.id).body == Data(second.utf8))
        #expect(started.steps.map(\.text) == ["Check the door seal", "Run a Bowie-Dick test", "Check the drain strainer",
                                              "Record the chamber pressure"])

        // The bound revision is byte-identical to the blob its approval signature covers.
        let bound = try #require(try plant.records.workOrder(early.id).boundSOP)
        let path = try RecordID.sopBodyPath(id: sop.id)
        let blob = try Git.run(["show", "\(bound.commit):\(path)"], in: plant.repo.path).stdout
        #expect(Data(blob.utf8) == Data(first.utf8))
        let approval = try plant.records.ledger.act(try #require(ObjectID(hex: bound.commit)))
        #expect(approval.meaning == .approval && approval.revision == 1)

        // sop diff shows exactly the lines git log -p shows for the markdown file.
        let diff = LineDiff(from: first, to: second)
        #expect(diff.changes == ["-| Temperature | 121 °C |", "+| Temperature | 134 °C |", "+- [ ] Check the drain strainer"])
        let log = try Git.run(["log", "-p", "--format=", "--", path], in: plant.repo.path).stdout
        let gitChanges = log.split(separator: "\n").map(String.init)
            .filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
        let creation = first.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "+" + $0 }
        #expect(gitChanges == diff.changes + creation, "git log -p lists revision 2's change, then revision 1's creation")

        let report = plant.records.ledger.verify(replay: RecordsReplay(checklist: { Checklist.steps(in: $0).map(\.text) }))
        #expect(report.ok, "\(report.failures)")
        let problems = try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners())
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("approval with a future effective date keeps the previous revision effective until that day")
    func futureEffective() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        plant.tick()
        _ = try plant.records.reviseSOP(sop.id, body: Data((Plant.checklist + "- [ ] Sign the log book\n").utf8),
                                         reason: "Add log book", by: plant.dora)
        try plant.approve(sop.id, effective: "2025-11-27")
        #expect(try plant.records.sopRevision(sop.id).revision.number == 1)
        #expect(try plant.records.sopRevision(sop.id, number: 2).status == .approved)
        plant.tick(3 * 86_400)
        #expect(try plant.records.sopRevision(sop.id).revision.number == 2)
        #expect(try plant.records.sopRevision(sop.id, number: 1).status == .superseded)
        let job = try plant.job(sop.id)
        plant.tick()
        #expect(try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess).boundSOP?.revision == 2)
        let report = plant.records.ledger.verify(replay: RecordsReplay(checklist: { Checklist.steps(in: $0).map(\.text) }))
        #expect(report.ok, "\(report.failures)")
    }
}

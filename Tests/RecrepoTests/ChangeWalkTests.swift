import Documents
import Foundation
@testable import RecordRepo
import SOPRender
import Testing

/// Verify's object walk finds each act's changed files while it checks objects; the replay then
/// reads no tree. It must find exactly what the side-by-side tree walk finds.
@Suite struct ChangeWalkTests {
    @Test("the object walk's changed files are the tree walk's, act by act, and it reaches every object")
    func sameChanges() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        plant.tick(); _ = try plant.records.signStep(job.id, number: 1, note: "Seal replaced", by: plant.tess)
        plant.tick(); _ = try plant.records.reviseSOP(sop.id, body: Data((Plant.checklist + "- [ ] Log the result\n").utf8),
                                                       reason: "Add logging", by: plant.dora)
        let repo = plant.records.ledger.repo
        var walk = ObjectWalk(repo: repo)
        var report = VerificationReport()
        var parentTree: ObjectID?
        let commits = try plant.records.ledger.commits()
        for commit in commits {
            let tree = try repo.commit(commit).tree
            let found = walk.walkChanges(from: parentTree, to: tree, commit: commit, report: &report)
            #expect(found == (try repo.changedFiles(from: parentTree, to: tree)), "\(commit.hex)")
            parentTree = tree
        }
        #expect(report.ok, "\(report.failures)")
        let reachable = try Git.run(["rev-list", "--objects", "main"], in: plant.repo.path).stdout.split(separator: "\n").count
        #expect(walk.seen.count + commits.count == reachable)
    }

    @Test("tree entries sort as git sorts them: a subtree's name as if it ended in '/'")
    func gitOrder() throws {
        var data = Data()
        for (mode, name) in [("100644", "a0"), ("40000", "a"), ("100644", "a.b"), ("40000", "a-b"), ("100644", "a")] {
            data.append(Data("\(mode) \(name)\0".utf8))
            data.append(Data(repeating: 1, count: 20))
        }
        let tree = try RawTree(data, id: .zero)
        let sorted = tree.entries.sorted { RawTree.order(tree, $0, tree, $1) < 0 }.map { tree.file($0) }
        #expect(sorted.map(\.name) == ["a", "a-b", "a.b", "a", "a0"])
        #expect(sorted.map(\.isTree) == [false, true, false, true, false], "a file and a folder of one name differ")
    }
}

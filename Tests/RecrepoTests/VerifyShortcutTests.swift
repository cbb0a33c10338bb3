import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Two shortcuts of verify: the replay's memo of path lookups, and the unhashed reads of a copy
/// just indexed. Each must give exactly what the plain lookup or read it stands in for gives.
@Suite struct VerifyShortcutTests {
    @Test("a path remembered along the history names what a fresh lookup names, in every tree")
    func memoMatchesLookups() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        plant.tick(); _ = try plant.records.reviseSOP(sop.id, body: Data((Plant.checklist + "- [ ] Log it\n").utf8),
                                                       reason: "Add logging", by: plant.dora)
        plant.tick(); _ = try plant.records.disableUser("tom", reason: "Left the site", by: try plant.repo.admin())
        plant.tick(); _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tess)
        let repo = plant.records.ledger.repo
        let trees = try plant.records.ledger.commits().map { try repo.commit($0).tree }
        // Every file any tree holds, every folder above one, and paths that no tree holds.
        var paths: Set<String> = ["nothing/here.json", "accounts/nobody.json", "policy.json/x"]
        for tree in trees {
            for file in try repo.changedFiles(from: nil, to: tree) {
                var path = Substring(file.path)
                while true {
                    paths.insert(String(path))
                    guard let slash = path.lastIndex(of: "/") else { break }
                    path = path[..<slash]
                }
            }
        }
        // Every act in turn; then every other act, so the memo is never at the parent it is told of.
        for step in [1, 2] {
            let memo = PathMemo(tree: nil)
            for index in stride(from: 0, to: trees.count, by: step) {
                let parent = index == 0 ? nil : trees[index - 1], tree = trees[index]
                memo.advance(from: parent, to: tree, changing: try repo.changedFiles(from: parent, to: tree))
                let view = TreeView(repo: repo, tree: tree, memo: memo)
                for path in paths.sorted() {
                    #expect(view.id(of: path) == (try repo.entry(at: path, inTree: tree)), "\(path) in \(tree.hex), step \(step)")
                }
            }
        }
    }

    @Test("read as a copy just indexed, a repository still names a missing commit and a missing tree",
          arguments: ["commit", "tree"])
    func missingUnderIndexedReads(what: String) throws {
        let plant = try Plant()
        let ledger = plant.records.ledger
        let head = try #require(try ledger.head())
        let commits = try ledger.commits()
        let missing = what == "commit" ? commits[commits.count / 2] : try #require(try ledger.repo.entry(at: "equipment", inTree: ledger.repo.commit(head).tree))
        let loose = "\(plant.repo.path)/objects/\(missing.hex.prefix(2))/\(missing.hex.dropFirst(2))"
        #expect(FileManager.default.fileExists(atPath: loose), "the object is loose")
        try FileManager.default.removeItem(atPath: loose)
        // A handle of its own: the plant's has the object in libgit2's cache.
        let report = Verifier(ledger: try Ledger.open(at: plant.repo.path)).run(justIndexed: true)
        #expect(!report.ok)
        #expect(report.failures.contains { $0.check == "objects" && $0.message.contains("\(missing.hex) is missing") },
                "\(report.failures)")
    }
}

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

    @Test("the entries outside the window the tree walk compares are the same in both trees, byte for byte")
    func differingWindow() throws {
        // Deterministic: a linear congruential generator, IDs full of NUL, space and octal digits.
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [UInt8] = [0, 32, 48, 49, 55, 0x61]
        func id() -> [UInt8] { (0..<20).map { _ in alphabet[next(alphabet.count)] } }
        func tree(_ entries: [(name: String, isTree: Bool, id: [UInt8])]) throws -> RawTree {
            var data = Data()
            for entry in entries.sorted(by: { ($0.name + ($0.isTree ? "/" : "")).utf8.lexicographicallyPrecedes(($1.name + ($1.isTree ? "/" : "")).utf8) }) {
                data.append(Data("\(entry.isTree ? "40000" : "100644") \(entry.name)\0".utf8))
                data.append(Data(entry.id))
            }
            return try RawTree(data, id: .zero)
        }
        func bytes(_ tree: RawTree, _ index: Int) -> ArraySlice<UInt8> {
            let start = index > 0 ? tree.entries[index - 1].id + 20 : 0
            return tree.bytes[start..<tree.entries[index].id + 20]
        }
        for _ in 0..<400 {
            var entries = (0..<next(12)).map { (name: "e\($0)", isTree: next(3) == 0, id: id()) }
            let old = try tree(entries)
            for _ in 0..<(1 + next(3)) {
                switch next(3) {
                case 0 where !entries.isEmpty: entries[next(entries.count)].id = id()
                case 1 where !entries.isEmpty: entries.remove(at: next(entries.count))
                default: entries.append((name: "n\(next(100))", isTree: next(2) == 0, id: id()))
                }
            }
            let new = try tree(entries)
            let (first, oldEnd, newEnd) = RawTree.differing(old, new)
            #expect(first <= oldEnd && first <= newEnd)
            #expect(old.entries.count - oldEnd == new.entries.count - newEnd)
            for index in 0..<first { #expect(bytes(old, index) == bytes(new, index)) }
            for back in 1...max(1, old.entries.count - oldEnd) where back <= old.entries.count - oldEnd {
                #expect(bytes(old, old.entries.count - back) == bytes(new, new.entries.count - back))
            }
        }
    }

    @Test("a raw tree reads every mode git writes, and refuses a malformed entry as libgit2 would")
    func rawTreeModes() throws {
        func entry(_ mode: String, _ name: String, id: UInt8 = 7) -> Data { Data("\(mode) \(name)\0".utf8) + Data(repeating: id, count: 20) }
        let tree = try RawTree(entry("100644", "a") + entry("100755", "b") + entry("120000", "c") + entry("160000", "d")
                               + entry("40000", "e") + entry("040000", "f"), id: .zero)
        #expect(tree.entries.map(\.kind) == [.blob, .blob, .blob, .commit, .tree, .tree])
        #expect(tree.entries.map { tree.file($0).name } == ["a", "b", "c", "d", "e", "f"])
        let malformed: [Data] = [
            Data("100644a\0".utf8) + Data(repeating: 1, count: 20),  // no space after the mode
            entry("1006448", "a"),                                    // a mode of seven digits
            entry("100694", "a"),                                     // not octal
            entry("100644", ""),                                      // no name
            Data("100644 a".utf8),                                    // no NUL
            Data("100644 a\0".utf8) + Data(repeating: 1, count: 19),  // an ID cut short
            Data("40000 ".utf8),                                      // nothing after the mode
        ]
        for data in malformed {
            #expect(throws: GitError.self, "\(Array(data))") { try RawTree(data, id: .zero) }
        }
    }
}

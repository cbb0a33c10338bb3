import Documents
import Foundation
@testable import RecordRepo
import Testing

/// `Ledger.writeBundle`, with stock git as the oracle.
@Suite struct BundleTests {
    /// Checks a bundle with stock git alone: verify, clone, fsck, every signature Good. Returns the clone.
    static func checkWithStockGit(_ bundle: String, allowedSigners: String, in directory: URL) throws -> String {
        let clone = directory.appendingPathComponent("clone-\(UUID().uuidString)").path
        let cloned = try Git.run(["clone", "-q", bundle, clone], in: directory.path)
        #expect(cloned.status == 0, "\(cloned.stderr)")
        // git before 2.42 verifies a bundle only inside a repository.
        let verified = try Git.run(["bundle", "verify", bundle], in: clone)
        #expect(verified.status == 0 && verified.stdout.contains("complete history"), "\(verified.stdout)\(verified.stderr)")
        let fsck = try Git.fsck(clone)
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
        #expect(try Git.stockVerification(of: clone, allowedSigners: allowedSigners).isEmpty)
        return clone
    }

    @Test("a bundle of main and the checkpoints: stock git verifies it, clones it, and checks every signature")
    func stockGit() throws {
        let plant = try Plant()
        let checkpoint = try plant.records.ledger.checkpoint(by: try plant.records.keystore.systemSigner())
        plant.tick()
        _ = try plant.records.addEquipment("AC-102", name: "Autoclave 2", location: nil, department: nil, reason: "New", by: plant.sam)
        let path = plant.repo.directory.appendingPathComponent("history.bundle").path
        let result = try plant.records.ledger.writeBundle(to: path)
        let head = try #require(try plant.repo.head())
        let tag = try #require(try plant.records.ledger.repo.resolve(checkpoint.name))
        #expect(result.references == [.init(name: Ledger.mainRef, target: head), .init(name: checkpoint.name, target: tag)])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(result.bytes == bytes.count)
        let header = "# v2 git bundle\n\(head.hex) HEAD\n\(head.hex) \(Ledger.mainRef)\n\(tag.hex) \(checkpoint.name)\n\nPACK"
        #expect(bytes.prefix(header.utf8.count) == Data(header.utf8))

        let clone = try Self.checkWithStockGit(path, allowedSigners: try plant.records.ledger.allowedSigners(), in: plant.repo.directory)
        #expect(try Git.run(["rev-parse", "main"], in: clone).stdout.hasPrefix(head.hex))
        #expect(try Git.run(["rev-parse", checkpoint.name], in: clone).stdout.hasPrefix(tag.hex), "the tag object itself")
        #expect(try Git.run(["rev-list", "--count", "main"], in: clone).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == String(try plant.records.ledger.commits().count))
        let objects = try Git.run(["rev-list", "--objects", "--all"], in: clone).stdout.split(separator: "\n").count
        #expect(result.objects == objects, "exactly the objects reachable from main and the tags")
    }

    @Test("an existing file is never overwritten; an empty repository has nothing to bundle")
    func refusals() throws {
        let plant = try Plant()
        let path = plant.repo.directory.appendingPathComponent("taken.bundle").path
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try plant.records.ledger.writeBundle(to: path) } throws: { error in
            guard case LedgerError.cannotWrite(let at, let problem) = error else { return false }
            return at == path && problem.contains("exists")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("mine\n".utf8))

        let empty = try Ledger.create(at: plant.repo.directory.appendingPathComponent("empty").path)
        let nothing = plant.repo.directory.appendingPathComponent("nothing.bundle").path
        #expect(throws: LedgerError.self) { try empty.writeBundle(to: nothing) }
        #expect(!FileManager.default.fileExists(atPath: nothing))
    }
}

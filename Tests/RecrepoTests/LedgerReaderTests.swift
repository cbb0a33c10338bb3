import Foundation
import Synchronization
import RecordRepo
import Testing

/// Threads that read a repository side by side open it as readers, each with pack files of its
/// own: they must read exactly what a plain handle reads.
@Suite struct LedgerReaderTests {
    @Test("""
        readers side by side read every commit's changes and blobs as a plain handle does, from packs with deltas and \
        loose objects
        """)
    func readersReadTheSame() throws {
        let plant = try Plant()
        _ = try plant.effectiveSOP("1. Open the valve.\n2. Close the valve.\n")
        // git's own repack makes a pack with offset deltas; the acts after it stay loose.
        #expect(try Git.run(["repack", "-a", "-d", "-q"], in: plant.repo.path).status == 0)
        _ = try plant.effectiveSOP("1. Check the seal.\n", title: "Seal check")
        let path = plant.repo.path
        let plain = try Ledger.open(at: path)
        let commits = try plain.commits()
        let expected = try commits.map { commit in
            let files = try plain.changedFiles(of: commit)
            return (files, try files.compactMap(\.new).map { try plain.blob($0) })
        }
        let readers = 4
        let mismatches = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: readers) { reader in
            do {
                let ledger = try Ledger.open(at: path, reader: reader)
                for (commit, (files, blobs)) in zip(commits, expected) {
                    let read = try ledger.changedFiles(of: commit)
                    let readBlobs = try read.compactMap(\.new).map { try ledger.blob($0) }
                    if read != files || readBlobs != blobs { mismatches.withLock { $0.append("reader \(reader): \(commit.hex)") } }
                }
            } catch {
                mismatches.withLock { $0.append("reader \(reader): \(error)") }
            }
        }
        #expect(mismatches.withLock { $0 } == [])
        #expect(commits.count > 10)
        withExtendedLifetime(plant) {}  // the plant's repository is removed with it
    }
}

import Documents
import Foundation
@testable import RecordRepo
import Testing

/// A writer kept waiting says who holds the lock and gives up; a read-only copy still answers
/// `history` and `audit`.
@Suite struct WaitAndCopyTests {
    @Test("a writer blocked by a held write lock gives up after its wait, naming the holder, and writes nothing",
          .timeLimit(.minutes(1)))
    func heldLockNamed() throws {
        let plant = try Plant()
        let lockPath = plant.records.ledger.sidecar.appendingPathComponent("write.lock").path
        // Another process holds the lock and says who it is, as every writer does.
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let holder = Array("pid 4242 (recrepo) on line-3 since 2025-11-25T08:00:00Z\n".utf8)
        #expect(pwrite(fd, holder, holder.count, 0) == holder.count)
        plant.records.ledger.lockWait = .milliseconds(300)
        let before = try plant.repo.head()
        plant.tick()
        #expect(throws: DocumentsError.self) {
            do {
                _ = try plant.records.addEquipment("AC-102", name: "Autoclave 2", location: nil, department: nil,
                                                   reason: "Commissioned", by: plant.sam)
            } catch {
                guard let failure = error as? DocumentsError, case .ledger(.lockHeld(_, let named, _)) = failure else { Issue.record("\(error)"); throw error }
                #expect(named.contains("pid 4242") && named.contains("line-3"), "\(named)")
                #expect("\(error)".contains("nothing was written"))
                throw error
            }
        }
        #expect(try plant.repo.head() == before)
        // Once released, the next act goes through and the lock says nothing of a holder.
        flock(fd, LOCK_UN)
        _ = try plant.records.addEquipment("AC-102", name: "Autoclave 2", location: nil, department: nil,
                                           reason: "Commissioned", by: plant.sam)
        #expect(try String(contentsOfFile: lockPath, encoding: .utf8).isEmpty)
    }

    @Test("history and audit answer on a read-only copy from a temporary index, leaving the copy untouched")
    func readOnlyCopy() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        try cli.person("sam", role: "supervisor")
        // An index that lags main, as a copy's would.
        #expect(try cli.run(["audit"]).status == 0)
        let added = try cli.run(["equipment", "add", "AC-101", "--name", "Autoclave 1", "--reason", "Commissioned"],
                                user: "sam", password: "own pass phrase 1")
        #expect(added.status == 0, "\(added.stderr)")
        let mounted = directory.appendingPathComponent("mounted")
        try FileManager.default.createDirectory(at: mounted, withIntermediateDirectories: true)
        let copy = try ReadOnlyView(of: cli.repo, at: mounted.path)
        defer { copy.release() }
        let before = try Command.run("/usr/bin/find", [cli.repo, "-printf", "%p %s %T@\\n"]).stdout
        for arguments in [["history", "AC-101"], ["audit", "--record", "AC-101"]] {
            let result = try copy.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("Commissioned"), "\(arguments): \(result.stdout)")
            #expect(result.stderr.contains("cannot be written"), "\(result.stderr)")
        }
        let after = try Command.run("/usr/bin/find", [cli.repo, "-printf", "%p %s %T@\\n"]).stdout
        #expect(before == after)
    }
}

/// A repository seen read-only: a read-only bind mount where the test may mount one, else the
/// same folder seen by an unprivileged user who may read it but not write it.
struct ReadOnlyView {
    let path: String
    let asNobody: Bool

    init(of repository: String, at mountPoint: String) throws {
        let mounted = try Command.run("/usr/bin/mount", ["--bind", "-o", "ro", repository, mountPoint])
        if mounted.status == 0 {
            path = mountPoint
            asNobody = false
        } else {
            _ = try Command.run("/usr/bin/chmod", ["-R", "a+rX", URL(fileURLWithPath: repository).deletingLastPathComponent().path])
            path = repository
            asNobody = true
        }
    }

    func run(_ arguments: [String]) throws -> Git.Output {
        let environment = ["RECREPO_REPO": path]
        guard asNobody else { return try Command.run(CLI.binary, arguments, environment: environment) }
        return try Command.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary] + arguments,
                               environment: environment)
    }

    func release() {
        if !asNobody { _ = try? Command.run("/usr/bin/umount", [path]) }
    }
}

import Foundation
import Testing

/// A repository written before acts carried an `Event` trailer (`Fixtures/legacy/make-fixture.sh`
/// shows every act in it) must keep verifying, and must take new acts, after every change.
@Suite struct LegacyFixtureTests {
    static let archive = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/legacy/legacy-1.tar.gz")

    /// The fixture unpacked into a new temporary directory.
    static func unpacked() throws -> (CLI, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-legacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tar = try Command.run("/usr/bin/tar", ["-C", directory.path, "-xzf", archive.path], environment: [:])
        guard tar.status == 0 else { throw CLIFailure(output: tar) }
        return (CLI(repo: directory.appendingPathComponent("records").path), directory)
    }

    /// Makes a person of the fixture able to sign today: their acknowledgement (which accounts of
    /// that version never signed), then a new password (theirs may have expired since the fixture
    /// was made). Returns the new password.
    static func ready(_ cli: CLI, _ user: String, _ password: String) throws -> String {
        let acknowledged = try cli.run(["acknowledge"], user: user, password: password)
        guard acknowledged.status == 0 else { throw CLIFailure(output: acknowledged) }
        let fresh = "Fresh-start-\(user.count)-2030"
        let changed = try cli.run(["passwd"], user: user, password: password, newPassword: fresh)
        guard changed.status == 0 else { throw CLIFailure(output: changed) }
        return fresh
    }

    @Test func theLegacyRepositoryVerifies() throws {
        let (cli, directory) = try Self.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let verified = try cli.run(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("42 commits"))
    }

    @Test func theLegacyRepositoryTakesNewActsAndStillVerifies() throws {
        let (cli, directory) = try Self.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Accounts made before the acknowledgement was an act of their own sign it before anything else.
        let early = try cli.run(["wo", "step", "WO-000002", "1"], user: "tara", password: "Fern-wild-2027")
        #expect(early.status == 1 && early.stderr.contains("recrepo acknowledge"), "\(early.stderr)")
        let tara = try Self.ready(cli, "tara", "Fern-wild-2027"), sam = try Self.ready(cli, "sam", "Oak-green-2026")
        let step = try cli.run(["wo", "step", "WO-000002", "1"], user: "tara", password: tara)
        #expect(step.status == 0, "\(step.stderr)")
        let equipment = try cli.run(["equipment", "add", "PUMP-7", "--name", "Pump 7", "--reason", "Commissioned"],
                                    user: "sam", password: sam)
        #expect(equipment.status == 0, "\(equipment.stderr)")
        // wo.cancel came after this repository's policy was signed: its standard role (supervisor) holds it.
        let head = try cli.head()
        let refused = try cli.run(["wo", "cancel", "WO-000002", "--reason", "Not needed"], user: "tara", password: tara)
        #expect(refused.status != 0 && refused.stderr.contains("tara may not cancel jobs"), "\(refused.stderr)")
        #expect(try cli.head() == head)
        let cancel = try cli.run(["wo", "cancel", "WO-000002", "--reason", "Autoclave replaced"], user: "sam", password: sam)
        #expect(cancel.status == 0 && cancel.stdout.contains("Cancelled WO-000002"), "\(cancel.stderr)")
        let verified = try cli.run(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("49 commits"))
        let git = try Git.run(["fsck", "--full", "--strict"], in: cli.repo)
        #expect(git.status == 0, "\(git.stderr)")
    }
}

import Documents
import Foundation
@testable import RecordRepo
import Testing

/// What an attacker at the keyboard, a full disk or a hostile file could do, refused.
@Suite struct HardeningTests {
    @Test("a failure count at the threshold refuses even the right password and records the lock it missed")
    func durableLockout() throws {
        let plant = try Plant()
        // As if the lock act could not be written when the fifth failure was counted (a full disk).
        try plant.records.keystore.updateFailures(user: "tom") { _ in 5 }
        #expect {
            _ = try plant.records.authenticate("tom", password: "user password 1")
        } throws: { error in
            if case DocumentsError.accountLocked = error { return true } else { return false }
        }
        #expect(try plant.records.account("tom")?.status == .locked)
        #expect(try plant.records.alerts(open: true).map(\.kind) == [.lockout])
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("an act signed with a password older than the policy allows is refused by the signer rule")
    func expiredPasswordReplayed() throws {
        let plant = try Plant()
        plant.tick(91 * 86_400)
        let equipment = Equipment(id: "AC-102", name: "Autoclave 2", createdBy: "sam",
                                  createdAt: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))
        let commit = try ReplayTests.forge(plant, record: "AC-102", meaning: .authorship, event: "equipment.add",
                                           path: try RecordID.path(kind: .equipment, id: "AC-102"),
                                           content: try CanonicalJSON.encode(equipment), by: plant.sam)
        EventReplayTests.expectRefused(plant, commit, by: .signer)
    }

    @Test("names, reasons and titles with invisible or direction-changing characters, and names with < or >, are refused",
          arguments: [
              ["user", "add", "bob", "--name", "Bob <evil>", "--role", "qa", "--identity", "badge: 1", "--reason", "x"],
              ["user", "add", "bob", "--name", "Bob\u{202E}kcuf", "--role", "qa", "--identity", "badge: 1", "--reason", "x"],
              ["user", "add", "bob", "--name", "Bob", "--role", "qa", "--identity", "badge: 1", "--reason", "o\u{200B}k"],
              ["user", "add", "bob", "--name", "Bob", "--role", "qa", "--identity", "badge: 1", "--reason", "bad \u{FFFD} bytes"],
              ["user", "add", "bob", "--name", "Bob", "--role", "qa", "--identity", "badge\u{2066}: 1", "--reason", "x"],
          ])
    func hiddenCharacters(arguments: [String]) throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try cli.head()
        let result = try cli.admin(arguments, newPassword: "one-time secret 1")
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("'<' or '>'") || result.stderr.contains("invisible or direction-changing")
                    || result.stderr.contains("not UTF-8"), "\(result.stderr)")
        #expect(try cli.head() == before)
        // No sealed key is left behind for an account that was never made.
        let keys = URL(fileURLWithPath: cli.repo).appendingPathComponent("recrepo/keys/bob").path
        #expect((try? FileManager.default.contentsOfDirectory(atPath: keys))?.isEmpty ?? true)
    }

    @Test("an endless --file is refused after reading at most 1 MiB")
    func endlessFile() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        try cli.person("dora", role: "document-control")
        let result = try cli.run(["sop", "new", "--title", "Zero", "--file", "/dev/zero", "--reason", "x"],
                                 user: "dora", password: "own pass phrase 1")
        #expect(result.status == 1 && result.stderr.contains("larger than 1 MiB"), "\(result.stderr)")
    }
}

@Suite struct UnreadablePolicyTests {
    @Test("a policy.json that cannot be read fails the act that wrote it, and every act after it, instead of the standard policy being assumed")
    func unreadablePolicy() throws {
        let plant = try Plant()
        let broken = try ReplayTests.forge(plant, record: "policy", meaning: .authorship, event: "policy.propose", revision: 2,
                                           path: Policy.path.value, content: Data("{ not json\n".utf8), by: try plant.repo.admin())
        let equipment = Equipment(id: "AC-102", name: "Autoclave 2", createdBy: "sam",
                                  createdAt: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))
        let after = try ReplayTests.forge(plant, record: "AC-102", meaning: .authorship, event: "equipment.add",
                                          path: try RecordID.path(kind: .equipment, id: "AC-102"),
                                          content: try CanonicalJSON.encode(equipment), by: plant.sam)
        let failures = ReplayTests.verify(plant).failures
        #expect(failures.contains { $0.commit == broken.hex }, "\(failures)")
        #expect(failures.contains { $0.commit == after.hex && $0.message.contains("policy.json at the parent cannot be read") }, "\(failures)")
    }
}

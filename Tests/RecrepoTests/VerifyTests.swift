import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Each way of altering history must fail `recrepo verify`, naming the commit.
@Suite struct VerifyTests {
    /// A repository with an admin, a technician and a few acts.
    func populated() throws -> (TestRepository, Session) {
        let repo = try TestRepository()
        let bob = try repo.addUser("bob", roles: [.technician])
        return (repo, bob)
    }

    func failures(_ repo: TestRepository) throws -> [VerificationFailure] {
        let reopened = try Ledger.open(at: repo.path)
        return reopened.verify(replay: RecordsReplay(checklist: TestRepository.checklist)).failures
    }

    @Test("an altered loose object fails verify, naming the commit")
    func alteredObject() throws {
        let (repo, _) = try populated()
        let head = try #require(try repo.head())
        let blob = try Git.run(["rev-parse", "\(head.hex):accounts/bob.json"], in: repo.path).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let file = "\(repo.path)/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        let script = """
            import sys, zlib, os
            p = sys.argv[1]
            data = zlib.decompress(open(p, 'rb').read()).replace(b'technician', b'admin\\x20\\x20\\x20\\x20\\x20')
            os.chmod(p, 0o644); open(p, 'wb').write(zlib.compress(data))
            """
        #expect(try Command.run("/usr/bin/env", ["python3", "-c", script, file]).status == 0)
        let found = try failures(repo)
        #expect(found.contains { $0.check == "objects" && $0.message.contains(blob) && $0.commit != nil })
    }

    @Test("a signature moved onto another commit fails verify")
    func movedSignature() throws {
        let (repo, _) = try populated()
        let head = try #require(try repo.head())
        let raw = try Git.run(["cat-file", "commit", head.hex], in: repo.path).stdout
        let forged = raw.replacingOccurrences(of: "Reason: ", with: "Reason: Backdated ")
        let written = try Git.run(["hash-object", "-t", "commit", "-w", "--stdin"], in: repo.path, input: Data(forged.utf8))
        let id = written.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try Git.run(["update-ref", "refs/heads/main", id], in: repo.path)
        let found = try failures(repo)
        #expect(found.contains { $0.check == "signature" && $0.commit == id && $0.message.contains("does not match") })
    }

    @Test("a commit signed with a key the accounts never held fails, though stock git might be told to trust it")
    func foreignKey() throws {
        let (repo, _) = try populated()
        let keyDir = repo.directory.appendingPathComponent("attacker").path
        try FileManager.default.createDirectory(atPath: keyDir, withIntermediateDirectories: true)
        #expect(try Command.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", keyDir + "/key"]).status == 0)
        let head = try #require(try repo.head())
        let tree = try Git.run(["rev-parse", "\(head.hex)^{tree}"], in: repo.path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let message = "Approve\n\nRecord: alice\nMeaning: administration\nSigner: alice\nSigner-Name: Alice Admin\nSigned-At: 2025-11-25T09:00:00Z\nReason: forged\n"
        let env = ["GIT_AUTHOR_NAME": "Alice Admin", "GIT_AUTHOR_EMAIL": "alice", "GIT_COMMITTER_NAME": "Alice Admin",
                   "GIT_COMMITTER_EMAIL": "alice", "GIT_AUTHOR_DATE": "1764061200 +0000",
                   "GIT_COMMITTER_DATE": "1764061200 +0000"]
        let made = try Git.run(["-c", "gpg.format=ssh", "-c", "user.signingkey=\(keyDir)/key", "commit-tree", "-S",
                                tree, "-p", head.hex, "-m", message], in: repo.path, environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        let id = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try Git.run(["update-ref", "refs/heads/main", id], in: repo.path)
        #expect(try failures(repo).contains { $0.commit == id && $0.message.contains("never held") })
    }

    @Test("a commit whose author differs from its signing principal fails (stock git calls it Good)")
    func authorIsNotPrincipal() throws {
        let (repo, bob) = try populated()
        let ledger = repo.records.ledger
        let head = try #require(try ledger.head())
        let tree = try ledger.repo.commit(head).tree
        let message = "Note\n\nRecord: alice\nMeaning: administration\nSigner: bob\nSigner-Name: User bob\nSigned-At: 2025-11-25T09:00:00Z\nReason: x\n"
        let buffer = try ledger.repo.commitBuffer(tree: tree, parent: head, name: "User bob", email: "alice",
                                                  time: 1_764_061_200, message: message)
        let id = try ledger.repo.createSignedCommit(buffer, signature: try SSHSignature.sign(buffer, with: bob.signer.key))
        try ledger.repo.compareAndSwap(Ledger.mainRef, to: id, expected: head, log: "attack")
        #expect(try failures(repo).contains { $0.commit == id.hex && $0.message.contains("not the signer") })
    }

    @Test("a signature made after the account was disabled fails")
    func signedAfterDisable() throws {
        let (repo, bob) = try populated()
        repo.clock.advance(10)
        _ = try repo.records.disableUser("bob", reason: "Left", by: try repo.admin())
        repo.clock.advance(10)
        // bob still has his key file and bypasses the account checks, writing straight to the ledger.
        let act = Act(record: "WO-000001", revision: 1, meaning: .execution, reason: "after leaving", summary: "x",
                      changes: [(try RecordPath("wo/0/00/WO-000001.json"), Data("{}\n".utf8))])
        let appended = try repo.records.ledger.append(act, by: bob.signer, basedOn: try repo.head())
        #expect(try failures(repo).contains { $0.commit == appended.commit.hex && $0.check == "signature" })
        let stock = try Git.stockVerification(of: repo.path, allowedSigners: try repo.records.ledger.allowedSigners())
        #expect(stock.contains { $0.hasPrefix(appended.commit.hex) }, "stock git also rejects it: valid-before")
    }

    @Test("main rolled back or rewritten behind a checkpoint fails")
    func rollback() throws {
        let (repo, _) = try populated()
        let checkpoint = try repo.records.ledger.checkpoint(by: try repo.records.keystore.systemSigner())
        #expect(checkpoint.created)
        #expect(try failures(repo).isEmpty)
        try Git.run(["update-ref", "refs/heads/main", "main~1"], in: repo.path)
        #expect(try failures(repo).contains { $0.check == "checkpoint" && $0.message.contains("rolled back") })
        // Rewritten: a different act on top of the rolled-back head.
        repo.clock.advance(5)
        _ = try repo.records.addUser("dave", name: "Dave", roles: [.qa], department: nil, identity: .init(method: "badge", reference: "B-1"), custodian: nil, password: nil,
                                     reason: "rewrite", by: try repo.admin())
        #expect(try failures(repo).contains { $0.check == "checkpoint" && $0.commit == checkpoint.commit.hex })
    }

    @Test("an act that the policy would have refused fails the authority check")
    func unauthorisedAccountChange() throws {
        let (repo, bob) = try populated()
        var account = try #require(try repo.records.account("bob"))
        account.roles = [.admin]
        repo.clock.advance(1)
        let act = Act(record: "bob", revision: account.revision + 1, meaning: .execution, reason: "promote myself",
                      summary: "x", changes: [(try Account.path("bob"), try CanonicalJSON.encode(account))])
        let appended = try repo.records.ledger.append(act, by: bob.signer, basedOn: try repo.head())
        #expect(try failures(repo).contains { $0.commit == appended.commit.hex && $0.check == "authority" })
    }
}

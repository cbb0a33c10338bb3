import Foundation
import Testing

/// Replicas and packs attacked from outside recrepo: bytes flipped in pack files, commits forged
/// with stock git and appended to a replica. `verify` and stock git must agree wherever stock git
/// sees the problem (`git fsck --full --strict`, `git verify-commit`), and `verify --against`
/// must name what stock git cannot see.
@Suite struct ReplicaAttackTests {
    /// The one pack file of `repository` (a backup is one pack; a repack makes one).
    static func pack(of repository: String) throws -> String {
        let folder = repository + "/objects/pack"
        let packs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".pack") }
        try #require(packs.count == 1, "\(packs)")
        return folder + "/" + packs[0]
    }

    /// Flips every bit of the byte at `offset(size)` of `file`, as a failing disk or a person would.
    static func flip(_ file: String, at offset: (Int) -> Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[offset(bytes.count)] ^= 0xff
        try bytes.write(to: URL(fileURLWithPath: file))
    }

    /// Where in a pack (or its index) a byte is flipped: in the body, in the trailing checksum, in the index.
    static let damages = ["pack body", "pack checksum", "index"]

    static func damage(_ kind: String, packOf repository: String) throws -> String {
        let pack = try Self.pack(of: repository)
        switch kind {
        case "pack body": try flip(pack) { $0 / 2 }
        case "pack checksum": try flip(pack) { $0 - 1 }
        default: try flip(String(pack.dropLast(5)) + ".idx") { $0 - 30 }
        }
        return "objects/pack/" + URL(fileURLWithPath: pack).lastPathComponent
    }

    /// A commit made with stock git on `replica`'s main, signed with an attacker's own SSH key
    /// and claiming alice as its author, with trailers as recrepo writes them. Returns its ID.
    static func forge(onto replica: String, in directory: URL) throws -> String {
        let key = directory.appendingPathComponent("attacker-key").path
        #expect(try Command.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]).status == 0)
        let head = try Git.run(["rev-parse", "main"], in: replica).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let tree = try Git.run(["rev-parse", "main^{tree}"], in: replica).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let message = "Grant alice every role\n\nRecord: alice\nMeaning: administration\nSigner: alice\nSigner-Name: Alice Admin\n"
            + "Signed-At: 2033-05-18T03:33:20Z\nReason: forged on the replica\n"
        let date = "2000000000 +0000"
        let env = ["GIT_AUTHOR_NAME": "Alice Admin", "GIT_AUTHOR_EMAIL": "alice", "GIT_COMMITTER_NAME": "Alice Admin",
                   "GIT_COMMITTER_EMAIL": "alice", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]
        let made = try Git.run(["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)", "commit-tree", "-S", tree, "-p", head, "-m", message],
                               in: replica, environment: env)
        try #require(made.status == 0, "\(made.stderr)")
        let id = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try Git.run(["update-ref", "refs/heads/main", id, head], in: replica).status == 0)
        return id
    }

    static func json(_ output: Git.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test("verify --against reads the replica: a damaged pack is named, never 'holds exactly this history', as git fsck finds it",
          arguments: damages)
    func damagedReplicaPack(damage: String) throws {
        let (cli, directory) = try ReplicationTests.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let replica = directory.appendingPathComponent("replica.git").path
        #expect(try cli.run(["backup", replica]).status == 0)
        let clean = try cli.run(["verify", "--against", replica])
        #expect(clean.status == 0 && clean.stdout.contains("every object of it reads back"), "\(clean.stdout)")
        #expect(try Git.fsck(replica).status == 0)

        let file = try Self.damage(damage, packOf: replica)
        let against = try cli.run(["verify", "--against", replica])
        #expect(against.status == 1, "\(against.stdout)")
        #expect(!against.stdout.contains("holds exactly"), "\(against.stdout)")
        let named = damage == "index" ? String(file.dropLast(5)) + ".idx" : file
        #expect(against.stdout.contains(named) || against.stdout.contains(file), "\(against.stdout)")
        let json = try Self.json(try cli.run(["verify", "--against", replica, "--format", "json"]))
        #expect(json["ok"] as? Bool == false && ((json["damage"] as? [String]) ?? []).contains { $0.contains(file) || $0.contains(named) })
        #expect(try Git.fsck(replica).status != 0, "stock git sees it too")
    }

    @Test("a damaged pack checksum is named by its file in verify, restore and backup, not only as objects missing",
          arguments: ["pack body", "pack checksum"])
    func damagedPackChecksum(damage: String) throws {
        let (cli, directory) = try ReplicationTests.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Git.run(["repack", "-a", "-d", "-q"], in: cli.repo).status == 0)
        let copy = directory.appendingPathComponent("copy").path
        try FileManager.default.copyItem(atPath: cli.repo, toPath: copy)
        let file = try Self.damage(damage, packOf: copy)

        let verify = try CLI(repo: copy).run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("FAIL [objects]: \(file) is damaged: its content does not match its trailing checksum"), "\(verify.stdout)")
        #expect(try Git.fsck(copy).status != 0 && (try Git.fsck(copy).stderr.contains(URL(fileURLWithPath: file).lastPathComponent)),
                "stock git names the same file")

        let restored = directory.appendingPathComponent("restored").path
        let restore = try Command.run(CLI.binary, ["restore", copy, restored])
        #expect(restore.status == 1 && restore.stderr.contains(file), "\(restore.stderr)")
        #expect(!FileManager.default.fileExists(atPath: restored))

        let backup = try CLI(repo: copy).run(["backup", directory.appendingPathComponent("b.git").path])
        #expect(backup.status == 1 && backup.stderr.contains(file), "\(backup.stderr)")
    }

    @Test("a commit forged with stock git on the replica is named with its author and as not verifying; main here is not blamed; --set-aside keeps it and backups go on")
    func forgedCommitOnReplica() throws {
        let (cli, directory) = try ReplicationTests.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let replica = directory.appendingPathComponent("replica.git").path
        #expect(try cli.run(["backup", replica]).status == 0)
        let forged = try Self.forge(onto: replica, in: directory)
        try ReplicationTests.addUser(cli, "carol")
        #expect(try Git.fsck(replica).status == 0, "stock git's fsck cannot see a forged signature")

        let against = try cli.run(["verify", "--against", replica])
        #expect(against.status == 1)
        #expect(!against.stdout.contains("rolled back") && !against.stdout.contains("rewritten"), "\(against.stdout)")
        #expect(against.stdout.contains("replica only: \(forged.prefix(12)) Alice Admin <alice>")
            && against.stdout.contains("\"Grant alice every role\": does NOT verify"), "\(against.stdout)")
        let json = try Self.json(try cli.run(["verify", "--against", replica, "--format", "json"]))
        let only = try #require(json["replicaOnly"] as? [[String: Any]])
        #expect(only.count == 1 && only[0]["id"] as? String == forged && only[0]["verifies"] as? Bool == false
            && (only[0]["problem"] as? String ?? "").contains("never held"), "\(only)")
        #expect(json["missingHere"] as? [String] == [forged])
        // Stock git agrees: with the allowed signers exported here, the forged signature is not Good.
        let signers = directory.appendingPathComponent("allowed").path
        #expect(try cli.run(["allowed-signers", "--output", signers]).status == 0)
        #expect(try Git.run(["-c", "gpg.ssh.allowedSignersFile=\(signers)", "verify-commit", forged], in: replica).status != 0)

        let refused = try cli.run(["backup", replica])
        #expect(refused.status == 1 && refused.stderr.contains(String(forged.prefix(12)))
            && refused.stderr.contains("--set-aside") && refused.stderr.contains("1 commit after"), "\(refused.stderr)")
        #expect(try Git.run(["rev-parse", "main"], in: replica).stdout.hasPrefix(forged), "nothing was written")

        let aside = try cli.run(["backup", replica, "--set-aside"])
        #expect(aside.status == 0 && aside.stdout.contains("Set aside 1 commit") && aside.stdout.contains(String(forged.prefix(12))),
                "\(aside.stdout)\(aside.stderr)")
        #expect(try Git.run(["rev-parse", "main"], in: replica).stdout == (try Git.run(["rev-parse", "main"], in: cli.repo).stdout))
        #expect(try Git.run(["rev-parse", "refs/set-aside/\(forged)"], in: replica).stdout.hasPrefix(forged), "kept, not deleted")
        #expect(try Git.fsck(replica).status == 0)

        try ReplicationTests.addUser(cli, "dave")
        let later = try cli.run(["backup", replica])
        #expect(later.status == 0 && later.stdout.contains("Backed up 1 new commit"), "\(later.stdout)\(later.stderr)")
        let now = try cli.run(["verify", "--against", replica])
        #expect(now.status == 0 && now.stdout.contains("refs/set-aside/\(forged)"), "\(now.stdout)")
    }

    @Test("an act signed on the replica with a real key is named as verifying, stock git agrees, and it is never set aside")
    func signedActOnReplica() throws {
        let (cli, directory) = try ReplicationTests.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let replica = directory.appendingPathComponent("replica.git").path
        #expect(try cli.run(["backup", replica, "--with-keystore"]).status == 0)
        // Someone works on the replica with its keystore, as alice, with her real key.
        try ReplicationTests.addUser(CLI(repo: replica), "carol")
        let signed = try Git.run(["rev-parse", "main"], in: replica).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let json = try Self.json(try cli.run(["verify", "--against", replica, "--format", "json"]))
        let only = try #require(json["replicaOnly"] as? [[String: Any]])
        #expect(json["ok"] as? Bool == false && only.count == 1 && only[0]["id"] as? String == signed && only[0]["verifies"] as? Bool == true,
                "\(json)")
        let signers = directory.appendingPathComponent("allowed").path
        #expect(try cli.run(["allowed-signers", "--output", signers]).status == 0)
        #expect(try Git.run(["-c", "gpg.ssh.allowedSignersFile=\(signers)", "verify-commit", signed], in: replica).status == 0,
                "stock git calls it Good as well")

        let aside = try cli.run(["backup", replica, "--set-aside"])
        #expect(aside.status == 1 && aside.stderr.contains("signed acts are never set aside"), "\(aside.stderr)")
        #expect(try Git.run(["rev-parse", "main"], in: replica).stdout.hasPrefix(signed))
        #expect(try Git.run(["for-each-ref", "refs/set-aside"], in: replica).stdout.isEmpty)
    }
}

import Foundation
import Testing

/// Replicas and packs attacked from outside recrepo: bytes flipped in pack files. `verify` and
/// stock git must agree wherever stock git sees the problem (`git fsck --full --strict`).
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
}

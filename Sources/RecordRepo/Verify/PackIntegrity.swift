import Crypto
import Foundation
import Synchronization

/// The checks `git fsck --full` makes on the pack files themselves, made by reading the files.
///
/// libgit2 trusts an index (`.idx`) that names a pack whose trailing checksum differs from the one
/// the index recorded by not opening that pack at all: every object in it then reads as missing,
/// and a verify that only reads objects says "object … is missing" without saying why. Reading
/// the files names the damaged one: a pack whose content no longer matches its trailing SHA-1 (any
/// byte flipped in its body or its trailer), an index whose content no longer matches its own
/// checksum, a pack and index that do not belong together, a pack without an index.
enum PackIntegrity {
    /// One sentence per damaged file, each naming it as `objects/pack/pack-….pack` (or `.idx`).
    /// Every pack is read once, in 1 MiB chunks.
    static func problems(inObjectsFolder objects: String) -> [String] {
        let folder = objects + "/pack"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var problems: [String] = []
        for name in names where name.hasPrefix("pack-") && name.hasSuffix(".pack") {
            let stem = String(name.dropLast(".pack".count))
            if let problem = check(pack: folder + "/" + name, index: folder + "/" + stem + ".idx", stem: stem) {
                problems.append(problem)
            }
        }
        for name in names where name.hasPrefix("pack-") && name.hasSuffix(".idx") {
            let stem = String(name.dropLast(".idx".count))
            if !names.contains(stem + ".pack") {
                problems.append("objects/pack/\(name) is an index whose pack objects/pack/\(stem).pack is missing")
            }
        }
        return problems
    }

    /// What is wrong with one pack and its index, or nil.
    private static func check(pack: String, index: String, stem: String) -> String? {
        let packName = "objects/pack/\(stem).pack", indexName = "objects/pack/\(stem).idx"
        guard let packSums = checksums(of: pack) else { return "\(packName) cannot be read" }
        guard packSums.size >= 32, packSums.head.starts(with: Array("PACK".utf8)) else {
            return "\(packName) is damaged: it does not start with a pack header"
        }
        guard packSums.computed == packSums.trailer else {
            return "\(packName) is damaged: its content does not match its trailing checksum"
                + " (a byte of it was changed or it was cut short)"
        }
        guard FileManager.default.fileExists(atPath: index) else {
            return "\(packName) has no index \(indexName), so none of its objects can be found"
        }
        guard let indexSums = checksums(of: index), indexSums.size >= 8 + 1024 + 40 else {
            return "\(indexName) cannot be read or is too short to be a pack index"
        }
        guard indexSums.computed == indexSums.trailer else {
            return "\(indexName) is damaged: its content does not match its checksum"
        }
        guard indexSums.recordedPack == packSums.trailer else {
            return "\(packName) does not match its index \(indexName): the pack's checksum is not the one the index records"
        }
        return nil
    }

    /// A file's first bytes, size, the SHA-1 of everything but its last 20 bytes, those last 20
    /// bytes, and the 20 before them (where an index records its pack's checksum).
    private struct Sums {
        var head: [UInt8] = []
        var size = 0
        var computed: [UInt8] = []
        var trailer: [UInt8] = []
        var recordedPack: [UInt8] = []
    }

    private static func checksums(of path: String) -> Sums? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        guard let end = try? file.seekToEnd(), end >= 40 else {
            return Sums(size: Int((try? file.seekToEnd()) ?? 0))
        }
        var sums = Sums(size: Int(end))
        var hasher = Insecure.SHA1()
        var remaining = Int(end) - 20
        do {
            try file.seek(toOffset: 0)
            while remaining > 0 {
                guard let chunk = try file.read(upToCount: min(remaining, 1 << 20)), !chunk.isEmpty else { return nil }
                if sums.head.isEmpty { sums.head = Array(chunk.prefix(8)) }
                hasher.update(data: chunk)
                remaining -= chunk.count
            }
            try file.seek(toOffset: end - 40)
            guard let tail = try file.read(upToCount: 40), tail.count == 40 else { return nil }
            sums.recordedPack = Array(tail.prefix(20))
            sums.trailer = Array(tail.suffix(20))
        } catch {
            return nil
        }
        sums.computed = Array(hasher.finalize())
        return sums
    }
}

/// `PackIntegrity` run on the global queue, started before verify's walk and waited for after it:
/// reading every pack file costs about what hashing it does, which another core can do meanwhile.
final class PackCheck: Sendable {
    private let group = DispatchGroup()
    private let found = Mutex<[VerificationFailure]>([])

    /// Starts the check of `verifier`'s repository; nil checks nothing (a copy just indexed).
    init(_ verifier: Verifier?) {
        guard let verifier else { return }
        let objects = (try? verifier.ledger.repo.objectsDirectory()) ?? verifier.ledger.path + "/objects"
        DispatchQueue.global().async(group: group) { [self] in
            let failures = PackIntegrity.problems(inObjectsFolder: objects).map {
                VerificationFailure(check: "objects", commit: nil, record: nil, message: $0)
            }
            found.withLock { $0 = failures }
        }
    }

    /// The damaged pack files, once the check is done.
    func failures() -> [VerificationFailure] {
        group.wait()
        return found.withLock { $0 }
    }
}

import Crypto
import Foundation

/// The keystore beside the repository (never in history): sealed user keys, the system key, and
/// the count of consecutive failed password attempts per user.
public struct Keystore: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    private func keyFile(user: String, keyID: String) -> URL {
        directory.appendingPathComponent("keys").appendingPathComponent(user)
            .appendingPathComponent("\(keyID).json")
    }

    /// Stores a sealed key (mode 0600), replacing one with the same key ID.
    public func store(_ key: SealedKey) throws(KeystoreError) {
        let file = keyFile(user: key.user, keyID: key.keyID)
        do {
            let data = try JSONEncoder.sorted.encode(key)
            try writePrivate(data, to: file)
        } catch let error as KeystoreError {
            throw error
        } catch {
            throw .io(path: file.path, detail: "\(error)")
        }
    }

    public func load(user: String, keyID: String) throws(KeystoreError) -> SealedKey {
        let file = keyFile(user: user, keyID: keyID)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .missingKey(user: user, keyID: keyID)
        }
        guard let key = try? JSONDecoder().decode(SealedKey.self, from: data) else {
            throw .corrupt(user: user, detail: "\(file.lastPathComponent) is not a sealed key")
        }
        return key
    }

    // MARK: system key

    private var systemKeyFile: URL { directory.appendingPathComponent("system-key") }

    /// Creates the system key; refuses to overwrite one.
    public func createSystemKey() throws(KeystoreError) -> Curve25519.Signing.PrivateKey {
        let key = Curve25519.Signing.PrivateKey()
        guard !FileManager.default.fileExists(atPath: systemKeyFile.path) else {
            throw .io(path: systemKeyFile.path, detail: "a system key exists already")
        }
        try writePrivate(Data(key.rawRepresentation.base64EncodedString().utf8), to: systemKeyFile)
        return key
    }

    public func systemKey() throws(KeystoreError) -> Curve25519.Signing.PrivateKey {
        guard let data = FileManager.default.contents(atPath: systemKeyFile.path) else { throw .missingSystemKey }
        guard let seed = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .corrupt(user: Signer.systemPrincipal, detail: "system-key is not an Ed25519 seed")
        }
        return key
    }

    // MARK: failed attempts

    /// Runs `update` on the user's consecutive-failure count under an exclusive file lock, so that
    /// concurrent processes cannot lose a failure; returns the new count.
    @discardableResult
    public func updateFailures(user: String, _ update: (Int) -> Int) throws(KeystoreError) -> Int {
        let folder = directory.appendingPathComponent("attempts")
        let file = folder.appendingPathComponent(user)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = Glibc.open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: file.path, detail: String(cString: strerror(errno))) }
        defer { Glibc.close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw .io(path: file.path, detail: "cannot lock") }
        defer { flock(fd, LOCK_UN) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, 32)
        let current = count > 0 ? Int(String(decoding: buffer[0..<count], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 : 0
        let next = update(current)
        let text = Array("\(next)\n".utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, text, text.count, 0) == text.count, fsync(fd) == 0 else {
            throw .io(path: file.path, detail: String(cString: strerror(errno)))
        }
        return next
    }

    /// The user's consecutive-failure count as it stands (no file: none), read under a shared lock
    /// and without writing: every act reads it under the write lock, and must not pay an fsync.
    public func failures(user: String) throws(KeystoreError) -> Int {
        let file = directory.appendingPathComponent("attempts").appendingPathComponent(user)
        let fd = Glibc.open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return 0 }
            throw .io(path: file.path, detail: String(cString: strerror(errno)))
        }
        defer { Glibc.close(fd) }
        guard flock(fd, LOCK_SH) == 0 else { throw .io(path: file.path, detail: "cannot lock") }
        defer { flock(fd, LOCK_UN) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, 32)
        return count > 0 ? Int(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 : 0
    }

    /// Writes a file readable only by its owner, durably (write, fsync, rename).
    func writePrivate(_ data: Data, to file: URL) throws(KeystoreError) {
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch { throw .io(path: folder.path, detail: "\(error)") }
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp")
        let fd = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: temporary.path, detail: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        Glibc.close(fd)
        guard written == data.count, synced == 0, rename(temporary.path, file.path) == 0 else {
            unlink(temporary.path)
            throw .io(path: file.path, detail: String(cString: strerror(errno)))
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .base64
        return encoder
    }
}

extension Keystore {
    /// Opens a user's sealed key with the password and returns the signer it proves.
    public func unlock(user: String, keyID: String, password: String, name: String) throws(KeystoreError) -> Signer {
        let key = try load(user: user, keyID: keyID).open(password: password, expectedUser: user)
        return Signer(principal: user, name: name, key: key)
    }

    /// Generates a new Ed25519 key for `user`, seals it under `password` and stores it. The
    /// private key never leaves the keystore unsealed and never enters history; the account
    /// records the returned public half, granted from the signing time of the act that adds it.
    public func generateKey(user: String, password: String, kdf: KDFParameters) throws(KeystoreError) -> PublicKeyInfo {
        let sealed = try SealedKey.seal(Curve25519.Signing.PrivateKey(), user: user, password: password, kdf: kdf)
        try store(sealed)
        return PublicKeyInfo(id: sealed.keyID, publicKey: sealed.publicKey)
    }

    /// The public half of the system key, to record in the system account.
    public func systemPublicKey() throws(KeystoreError) -> PublicKeyInfo {
        let key = try systemKey().publicKey
        return PublicKeyInfo(id: SealedKey.keyID(for: key), publicKey: SSHSignature.openSSHPublicKey(key.rawRepresentation))
    }

    /// The system signer, from the system key beside the repository.
    public func systemSigner() throws(KeystoreError) -> Signer {
        Signer(principal: Signer.systemPrincipal, name: "recrepo system", key: try systemKey())
    }
}

extension Keystore {
    /// Whether this keystore can sign at all (a repository restored without its keystore cannot).
    public var hasSystemKey: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("system-key").path) }

    /// Copies the sealed keys, the system key and the failure counts to `other` (a backup or a
    /// restored repository). Sealed keys open only with their owners' passwords wherever they are.
    public func copy(to other: Keystore) throws(KeystoreError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: other.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for name in ["keys", "attempts", "system-key"] {
                let source = directory.appendingPathComponent(name), target = other.directory.appendingPathComponent(name)
                guard manager.fileExists(atPath: source.path) else { continue }
                if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
                try manager.copyItem(at: source, to: target)
            }
        } catch {
            throw .io(path: other.directory.path, detail: "cannot copy the keystore: \(error.localizedDescription)")
        }
    }
}

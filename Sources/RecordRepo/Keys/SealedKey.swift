import Crypto
import CryptoExtras
import Foundation

/// scrypt cost parameters. A sealed key records the ones it was sealed with, so the policy can
/// raise the cost later without breaking keys sealed before.
public struct KDFParameters: Codable, Sendable, Equatable {
    public var logN: Int
    public var r: Int
    public var p: Int

    public init(logN: Int, r: Int = 8, p: Int = 1) { self.logN = logN; self.r = r; self.p = p }

    /// About a fifth of a second per unlock on a current server core.
    public static let standard = KDFParameters(logN: 17)

    /// Refuses costs so low that a stolen keystore could be brute-forced cheaply, or so high that
    /// unlocking would exhaust memory.
    public var isAcceptable: Bool { (10...20).contains(logN) && (1...16).contains(r) && (1...4).contains(p) }
}

/// A user's Ed25519 seed, sealed with AES-GCM under a key that scrypt derives from the password.
/// The associated data binds format version, user ID, key ID and KDF parameters: a sealed key
/// copied into another user's slot, or with its parameters edited, does not open.
public struct SealedKey: Codable, Sendable, Equatable {
    public static let format = 1

    public let format: Int
    public let user: String
    public let keyID: String
    public let publicKey: String
    public let kdf: KDFParameters
    public let salt: Data
    public let sealed: Data

    /// A short, stable ID for a public key: the first 16 hex digits of its SHA-256.
    public static func keyID(for publicKey: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: publicKey.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Seals `key` for `user` under `password`.
    public static func seal(_ key: Curve25519.Signing.PrivateKey, user: String, password: String,
                            kdf: KDFParameters) throws(KeystoreError) -> SealedKey {
        var salt = Data(count: 16)
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255) }
        let keyID = keyID(for: key.publicKey)
        let aad = associatedData(user: user, keyID: keyID, kdf: kdf, salt: salt)
        do {
            let symmetric = try derive(password: password, salt: salt, kdf: kdf)
            let box = try AES.GCM.seal(key.rawRepresentation, using: symmetric, authenticating: aad)
            guard let combined = box.combined else { throw KeystoreError.corrupt(user: user, detail: "seal") }
            return SealedKey(format: format, user: user, keyID: keyID,
                             publicKey: SSHSignature.openSSHPublicKey(key.publicKey.rawRepresentation),
                             kdf: kdf, salt: salt, sealed: combined)
        } catch let error as KeystoreError {
            throw error
        } catch {
            throw .corrupt(user: user, detail: "could not seal the key: \(error)")
        }
    }

    /// Opens the key with `password`; `.wrongPassword` when it does not open.
    public func open(password: String, expectedUser: String) throws(KeystoreError) -> Curve25519.Signing.PrivateKey {
        guard format == Self.format, kdf.isAcceptable else {
            throw .corrupt(user: user, detail: "unsupported format or KDF parameters")
        }
        let aad = Self.associatedData(user: expectedUser, keyID: keyID, kdf: kdf, salt: salt)
        let seed: Data
        do {
            let symmetric = try Self.derive(password: password, salt: salt, kdf: kdf)
            seed = try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: symmetric, authenticating: aad)
        } catch {
            throw .wrongPassword(user: expectedUser)
        }
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
              Self.keyID(for: key.publicKey) == keyID else {
            throw .corrupt(user: expectedUser, detail: "the sealed key does not match its key ID")
        }
        return key
    }

    static func associatedData(user: String, keyID: String, kdf: KDFParameters, salt: Data) -> Data {
        Data("recrepo-sealed-key|v\(format)|\(user)|\(keyID)|scrypt|\(kdf.logN)|\(kdf.r)|\(kdf.p)|\(salt.base64EncodedString())".utf8)
    }

    /// Spends the work of one derivation on a throwaway salt, so that a refusal that needs no key
    /// (no such user, a disabled account) takes as long as a wrong password and does not tell
    /// which it was.
    public static func spendDerivation(password: String, kdf: KDFParameters) {
        _ = try? derive(password: password, salt: Data((0..<16).map { _ in UInt8.random(in: 0...255) }), kdf: kdf)
    }

    static func derive(password: String, salt: Data, kdf: KDFParameters) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: Data(password.utf8), salt: salt, outputByteCount: 32,
                                 rounds: 1 << kdf.logN, blockSize: kdf.r, parallelism: kdf.p,
                                 maxMemory: 1 << 31)
    }
}

/// Why the keystore refused.
public enum KeystoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongPassword(user: String)
    case missingKey(user: String, keyID: String)
    case missingSystemKey
    case corrupt(user: String, detail: String)
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case .wrongPassword(let user): "the password for \(user) is wrong"
        case .missingKey(let user, let keyID):
            "no sealed key \(keyID) for \(user) beside this repository (a restored copy without the keystore is read-only)"
        case .missingSystemKey:
            "the system key is missing beside this repository (a restored copy without the keystore is read-only)"
        case .corrupt(let user, let detail): "the sealed key of \(user) is unusable: \(detail)"
        case .io(let path, let detail): "cannot use \(path): \(detail)"
        }
    }
}

import Crypto
import Foundation

/// The administrator's half of a one-time password, held between `user add`/`user reset` and the
/// custodian's `user issue`, which needs both halves to seal the new key. It is kept sealed with
/// a key derived from the system key (never in history, never shown again) and destroyed when
/// the credential is issued or replaced. Neither person ever sees the other's half.
extension Keystore {
    private func halfFile(user: String) -> URL {
        directory.appendingPathComponent("halves").appendingPathComponent(user)
    }

    private func halfKey(user: String) throws(KeystoreError) -> SymmetricKey {
        let seed = try systemKey().rawRepresentation
        return HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: seed), salt: Data("recrepo half".utf8),
                                      info: Data(user.utf8), outputByteCount: 32)
    }

    /// Holds `half` for `user` until the custodian issues the credential, replacing any half held.
    public func holdHalf(_ half: String, user: String) throws(KeystoreError) {
        let sealed: Data
        do { sealed = try ChaChaPoly.seal(Data(half.utf8), using: try halfKey(user: user)).combined } catch let error as KeystoreError {
            throw error
        } catch { throw .io(path: halfFile(user: user).path, detail: "cannot seal: \(error)") }
        try writePrivate(sealed, to: halfFile(user: user))
    }

    /// The half held for `user`, or nil when none is.
    public func heldHalf(user: String) throws(KeystoreError) -> String? {
        guard let data = FileManager.default.contents(atPath: halfFile(user: user).path) else { return nil }
        do {
            let opened = try ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: data), using: try halfKey(user: user))
            return String(decoding: opened, as: UTF8.self)
        } catch let error as KeystoreError { throw error } catch {
            throw .corrupt(user: user, detail: "the held half of the one-time password cannot be opened")
        }
    }

    /// Destroys the half held for `user`, if any.
    public func destroyHalf(user: String) {
        try? FileManager.default.removeItem(at: halfFile(user: user))
    }
}

extension Keystore {
    /// Destroys a sealed key that will never be used: made for an act that was refused, or the key
    /// of a one-time password once its owner replaced it.
    public func discardKey(user: String, keyID: String) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("keys").appendingPathComponent(user)
            .appendingPathComponent("\(keyID).json"))
    }
}

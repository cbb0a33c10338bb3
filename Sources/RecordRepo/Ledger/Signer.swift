import Crypto
import Foundation

/// An authenticated signer: a principal with the private key that proves it. A `Signer` exists
/// only after the owner's password opened the sealed key (or, for the system principal, after the
/// system key was read from beside the repository).
public struct Signer: Sendable {
    public let principal: String
    public let name: String
    let key: Curve25519.Signing.PrivateKey

    public init(principal: String, name: String, key: Curve25519.Signing.PrivateKey) {
        self.principal = principal
        self.name = name
        self.key = key
    }

    /// The signer's public key as `ssh-ed25519 AAAA…`.
    public var publicKey: String { SSHSignature.openSSHPublicKey(key.publicKey.rawRepresentation) }

    /// The principal that signs automatic acts (lockouts and other security events).
    public static let systemPrincipal = "system"
}

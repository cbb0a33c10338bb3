import Crypto

enum Curve25519SigningKeyFactory {
    static func make() -> Curve25519.Signing.PrivateKey { Curve25519.Signing.PrivateKey() }
}

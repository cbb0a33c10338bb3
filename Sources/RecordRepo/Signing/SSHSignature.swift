import Crypto
import Foundation

/// SSHSIG (OpenSSH's `PROTOCOL.sshsig`) with Ed25519, namespace `git`, hash sha512: the format
/// that stock `git verify-commit` checks through `ssh-keygen -Y verify`.
public enum SSHSignature {
    static let magic = Data("SSHSIG".utf8)
    static let namespace = "git"
    static let hashAlgorithm = "sha512"
    static let keyType = "ssh-ed25519"

    /// The bytes that Ed25519 actually signs for `message`.
    static func signedData(for message: Data) -> Data {
        var data = magic
        data.appendSSHString(Data(namespace.utf8))
        data.appendSSHString(Data())
        data.appendSSHString(Data(hashAlgorithm.utf8))
        data.appendSSHString(Data(SHA512.hash(data: message)))
        return data
    }

    /// The armored signature of `message`, without a final newline (as libgit2 wants it).
    public static func sign(_ message: Data, with key: Curve25519.Signing.PrivateKey) throws -> String {
        let signature = try key.signature(for: signedData(for: message))
        var blob = magic
        blob.appendUInt32(1)
        blob.appendSSHString(publicKeyBlob(key.publicKey.rawRepresentation))
        blob.appendSSHString(Data(namespace.utf8))
        blob.appendSSHString(Data())
        blob.appendSSHString(Data(hashAlgorithm.utf8))
        var sig = Data()
        sig.appendSSHString(Data(keyType.utf8))
        sig.appendSSHString(signature)
        blob.appendSSHString(sig)
        return armor(blob)
    }

    /// A parsed signature: the Ed25519 public key it names and the raw 64-byte signature.
    public struct Parsed: Sendable, Equatable {
        public let publicKey: Data
        public let signature: Data
    }

    /// Parses an armored SSHSIG, refusing anything but version 1, Ed25519, namespace `git`, sha512.
    public static func parse(_ armored: Data) -> Parsed? {
        // Worked on as bytes: verify parses the signature of every commit.
        let begin = Array("-----BEGIN SSH SIGNATURE-----".utf8), end = Array("-----END SSH SIGNATURE-----".utf8)
        let isBlank = { (byte: UInt8) in byte == 32 || byte == 9 || byte == 13 || byte == 10 }
        let bytes = [UInt8](armored)
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
              let last = bytes.lastIndex(where: { !isBlank($0) }),
              last + 1 - first >= begin.count + end.count,
              bytes[first..<(first + begin.count)].elementsEqual(begin),
              bytes[(last + 1 - end.count)...last].elementsEqual(end),
              let blob = Data(base64Encoded: Data(bytes[(first + begin.count)..<(last + 1 - end.count)].filter { !isBlank($0) }))
        else { return nil }
        var reader = SSHReader(blob)
        guard reader.take(6) == magic, reader.uint32() == 1,
              let publicKeyBlob = reader.string(), reader.string() == Data(namespace.utf8),
              reader.string() == Data(), reader.string() == Data(hashAlgorithm.utf8),
              let sigBlob = reader.string(), reader.isAtEnd else { return nil }
        var keyReader = SSHReader(publicKeyBlob)
        guard keyReader.string() == Data(keyType.utf8), let key = keyReader.string(), key.count == 32,
              keyReader.isAtEnd else { return nil }
        var sigReader = SSHReader(sigBlob)
        guard sigReader.string() == Data(keyType.utf8), let sig = sigReader.string(), sig.count == 64,
              sigReader.isAtEnd else { return nil }
        return Parsed(publicKey: key, signature: sig)
    }

    /// True when `parsed` is a valid signature of `message` by its own public key.
    public static func isValid(_ parsed: Parsed, for message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: parsed.publicKey) else { return false }
        return key.isValidSignature(parsed.signature, for: signedData(for: message))
    }

    static func publicKeyBlob(_ raw: Data) -> Data {
        var blob = Data()
        blob.appendSSHString(Data(keyType.utf8))
        blob.appendSSHString(raw)
        return blob
    }

    /// `ssh-ed25519 AAAA…`, the form used in allowed-signers files and account records.
    public static func openSSHPublicKey(_ raw: Data) -> String {
        "\(keyType) \(publicKeyBlob(raw).base64EncodedString())"
    }

    /// Parses `ssh-ed25519 AAAA…` back to the 32 raw bytes.
    public static func rawPublicKey(fromOpenSSH text: String) -> Data? {
        let parts = text.split(separator: " ")
        guard parts.count >= 2, parts[0] == keyType, let blob = Data(base64Encoded: String(parts[1])) else {
            return nil
        }
        var reader = SSHReader(blob)
        guard reader.string() == Data(keyType.utf8), let key = reader.string(), key.count == 32,
              reader.isAtEnd else { return nil }
        return key
    }

    static func armor(_ blob: Data) -> String {
        let base64 = blob.base64EncodedString()
        var lines = ["-----BEGIN SSH SIGNATURE-----"]
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 70, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        lines.append("-----END SSH SIGNATURE-----")
        return lines.joined(separator: "\n")
    }
}

extension Data {
    mutating func appendUInt32(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff),
                            UInt8(value & 0xff)])
    }

    mutating func appendSSHString(_ bytes: Data) {
        appendUInt32(UInt32(bytes.count))
        append(bytes)
    }
}

/// Reads SSH wire-format fields from a buffer; every read returns nil past the end.
struct SSHReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> Data? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return Data(bytes[offset..<offset + count])
    }

    mutating func uint32() -> UInt32? {
        guard let four = take(4) else { return nil }
        return four.reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func string() -> Data? {
        guard let length = uint32(), length <= UInt32(Int32.max) else { return nil }
        return take(Int(length))
    }
}

import Crypto
import Foundation

/// SHA-256 of source bytes, as lowercase hex: how a migration names the file and each row it
/// brought in, so that anyone holding the source can check it against the records.
public enum SourceDigest {
    /// The SHA-256 of a slice of bytes, 64 lowercase hex digits.
    public static func sha256(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBytes { raw in hex(SHA256.hash(data: raw)) }
    }

    /// The SHA-256 of `data`.
    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

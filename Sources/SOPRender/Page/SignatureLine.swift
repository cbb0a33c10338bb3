/// One signature manifestation (21 CFR Part 11 §11.50) as it is shown under an SOP: who signed,
/// when, what the signature means, why, and the commit that carries the signature.
public struct SignatureLine: Sendable, Hashable {
    /// The signer's printed name.
    public var name: String
    /// The signer's user ID.
    public var signer: String
    /// The signing time, ISO 8601 in UTC, e.g. `2026-11-25T09:00:00Z`.
    public var time: String
    /// What the signature means, e.g. `approval`.
    public var meaning: String
    /// The reason the signer gave.
    public var reason: String
    /// The 40-hex ID of the signed commit.
    public var commit: String

    public init(name: String, signer: String, time: String, meaning: String, reason: String, commit: String) {
        self.name = name
        self.signer = signer
        self.time = time
        self.meaning = meaning
        self.reason = reason
        self.commit = commit
    }

    /// `time` as shown on a page: `2026-11-25 09:00:00 UTC`. A time that is not ISO 8601 in UTC
    /// (`YYYY-MM-DDTHH:MM:SS[.fff]Z`) is shown as given, without claiming to be UTC.
    var displayTime: String {
        let bytes = Array(time.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[10] == UInt8(ascii: "T") else { return time }
        let shape = Array("dddd-dd-ddTdd:dd:dd".utf8)
        for (index, expected) in shape.enumerated() {
            let byte = bytes[index]
            let matches = expected == UInt8(ascii: "d") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
            guard matches else { return time }
        }
        let fraction = bytes[19..<(bytes.count - 1)]
        guard fraction.isEmpty || (fraction.first == UInt8(ascii: ".") && fraction.count > 1
            && fraction.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return time }
        return String(decoding: bytes[0..<10], as: UTF8.self) + " " + String(decoding: bytes[11..<(bytes.count - 1)], as: UTF8.self) + " UTC"
    }
}

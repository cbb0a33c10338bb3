/// The versions an act records: of recrepo, and of the record schemas it was checked against.
public enum Version {
    /// recrepo's release.
    public static let software = "0.20.0"

    /// The first release whose acts were held to the rules on new input (`RecordEvent.admit`, such
    /// as the markdown limits): verify replays those rules for its acts and later ones, never for
    /// acts signed before the rules existed, which were valid when signed.
    public static let admitFrom = "0.17.0"

    /// Whether an act whose `Recrepo-Version` trailer says `version` was held to the rules on new input.
    public static func admits(_ version: String?) -> Bool {
        guard let version else { return false }
        let parts = version.split(separator: ".").map { Int($0) ?? 0 }
        let floor = admitFrom.split(separator: ".").map { Int($0) ?? 0 }
        return parts.lexicographicallyPrecedes(floor) == false
    }

    /// `schemas-` and 16 hex digits of an FNV-1a hash over every embedded schema file, by name:
    /// it changes exactly when a schema does.
    public static let schemas: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in Schemas.names {
            for byte in Array(name.utf8) + [0] + Array((EmbeddedFiles.contents[name] ?? "").utf8) + [0] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return "schemas-" + String(repeating: "0", count: 16 - hex.count) + hex
    }()
}

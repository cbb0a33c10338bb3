import Foundation

/// The signature manifestation carried by every commit (§11.50): who, printed name, when, what it
/// means and why. Each trailer appears exactly once.
public struct Trailers: Sendable, Equatable {
    public var record: String
    public var revision: Int?
    public var meaning: Meaning
    public var signer: String
    public var signerName: String
    public var signedAt: Date
    public var reason: String
    /// Further facts of the act (e.g. a drill's figures), in order, after the required ones.
    public var extra: [Extra]

    public struct Extra: Sendable, Equatable {
        public let key: String
        public let value: String
        public init(key: String, value: String) { self.key = key; self.value = value }
    }

    static let required = ["Record", "Meaning", "Signer", "Signer-Name", "Signed-At", "Reason"]

    var lines: [String] {
        var lines = ["Record: \(record)"]
        if let revision { lines.append("Revision: \(revision)") }
        lines += ["Meaning: \(meaning.rawValue)", "Signer: \(signer)", "Signer-Name: \(signerName)",
                  "Signed-At: \(Timestamp.iso(signedAt))", "Reason: \(reason)"]
        lines += extra.map { "\($0.key): \($0.value)" }
        return lines
    }

    /// The whole commit message: a summary line, a blank line, the trailers.
    func message(summary: String) -> String {
        "\(summary)\n\n\(lines.joined(separator: "\n"))\n"
    }

    /// Parses the last paragraph of a commit message; nil with a reason when it is not a complete,
    /// unique set of trailers.
    static func parse(message: String) -> Result<(summary: String, trailers: Trailers), TrailerProblem> {
        // The trailer block is the last paragraph; byte-level slicing keeps verify of 100,000
        // commits fast (Foundation's string helpers were a third of its time).
        var bytes = Array(message.utf8)
        while bytes.last == 10 { bytes.removeLast() }
        var start: Int?
        for index in stride(from: bytes.count - 1, to: 0, by: -1) where bytes[index] == 10 && bytes[index - 1] == 10 {
            start = index + 1
            break
        }
        guard let start, start < bytes.count else { return .failure(.missing("trailers")) }
        var values: [String: String] = [:]
        var extra: [Extra] = []
        func take(_ key: String, _ value: String) -> TrailerProblem? {
            guard values[key] == nil, !extra.contains(where: { $0.key == key }) else { return .duplicate(key) }
            if required.contains(key) || key == "Revision" { values[key] = value } else {
                extra.append(Extra(key: key, value: value))
            }
            return nil
        }
        let block = bytes[start...]
        if block.allSatisfy({ $0 < 0x80 && $0 != 13 }) {
            // ASCII without CR, as recrepo writes it: one byte is one Character, so splitting
            // bytes finds what splitting Characters finds below, at a fraction of the cost (index
            // rebuilds parse every commit of the history).
            for line in block.split(separator: 10, omittingEmptySubsequences: false) {
                guard let colon = line.firstIndex(of: 58), colon + 1 < line.endIndex, line[colon + 1] == 32 else {
                    return .failure(.malformed(String(decoding: line, as: UTF8.self)))
                }
                let key = String(decoding: line[..<colon], as: UTF8.self)
                if let problem = take(key, String(decoding: line[(colon + 2)...], as: UTF8.self)) { return .failure(problem) }
            }
        } else {
            for line in String(decoding: block, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                guard let colon = line.firstIndex(of: ":"), line[line.index(after: colon)...].hasPrefix(" ") else {
                    return .failure(.malformed(String(line)))
                }
                let key = String(line[..<colon])
                if let problem = take(key, String(line[line.index(colon, offsetBy: 2)...])) { return .failure(problem) }
            }
        }
        for key in required where values[key] == nil { return .failure(.missing(key)) }
        guard let meaning = values["Meaning"].flatMap(Meaning.init(rawValue:)) else {
            return .failure(.invalid("Meaning", values["Meaning"] ?? ""))
        }
        guard let signedAt = values["Signed-At"].flatMap(Timestamp.parse) else {
            return .failure(.invalid("Signed-At", values["Signed-At"] ?? ""))
        }
        var revision: Int?
        if let text = values["Revision"] {
            guard let number = Int(text), number > 0 else { return .failure(.invalid("Revision", text)) }
            revision = number
        }
        let trailers = Trailers(
            record: values["Record"] ?? "", revision: revision, meaning: meaning, signer: values["Signer"] ?? "",
            signerName: values["Signer-Name"] ?? "", signedAt: signedAt, reason: values["Reason"] ?? "",
            extra: extra)
        let summary = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
        return .success((summary, trailers))
    }
}

/// Why a commit's trailers are not a valid signature manifestation.
public enum TrailerProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    case duplicate(String)
    case malformed(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let key): "trailer \(key) is missing"
        case .duplicate(let key): "trailer \(key) appears more than once"
        case .malformed(let line): "trailer line '\(line)' is not 'Key: value'"
        case .invalid(let key, let value): "trailer \(key) has an invalid value '\(value)'"
        }
    }
}

/// ISO 8601 UTC timestamps with whole seconds (`2025-11-25T08:00:00Z`), the only form recrepo writes.
public enum Timestamp {
    public static func iso(_ date: Date) -> String {
        var time = time_t(seconds(date))
        var parts = tm()
        gmtime_r(&time, &parts)
        var bytes = Array("0000-00-00T00:00:00Z".utf8)
        func put(_ value: Int, at end: Int, width: Int) {
            var value = value
            for offset in 0..<width {
                bytes[end - offset] = UInt8(48 + value % 10)
                value /= 10
            }
        }
        put(Int(parts.tm_mon) + 1, at: 6, width: 2)
        put(Int(parts.tm_mday), at: 9, width: 2)
        put(Int(parts.tm_hour), at: 12, width: 2)
        put(Int(parts.tm_min), at: 15, width: 2)
        put(Int(parts.tm_sec), at: 18, width: 2)
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year) else {
            let digits = String(year)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
                + String(decoding: bytes.dropFirst(4), as: UTF8.self)
        }
        put(year, at: 3, width: 4)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58,
              bytes[16] == 58, bytes[19] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int32(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else {
            return nil
        }
        var parts = tm()
        parts.tm_year = year - 1900; parts.tm_mon = month - 1; parts.tm_mday = day
        parts.tm_hour = hour; parts.tm_min = minute; parts.tm_sec = second
        let seconds = timegm(&parts)
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return iso(date) == text ? date : nil
    }

    /// Seconds since 1970, truncated: git stores whole seconds.
    public static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}

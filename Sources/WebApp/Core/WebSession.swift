import Foundation

/// What the server keeps of a signed-in person between requests. No password and no key: every
/// signing asks for the password again (§11.200(a)(1)).
public struct WebSession: Codable, Sendable, Equatable {
    public var user: String
    /// The token every form and every API call that changes something must carry.
    public var csrf: String
    public var signedInAt: Date
    public var lastSeen: Date

    /// A token of 32 random bytes from the system's generator, as URL-safe base64.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// True for a value `token()` could have made: 43 characters of the URL-safe base64 alphabet.
    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}

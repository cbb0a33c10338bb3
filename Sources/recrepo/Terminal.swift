import Foundation

/// Reading secrets and writing to the person at the terminal.
enum Terminal {
    /// Where this command runs, for the Terminal trailer: the host name and the terminal of
    /// standard input (`plant-pc-3 /dev/pts/1`), or `no tty` when input is not a terminal.
    static let place: String = {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0 ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown host"
        let tty = ttyname(0).map { String(cString: $0) } ?? "no tty"
        let place = "\(host) \(tty)".unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }
        return String(String.UnicodeScalarView(place.prefix(200))).trimmingCharacters(in: .whitespaces)
    }()

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("recrepo: warning: \(text)\n".utf8))
    }

    /// `$RECREPO_PASSWORD`, else asked on the terminal without echo, else a clear error.
    static func password(prompt: String) throws -> String {
        if let value = ProcessInfo.processInfo.environment["RECREPO_PASSWORD"] { return value }
        return try ask(prompt)
    }

    /// `$RECREPO_NEW_PASSWORD`, else asked twice on the terminal; nil when neither is available and
    /// `optional` (a generated one-time password is then used).
    static func newPassword(optional: Bool) throws -> String? {
        if let value = ProcessInfo.processInfo.environment["RECREPO_NEW_PASSWORD"] { return value }
        if optional { return nil }
        let first = try ask("New password: ")
        guard try ask("Repeat the new password: ") == first else {
            throw CLIError.refused("the two new passwords differ; nothing was changed")
        }
        return first
    }

    private static func ask(_ prompt: String) throws -> String {
        // getpass falls back to standard input when there is no terminal; never read a secret from a pipe.
        let tty = Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC)
        if tty >= 0 { Glibc.close(tty) }
        guard tty >= 0, let raw = getpass(prompt) else {
            throw CLIError.usage("no terminal to ask for a password: set RECREPO_PASSWORD (and RECREPO_NEW_PASSWORD where a new one is needed)")
        }
        return String(cString: raw)
    }
}

extension Terminal {
    /// Text from a record made safe for a terminal: control characters (escape sequences) removed.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }
}

/// Text made safe to print on a terminal: no control characters, so no escape sequence (CSI, OSC,
/// a title-setting sequence, a carriage return that overprints a line) can come from user input.
enum TerminalText {
    /// `text` without C0 controls (except line feed and tab when `keepingLines`), DEL, C1 controls
    /// (U+0080 to U+009F, which some terminals read as escape sequences) and the bidirectional
    /// overrides and isolates (U+202A to U+202E, U+2066 to U+2069) that make a line display in
    /// another order than it reads. Without `keepingLines`, line feeds and tabs become spaces, so a
    /// one-line field cannot forge a line of its own.
    static func clean(_ text: String, keepingLines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isUnsafe(scalar) {
                scalars.append(scalar)
            } else if scalar == "\n" || scalar == "\t" {
                scalars.append(keepingLines ? scalar : " ")
            }
        }
        return String(scalars)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

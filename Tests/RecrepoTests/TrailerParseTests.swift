import Foundation
@testable import RecordRepo
import Testing

/// Trailers are parsed byte by byte when the block is ASCII without CR (what recrepo writes), by
/// Characters otherwise: both must give what the Character parser always gave.
@Suite struct TrailerParseTests {
    static let block = """
        Record: WO-000001
        Revision: 3
        Meaning: execution
        Signer: tess
        Signer-Name: Tess Tech
        Signed-At: 2026-11-25T09:00:00Z
        Reason: Step 2: pressure checked
        Checked-By: sam
        """

    static func parsed(_ message: String) -> (summary: String, trailers: Trailers)? {
        if case .success(let parsed) = Trailers.parse(message: message) { return parsed }
        return nil
    }

    static func problem(_ message: String) -> TrailerProblem? {
        if case .failure(let problem) = Trailers.parse(message: message) { return problem }
        return nil
    }

    @Test("an ASCII block gives every trailer, a colon in a value kept, extra trailers in order")
    func ascii() throws {
        let parsed = try #require(Self.parsed("Sign step 2 of WO-000001\n\n\(Self.block)\n"))
        #expect(parsed.summary == "Sign step 2 of WO-000001")
        let trailers = parsed.trailers
        #expect(trailers.record == "WO-000001" && trailers.revision == 3 && trailers.meaning == .execution)
        #expect(trailers.signer == "tess" && trailers.signerName == "Tess Tech" && trailers.reason == "Step 2: pressure checked")
        #expect(Timestamp.iso(trailers.signedAt) == "2026-11-25T09:00:00Z")
        #expect(trailers.extra == [Trailers.Extra(key: "Checked-By", value: "sam")])
    }

    @Test("a non-ASCII block gives the same trailers, names and values as written")
    func unicode() throws {
        let block = Self.block.replacingOccurrences(of: "Tess Tech", with: "Tèss Tech").replacingOccurrences(of: "Checked-By", with: "Vérifié")
        let trailers = try #require(Self.parsed("Sign\n\n\(block)")).trailers
        #expect(trailers.signerName == "Tèss Tech" && trailers.extra == [Trailers.Extra(key: "Vérifié", value: "sam")])
    }

    @Test("a CR before a line feed joins the two lines, as one Character would")
    func carriageReturn() {
        let block = Self.block.replacingOccurrences(of: "Revision: 3\n", with: "Revision: 3\r\n")
        // "Revision: 3\r\nMeaning: execution" is one line: Meaning is never seen, the revision is not a number.
        #expect(Self.problem("Sign\n\n\(block)") == .missing("Meaning"))
    }

    @Test("a message given as bytes parses as its decoded text does, bytes that are not UTF-8 included")
    func bytes() {
        let messages: [[UInt8]] = [
            Array("Sign step 2\n\n\(Self.block)\n".utf8),
            Array("Sign \u{FF}\n\n".utf8) + [0xC3, 0x28] + Array("\n\n\(Self.block)".utf8),
            Array("Sign\n\n\(Self.block.replacingOccurrences(of: "Tess Tech", with: "Tess"))".utf8) + [0xE2, 0x82, 0x0A],
            Array("Sign\n\n".utf8) + [0xFF] + Array("Record: X\n".utf8),
            Array("\n\n\n".utf8), [],
        ]
        for bytes in messages {
            let text = String(decoding: bytes, as: UTF8.self)
            let fromBytes = bytes.withUnsafeBufferPointer { Trailers.parse(utf8: $0) }
            let fromText = Trailers.parse(message: text)
            switch (fromBytes, fromText) {
            case (.success(let a), .success(let b)): #expect(a.summary == b.summary && a.trailers == b.trailers, "\(text)")
            case (.failure(let a), .failure(let b)): #expect(a == b, "\(text)")
            default: Issue.record("bytes and text disagree on \(text)")
            }
        }
    }

    @Test("malformed and duplicate lines are reported in the order they come")
    func problems() {
        #expect(Self.problem("Sign\n\n\(Self.block)\nNo colon here") == .malformed("No colon here"))
        #expect(Self.problem("Sign\n\n\(Self.block)\nKey:no space") == .malformed("Key:no space"))
        #expect(Self.problem("Sign\n\n\(Self.block)\nKey:") == .malformed("Key:"))
        #expect(Self.problem("Sign\n\n\(Self.block)\nSigner: sam\nNo colon") == .duplicate("Signer"))
        #expect(Self.problem("Sign\n\n\(Self.block)\nChecked-By: dan") == .duplicate("Checked-By"))
        #expect(Self.problem("Sign\n\nRecord: X") == .missing("Meaning"))
        #expect(Self.problem("Sign only\n") == .missing("trailers"))
        #expect(Self.problem("Sign\n\n\(Self.block.replacingOccurrences(of: "Revision: 3", with: "Revision: 0"))") == .invalid("Revision", "0"))
    }

    @Test("timestamps print with every field two digits wide and read back only in that exact form")
    func timestamps() {
        for (seconds, text) in [(0, "1970-01-01T00:00:00Z"), (1_772_323_509, "2026-03-01T00:05:09Z"),
                                (1_709_164_800, "2024-02-29T00:00:00Z"), (253_402_300_799, "9999-12-31T23:59:59Z")] {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(Timestamp.iso(date) == text)
            #expect(Timestamp.parse(text) == date)
        }
        #expect(Timestamp.iso(Date(timeIntervalSince1970: 0.999)) == "1970-01-01T00:00:00Z", "whole seconds, truncated")
        for text in ["2026-02-30T00:00:00Z", "2026-3-01T00:05:09Z", "2026-03-01T24:00:00Z", "2026-03-01 00:05:09Z",
                     "2026-03-01T00:05:09", "2026-03-01T00:05:09+00:00", "２026-03-01T00:05:09Z"] {
            #expect(Timestamp.parse(text) == nil, "\(text)")
        }
    }
}

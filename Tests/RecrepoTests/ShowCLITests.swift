import Foundation
import Testing

/// `recrepo show` for any record, and signatures with printed names in `wo show`.
@Suite struct ShowCLITests {
    @Test("show prints any record's fields and every signature with printed name, time and meaning")
    func anyRecord() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let job = try cli.run(["show", "WO-000001"])
        #expect(job.status == 0, "\(job.stderr)")
        #expect(job.stdout.hasPrefix("Work order WO-000001") && job.stdout.contains("status: closed"))
        #expect(job.stdout.contains("Quinn QA (quinn)  approval r8  Released for use"), "\(job.stdout)")
        for id in ["SOP-0001", "AC-101", "DRILL-000001", "AR-000001", "tara", "policy"] {
            let shown = try cli.run(["show", id, "--format", "json"])
            #expect(shown.status == 0, "\(id): \(shown.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
            #expect(json?["id"] as? String == id && (json?["acts"] as? [Any])?.isEmpty == false, "\(id)")
        }
        let page = try cli.run(["show", "tara", "--format", "html"])
        #expect(page.stdout.hasPrefix("<!DOCTYPE html>") && page.stdout.contains("Alice Admin"))
    }

    @Test("hostile or unknown IDs are refused naming the ID and the forms an ID takes", arguments: ["../x", ".git", "a\nb", "WO-999999", ""])
    func refused(id: String) throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shown = try cli.run(["show", id])
        #expect(shown.status == 1 && shown.stdout.isEmpty, "\(shown.stdout)")
        #expect(shown.stderr.contains("WO-999999 does not exist") || shown.stderr.contains("a record ID looks like SOP-0001"), "\(shown.stderr)")
    }

    @Test("wo show names every signer by printed name with the time and meaning of each signature")
    func workOrderSignatures() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try cli.run(["wo", "show", "WO-000001"]).stdout
        #expect(text.contains("Signatures (oldest first):") && text.contains("Tara Tech (tara)  completion r6  All steps done"))
        let html = try cli.run(["wo", "show", "WO-000001", "--format", "html"]).stdout
        #expect(html.contains("<td>Quinn QA (quinn)</td><td>approval</td>"))
    }
}

import Foundation
import Testing

/// A job's page and its export carry the SOP revision it was executed against, rendered, with
/// that revision's signatures.
@Suite struct JobPageTests {
    @Test("wo show --format html and export include the bound SOP revision, rendered, with its signatures")
    func executedRevision() throws {
        let (cli, directory) = try EquipmentRegisterTests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try cli.effectiveSOP("# Door seal check\n\n- [ ] Inspect the *door seal*\n- [ ] Read the pressure `reading: pressure in bar, at most 2.5`\n",
                                 title: "Door seal check", in: directory)
        #expect(try EquipmentRegisterTests.sam(cli, ["equipment", "add", "AC-101", "--name", "Autoclave", "--reason", "New"]).status == 0)
        #expect(try EquipmentRegisterTests.sam(cli, ["wo", "new", "--sop", "SOP-0001", "--equipment", "AC-101", "--title", "Seal",
                                                     "--assign", "tess", "--reason", "Weekly"]).status == 0)
        #expect(try cli.run(["wo", "start", "WO-000001"], user: "tess", password: "own pass phrase 1").status == 0)

        let page = try cli.run(["wo", "show", "WO-000001", "--format", "html"])
        #expect(page.status == 0, "\(page.stderr)")
        #expect(page.stdout.contains("SOP executed: SOP-0001 revision 1, Door seal check"), "\(page.stdout)")
        #expect(page.stdout.contains("<em>door seal</em>") && page.stdout.contains("type=\"checkbox\""), "rendered through cmark-gfm")
        #expect(page.stdout.contains("User quinn (quinn)") && page.stdout.contains("approval"), "the revision's approval signature")

        let out = directory.appendingPathComponent("export").path
        #expect(try cli.run(["export", "WO-000001", "--out", out]).status == 0)
        let exported = try String(contentsOfFile: out + "/WO-000001.sop.html", encoding: .utf8)
        #expect(exported.contains("Door seal check") && exported.contains("Executed by WO-000001") && exported.contains("quinn"))
    }
}

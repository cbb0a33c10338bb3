import Documents
import Foundation
import Testing

/// The plant's way out of a clock set ahead, from the command line: the real clock of this
/// machine is the true time, and the act ahead of it was signed through the library.
@Suite struct ClockCLITests {
    @Test("recrepo clock incident, approve, then acts go on and verify reports the disputed act")
    func incidentFromTheCommandLine() throws {
        let plant = try Plant(start: Date().addingTimeInterval(-3_600))
        // The library's clock runs 80 days ahead of this machine's.
        plant.repo.clock.advance(3_600 + 80 * 86_400)
        _ = try plant.records.addEquipment("AC-102", name: "Autoclave 2", location: nil, department: nil,
                                           reason: "Commissioned", by: plant.sam)
        let cli = CLI(repo: plant.repo.path)
        let sam = ["AC-103", "--name", "Autoclave 3", "--reason", "Commissioned"]
        let behind = try cli.run(["equipment", "add"] + sam, user: "sam", password: "user password 1")
        #expect(behind.status == 1 && behind.stderr.contains("clock incident"), "\(behind.stderr)")
        let proposed = try cli.admin(["clock", "incident", "--reason", "Server clock was 80 days ahead"])
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(proposed.stdout.contains("AC-102"))
        let id = try #require(proposed.stdout.split(separator: "\n").last.map(String.init))
        let waiting = try cli.run(["equipment", "add"] + sam, user: "sam", password: "user password 1")
        #expect(waiting.status == 1 && waiting.stderr.contains("awaits qa's decision"), "\(waiting.stderr)")
        let approved = try cli.run(["clock", "approve", id, "--reason", "Checked against the time server's log"],
                                   user: "quinn", password: "user password 1")
        #expect(approved.status == 0, "\(approved.stderr)")
        let added = try cli.run(["equipment", "add"] + sam, user: "sam", password: "user password 1")
        #expect(added.status == 0, "\(added.stderr)")
        let verified = try cli.run(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("DISPUTED") && verified.stdout.contains("1 act(s) with disputed times"), "\(verified.stdout)")
        let shown = try cli.run(["show", id])
        #expect(shown.status == 0 && shown.stdout.contains("approved"), "\(shown.stdout)\(shown.stderr)")
    }
}

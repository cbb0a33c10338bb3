import Foundation
import Testing

/// `recrepo audit review` and `recrepo audit status`, through the real binary.
@Suite struct AuditCLITests {
    /// A repository with the auditor ann and the technician tom, both able to sign.
    static func repository() throws -> (CLI, URL) {
        let (cli, directory) = try CLI.initialised()
        for (id, role) in [("ann", "auditor"), ("tom", "technician")] {
            try cli.person(id, role: role)
        }
        return (cli, directory)
    }

    static func status(_ cli: CLI) throws -> [String: Any] {
        let output = try cli.run(["audit", "status", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test("status as JSON before and after a review; the review prints its ID; refusals exit 1 and leave main alone")
    func reviewAndStatus() throws {
        let (cli, directory) = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        var status = try Self.status(cli)
        #expect(Set(status.keys) == ["lastReview", "unreviewed", "overdue"])
        #expect(status["lastReview"] is NSNull && status["unreviewed"] as? Int == 7 && status["overdue"] as? Bool == false)

        let head = try cli.head()
        let refused = try cli.run(["audit", "review", "--reason", "Review"], user: "tom", password: "own pass phrase 1")
        #expect(refused.status == 1 && refused.stderr.contains("tom may not sign an audit-trail review"), "\(refused.stderr)")
        #expect(try cli.head() == head)

        let review = try cli.run(["audit", "review", "--reason", "Monthly review"], user: "ann", password: "own pass phrase 1")
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.split(separator: "\n").last == "AR-000001" && review.stdout.contains("Reviewed 7 acts"), "\(review.stdout)")
        status = try Self.status(cli)
        let last = try #require(status["lastReview"] as? [String: Any])
        #expect(Set(last.keys) == ["commit", "time", "signer", "through"])
        #expect(last["commit"] as? String == (try cli.head()) && last["through"] as? String == head && last["signer"] as? String == "ann")
        #expect(status["unreviewed"] as? Int == 0)

        let again = try cli.run(["audit", "review", "--reason", "Again"], user: "ann", password: "own pass phrase 1")
        #expect(again.status == 1 && again.stderr.contains("nothing to review"), "\(again.stderr)")
        let text = try cli.run(["audit", "status"]).stdout
        #expect(text.contains("by ann") && text.contains("Unreviewed acts: 0") && text.contains("Overdue: no"), "\(text)")
        #expect(try cli.run(["log"]).stdout.contains("audit-review  AR-000001"))
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test("--help prints the command's help and exits 0", arguments: [[], ["audit"], ["audit", "review"], ["audit", "status"], ["export"], ["verify"]])
    func help(command: [String]) throws {
        let output = try Command.run(CLI.binary, command + ["--help"])
        #expect(output.status == 0 && output.stdout.hasPrefix("OVERVIEW:") && output.stderr.isEmpty, "\(output.stderr)")
    }
}

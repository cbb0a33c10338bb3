import Foundation
import Testing

/// `recrepo train` and `recrepo sop periodic-review`/`review-due` through the real binary.
@Suite struct TrainingCLITests {
    static let pass = "own pass phrase 1"

    /// A repository with an effective SOP (dora, dan, quinn), supervisor sam, technician tess and
    /// the equipment CR-101.
    static func plant() throws -> (CLI, URL, String) {
        let (cli, directory) = try CLI.initialised()
        let sop = try cli.effectiveSOP("# Check\n\n- [ ] Check the seal\n- [ ] Log it\n", title: "Cold room check", in: directory)
        for (id, role) in [("sam", "supervisor"), ("tess", "technician")] { try cli.person(id, role: role) }
        let added = try cli.run(["equipment", "add", "CR-101", "--name", "Cold room", "--reason", "Commissioned"], user: "sam", password: pass)
        guard added.status == 0 else { throw CLIFailure(output: added) }
        return (cli, directory, sop)
    }

    @Test("the gate through the command line: untrained tess is refused, trained and acknowledged she starts; due and matrix follow")
    func gateEndToEnd() throws {
        let (cli, _, sop) = try Self.plant()
        for (user, arguments) in [("alice", ["policy", "change", "--set", "training-gate=true", "--reason", "Gate the work"]),
                                  ("quinn", ["policy", "approve", "--reason", "Agreed"]),
                                  ("sam", ["wo", "new", "--sop", sop, "--equipment", "CR-101", "--title", "Weekly", "--assign", "tess",
                                           "--reason", "Planned"])] {
            let done = try cli.run(arguments, user: user, password: user == "alice" ? "admin password 1" : Self.pass)
            #expect(done.status == 0, "\(done.stderr)")
        }
        #expect(try cli.run(["policy", "show"]).stdout.contains("training-gate: true"))
        let head = try cli.head()
        let refused = try cli.run(["wo", "start", "WO-000001"], user: "tess", password: Self.pass)
        #expect(refused.status != 0 && refused.stderr.contains("tess is not trained on \(sop) revision 1"), "\(refused.stderr)")
        #expect(try cli.head() == head)
        let due = try cli.run(["train", "due", "--format", "json"])
        let items = try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [[String: Any]]
        #expect(items?.count == 1 && items?.first?["user"] as? String == "tess" && items?.first?["revision"] as? Int == 1, "\(due.stdout)")
        let recorded = try cli.run(["train", "record", "tess", sop, "--revision", "1", "--reason", "Walk-through"], user: "sam", password: Self.pass)
        #expect(recorded.status == 0 && recorded.stdout.split(separator: "\n").last == "TRN-000001", "\(recorded.stdout)\(recorded.stderr)")
        let byTrainer = try cli.run(["train", "acknowledge", "TRN-000001"], user: "sam", password: Self.pass)
        #expect(byTrainer.status != 0 && byTrainer.stderr.contains("only the trainee"), "\(byTrainer.stderr)")
        let acknowledged = try cli.run(["train", "acknowledge", "TRN-000001"], user: "tess", password: Self.pass)
        #expect(acknowledged.status == 0, "\(acknowledged.stderr)")
        #expect(try cli.run(["train", "due"]).stdout.contains("No training is due"))
        let started = try cli.run(["wo", "start", "WO-000001"], user: "tess", password: Self.pass)
        #expect(started.status == 0, "\(started.stderr)")
        let csv = try cli.run(["train", "matrix", "--format", "csv"]).stdout
        #expect(csv.contains("user,\(sop) r1") && csv.contains("tess,r1 effective"), "\(csv)")
        let html = try cli.run(["train", "matrix", "--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<td>r1 effective</td>") && !html.contains("<script"))
        let shown = try cli.run(["show", "TRN-000001"])
        #expect(shown.status == 0 && shown.stdout.contains("acknowledged"), "\(shown.stdout)\(shown.stderr)")
        // The index follows the acknowledgement and its mark, and audit finds the trainee's signature.
        let checked = try cli.run(["index", "check"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let audit = try cli.run(["audit", "--meaning", "acknowledgement", "--format", "json"])
        #expect(audit.status == 0 && audit.stdout.contains("TRN-000001"), "\(audit.stdout)\(audit.stderr)")
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test("bad training input exits non-zero naming the field and leaves main unchanged", arguments: [
        (["train", "record", "../x", "SOP-0001", "--revision", "1", "--reason", "x"], "user"),
        (["train", "record", "nobody", "SOP-0001", "--revision", "1", "--reason", "x"], "user"),
        (["train", "record", "tess", "../x", "--revision", "1", "--reason", "x"], "SOP ID"),
        (["train", "record", "tess", "SOP-0009", "--revision", "1", "--reason", "x"], "SOP"),
        (["train", "record", "tess", "SOP-0001", "--revision", "9", "--reason", "x"], "revision"),
        (["train", "record", "tess", "SOP-0001", "--revision", "0", "--reason", "x"], "revision"),
        (["train", "record", "tess", "SOP-0001", "--revision", "two", "--reason", "x"], "--revision"),
        (["train", "acknowledge", "../x"], "training ID"),
        (["train", "acknowledge", "TRN-000009"], "TRN-000009"),
        (["train", "due", "--user", "../x"], "user"),
        (["sop", "periodic-review", "../x", "--no-change", "--reason", "x"], "SOP ID"),
        (["sop", "periodic-review", "SOP-0001", "--reason", "x"], "--no-change or --revise"),
        (["sop", "periodic-review", "SOP-0001", "--no-change", "--revise", "--reason", "x"], "--no-change or --revise"),
        (["sop", "periodic-review", "SOP-0001", "--no-change", "--interval", "500", "--reason", "x"], "review interval"),
    ])
    func badInput(arguments: [String], field: String) throws {
        let (cli, _, sop) = try Self.plant()
        #expect(sop == "SOP-0001")
        let head = try cli.head()
        let user = arguments[0] == "sop" ? "quinn" : (arguments[1] == "acknowledge" ? "tess" : "sam")
        let result = try cli.run(arguments, user: user, password: Self.pass)
        #expect(result.status != 0 && result.stderr.contains(field), "\(arguments): \(result.stderr)")
        #expect(try cli.head() == head)
    }

    @Test("periodic review through the command line: no change, then revise opens revision 2 as a draft; review-due lists nothing yet")
    func periodicReview() throws {
        let (cli, _, sop) = try Self.plant()
        let byTech = try cli.run(["sop", "periodic-review", sop, "--no-change", "--reason", "x"], user: "tess", password: Self.pass)
        #expect(byTech.status != 0 && byTech.stderr.contains("periodic review"), "\(byTech.stderr)")
        let kept = try cli.run(["sop", "periodic-review", sop, "--no-change", "--interval", "12", "--reason", "Still fit"], user: "quinn",
                               password: Self.pass)
        #expect(kept.status == 0 && kept.stdout.contains("no change"), "\(kept.stderr)")
        let revised = try cli.run(["sop", "periodic-review", sop, "--revise", "--reason", "New autoclave model"], user: "quinn",
                                  password: Self.pass)
        #expect(revised.status == 0 && revised.stdout.contains("revision 2 is open as a draft"), "\(revised.stderr)")
        let due = try cli.run(["sop", "review-due", "--format", "json"])
        let listed = try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [Any]
        #expect(due.status == 0 && listed?.isEmpty == true, "\(due.stdout)")
        #expect(try cli.run(["verify"]).status == 0)
    }
}

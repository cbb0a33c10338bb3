import Foundation
import Testing

/// Document control and jobs through the real binary, as users and scripts drive them.
@Suite struct DocumentCLITests {
    /// A repository with dora (document control), dan (document control), quinn (QA), sam
    /// (supervisor) and tess (technician), each with the changed password "own pass phrase 1".
    static func plant() throws -> (CLI, URL) {
        let (cli, directory) = try CLI.initialised()
        for (id, role) in [("dora", "document-control"), ("dan", "document-control"), ("quinn", "qa"),
                           ("sam", "supervisor"), ("tess", "technician")] {
            try cli.person(id, role: role)
        }
        return (cli, directory)
    }

    static func act(_ cli: CLI, _ user: String, _ arguments: [String]) throws -> Git.Output {
        try cli.run(arguments, user: user, password: "own pass phrase 1")
    }

    @Test("sop new -> effective, shown back byte for byte, as JSON and as a page; a job follows it; verify and stock git agree")
    func lifecycle() throws {
        let (cli, directory) = try Self.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = Corpus.directory.appendingPathComponent("sop-capa.md")
        let body = try Data(contentsOf: source) + Data("\n- [ ] Open the CAPA form\n- [ ] Sign it\n".utf8)
        let file = directory.appendingPathComponent("capa.md")
        try body.write(to: file)
        let made = try Self.act(cli, "dora", ["sop", "new", "--title", "CAPA process", "--file", file.path, "--reason", "New SOP"])
        #expect(made.status == 0, "\(made.stderr)")
        let id = String(try #require(made.stdout.split(separator: "\n").last))
        #expect(id == "SOP-0001")
        #expect(try Self.act(cli, "dora", ["sop", "submit", id, "--reason", "Ready"]).status == 0)
        #expect(try Self.act(cli, "dan", ["sop", "review", id, "--reason", "Checked"]).status == 0)
        #expect(try Self.act(cli, "quinn", ["sop", "approve", id, "--reason", "Approved"]).status == 0)
        let markdown = try Command.runData(CLI.binary, ["sop", "show", id, "--format", "markdown"], environment: ["RECREPO_REPO": cli.repo])
        #expect(markdown == body, "sop show --format markdown gives back the stored bytes")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["sop", "show", id, "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(json["id"] as? String == id && json["revision"] as? Int == 1 && json["status"] as? String == "effective")
        let signatures = try #require(json["signatures"] as? [[String: Any]])
        #expect(signatures.map { $0["meaning"] as? String } == ["authorship", "authorship", "review", "approval"])
        #expect(Set(signatures[3].keys) == ["meaning", "signer", "name", "time", "reason", "commit"])
        let html = try cli.run(["sop", "show", id, "--format", "html"]).stdout
        #expect(html.contains("<table") && html.contains("User quinn") && !html.contains("NOT FOR USE"))
        let text = try cli.run(["sop", "show", id]).stdout
        #expect(text.contains("approval") && text.contains("User quinn") && text.contains("UTC"))

        #expect(try Self.act(cli, "sam", ["equipment", "add", "AC-101", "--name", "Autoclave", "--reason", "Commissioned"]).status == 0)
        let order = try Self.act(cli, "sam", ["wo", "new", "--sop", id, "--equipment", "AC-101", "--title", "CAPA check",
                                              "--assign", "tess", "--reason", "Planned"])
        let wo = String(try #require(order.stdout.split(separator: "\n").last))
        #expect(wo == "WO-000001")
        #expect(try Self.act(cli, "tess", ["wo", "start", wo]).status == 0)
        let served = try Command.runData(CLI.binary, ["wo", "sop", wo, "--format", "markdown"], environment: ["RECREPO_REPO": cli.repo])
        #expect(served == body)
        #expect(try Self.act(cli, "tess", ["wo", "step", wo, "1"]).status == 0)
        #expect(try Self.act(cli, "tess", ["wo", "step", wo, "2", "--note", "Signed on paper too"]).status == 0)
        #expect(try Self.act(cli, "tess", ["wo", "complete", wo, "--reason", "Done"]).status == 0)
        #expect(try Self.act(cli, "sam", ["wo", "review", wo, "--reason", "OK"]).status == 0)
        #expect(try Self.act(cli, "quinn", ["wo", "close", wo, "--reason", "Released"]).status == 0)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["wo", "show", wo, "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(shown["status"] as? String == "closed")
        #expect(try cli.run(["verify"]).status == 0)
        let signers = directory.appendingPathComponent("allowed").path
        #expect(try cli.run(["allowed-signers", "--output", signers]).status == 0)
        #expect(try Git.stockVerification(of: cli.repo, allowedSigners: try String(contentsOfFile: signers, encoding: .utf8)).isEmpty)
        #expect(try Git.fsck(cli.repo).status == 0)
    }

    @Test("bad input to sop, equipment and wo: a clear error, exit 1 or 2, main unchanged", arguments: [
        ["sop", "review", "../x", "--reason", "r"], ["sop", "review", ".git", "--reason", "r"],
        ["sop", "review", "SOP-0001\nX", "--reason", "r"], ["sop", "show", "SOP-0001/../../x"],
        ["sop", "new", "--title", "T", "--file", "/nonexistent.md", "--reason", "r"],
        ["sop", "new", "--title", "T\nEvil: yes", "--file", "BODY", "--reason", "r"],
        ["sop", "new", "--title", "T", "--file", "BODY"],
        ["sop", "approve", "SOP-0001", "--reason", "r", "--effective", "tomorrow"],
        ["equipment", "add", "../x", "--name", "X", "--reason", "r"],
        ["equipment", "add", "AC-1", "--name", "X\u{0}Y", "--reason", "r"],
        ["wo", "new", "--sop", "SOP-0001", "--equipment", "NOPE-1", "--title", "T", "--reason", "r"],
        ["wo", "new", "--sop", "SOP-0001", "--equipment", "AC-101", "--title", String(repeating: "t", count: 201), "--reason", "r"],
        ["wo", "start", "WO-1"], ["wo", "step", "WO-000001", "one"], ["wo", "sop", "../../etc/passwd"],
    ])
    func badInput(arguments: [String]) throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("body.md")
        try Data("- [ ] one\n".utf8).write(to: file)
        let before = try cli.head()
        let result = try cli.admin(arguments.map { $0 == "BODY" ? file.path : $0 })
        #expect(result.status == 1 || result.status == 2, "\(arguments): \(result.status)")
        #expect(!result.stderr.isEmpty && result.stdout.isEmpty, "\(arguments): \(result.stdout)")
        #expect(try cli.head() == before)
    }
}

import Foundation
import Testing

/// `recrepo serve` as a plant runs it: the real binary on loopback, driven by curl.
@Suite(.serialized) struct ServeCLITests {
    @Test("serve refuses a --listen that is not HOST:PORT, and a certificate without its key, with the usage exit 2")
    func usage() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let listen = try cli.run(["serve", "--listen", "localhost"])
        #expect(listen.status == 2 && listen.stderr.contains("--listen takes HOST:PORT"))
        let tls = try cli.run(["serve", "--tls-cert", "cert.pem"])
        #expect(tls.status == 2 && tls.stderr.contains("--tls-cert and --tls-key together"))
    }

    @Test("over TLS the pages answer on HTTPS with Secure cookies; an act signed in the browser names the web and the client's address in its Terminal trailer")
    func tlsAndClientAddress() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sop = try cli.effectiveSOP("# Check\n\n- [ ] Inspect the seal\n", title: "Seal check", in: directory)
        try cli.person("sam", role: "supervisor")
        try cli.person("tess", role: "technician")
        #expect(try DocumentCLITests.act(cli, "sam", ["equipment", "add", "AC-101", "--name", "Autoclave", "--reason", "New"]).status == 0)
        let made = try DocumentCLITests.act(cli, "sam", ["wo", "new", "--sop", sop, "--equipment", "AC-101", "--title", "Check",
                                                         "--assign", "tess", "--reason", "Planned"])
        let job = String(try #require(made.stdout.split(separator: "\n").last))

        let cert = directory.appendingPathComponent("cert.pem").path, key = directory.appendingPathComponent("key.pem").path
        let made509 = try Command.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                           "-days", "1", "-subj", "/CN=127.0.0.1"])
        #expect(made509.status == 0)
        let port = Int.random(in: 20_000...40_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLI.binary)
        server.arguments = ["serve", "--repo", cli.repo, "--listen", "127.0.0.1:\(port)", "--tls-cert", cert, "--tls-key", key]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }

        let base = "https://127.0.0.1:\(port)"
        let jar = directory.appendingPathComponent("cookies").path
        func curl(_ arguments: [String]) throws -> Git.Output {
            try Command.run("/usr/bin/curl", ["-sk", "-b", jar, "-c", jar, "-D", "-"] + arguments)
        }
        var page = try curl([base + "/sign-in"])
        for _ in 0..<100 where page.status != 0 {
            Thread.sleep(forTimeInterval: 0.1)
            page = try curl([base + "/sign-in"])
        }
        #expect(page.stdout.lowercased().contains("set-cookie: recrepo_signin="))
        #expect(page.stdout.contains("Secure"))
        let token = try #require(Self.token(page.stdout))
        let signedIn = try curl(["--data-urlencode", "csrf=\(token)", "--data-urlencode", "user=tess",
                                 "--data-urlencode", "password=own pass phrase 1", base + "/sign-in"])
        #expect(signedIn.stdout.contains("303"))
        #expect(signedIn.stdout.lowercased().contains("set-cookie: recrepo_session=") && signedIn.stdout.contains("Secure"))
        let jobPage = try curl([base + "/jobs/\(job)"])
        let session = try #require(Self.token(jobPage.stdout))
        let started = try curl(["--data-urlencode", "csrf=\(session)", "--data-urlencode", "reason=On site",
                                "--data-urlencode", "password=own pass phrase 1", base + "/jobs/\(job)/start"])
        #expect(started.stdout.contains("303"))
        let trailer = try Git.run(["log", "-1", "--format=%(trailers:key=Terminal,valueonly)", "main"], in: cli.repo).stdout
        #expect(trailer.trimmingCharacters(in: .whitespacesAndNewlines) == "web 127.0.0.1")
    }

    static func token(_ page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = page[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

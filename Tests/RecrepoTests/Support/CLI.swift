import Foundation

/// Runs the real `recrepo` binary (built by `make test` before the tests) on one repository.
struct CLI {
    static let binary: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent(".build/debug/recrepo").path
    }()

    let repo: String
    var environment: [String: String] = [:]

    init(repo: String) { self.repo = repo }

    @discardableResult
    func run(_ arguments: [String], user: String? = nil, password: String? = nil, newPassword: String? = nil,
             extra: [String: String] = [:]) throws -> Git.Output {
        var env = environment.merging(extra) { $1 }
        env["RECREPO_REPO"] = repo
        if let user { env["RECREPO_USER"] = user }
        if let password { env["RECREPO_PASSWORD"] = password }
        if let newPassword { env["RECREPO_NEW_PASSWORD"] = newPassword }
        return try Command.run(Self.binary, arguments, environment: env)
    }

    /// A new repository (cheap scrypt) with admin alice.
    static func initialised() throws -> (CLI, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recrepo-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cli = CLI(repo: directory.appendingPathComponent("records").path)
        let made = try cli.run(["init", "--admin", "alice", "--name", "Alice Admin", "--kdf-cost", "10"],
                               newPassword: "admin password 1")
        guard made.status == 0 else { throw CLIFailure(output: made) }
        return (cli, directory)
    }

    func admin(_ arguments: [String], newPassword: String? = nil) throws -> Git.Output {
        try run(arguments, user: "alice", password: "admin password 1", newPassword: newPassword)
    }

    func head() throws -> String {
        try Git.run(["rev-parse", "main"], in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct CLIFailure: Error { let output: Git.Output }

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

    /// Adds `id` as a plant would: alice creates the account (an active admin or qa other than
    /// alice issues the second half of the one-time password when there is one), the person
    /// signs the acknowledgement and changes the one-time password to `password`. Every person
    /// this makes has the password "own pass phrase 1" unless told otherwise.
    func person(_ id: String, role: String, password: String = "own pass phrase 1") throws {
        let list = try run(["user", "list", "--format", "json"])
        let accounts = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
        let custodian = accounts.first { account in
            guard let other = account["id"] as? String, other != "alice", other != "system", other != id,
                  account["status"] as? String == "active", let roles = account["roles"] as? [String] else { return false }
            return roles.contains("qa") || roles.contains("admin")
        }?["id"] as? String
        var arguments = ["user", "add", id, "--name", "User \(id)", "--role", role, "--identity", "badge: B-\(id)", "--reason", "Staff"]
        if let custodian { arguments += ["--custodian", custodian] }
        let added = try admin(arguments, newPassword: "one-time secret 1")
        guard added.status == 0 else { throw CLIFailure(output: added) }
        var oneTime = "one-time secret 1"
        if let custodian {
            let issued = try run(["user", "issue", id, "--reason", "Issued in person"], user: custodian,
                                 password: "own pass phrase 1", newPassword: "second half 1")
            guard issued.status == 0 else { throw CLIFailure(output: issued) }
            oneTime += "second half 1"
        }
        let acknowledged = try run(["acknowledge"], user: id, password: oneTime)
        guard acknowledged.status == 0 else { throw CLIFailure(output: acknowledged) }
        let changed = try run(["passwd"], user: id, password: oneTime, newPassword: password)
        guard changed.status == 0 else { throw CLIFailure(output: changed) }
    }

    func head() throws -> String {
        try Git.run(["rev-parse", "main"], in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct CLIFailure: Error { let output: Git.Output }

extension CLI {
    /// Adds document control (dora, dan) and qa (quinn), then takes an SOP with `body` through
    /// draft, submission, review and approval (effective today); returns its ID.
    func effectiveSOP(_ body: String, title: String, in directory: URL) throws -> String {
        for (id, role) in [("dora", "document-control"), ("dan", "document-control"), ("quinn", "qa")] { try person(id, role: role) }
        let file = directory.appendingPathComponent("sop-\(UUID().uuidString).md")
        try body.write(to: file, atomically: true, encoding: .utf8)
        let made = try run(["sop", "new", "--title", title, "--file", file.path, "--reason", "New"], user: "dora", password: "own pass phrase 1")
        guard made.status == 0, let id = made.stdout.split(separator: "\n").last.map(String.init) else { throw CLIFailure(output: made) }
        for (user, step) in [("dora", "submit"), ("dan", "review"), ("quinn", "approve")] {
            let signed = try run(["sop", step, id, "--reason", "Ready"], user: user, password: "own pass phrase 1")
            guard signed.status == 0 else { throw CLIFailure(output: signed) }
        }
        return id
    }
}

import Foundation

/// The real git CLI, used by tests only, as the independent oracle.
enum Git {
    struct Output {
        let status: Int32, stdout: String, stderr: String
        /// Standard output exactly as written, for byte-for-byte checks.
        var stdoutData = Data()
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: String, input: Data? = nil,
                    environment: [String: String] = [:]) throws -> Output {
        try Command.run("/usr/bin/git", ["-C", directory] + arguments, input: input, environment: environment)
    }

    /// Writes the allowed-signers file the repository exports, and checks every commit on main
    /// with stock git: Good, with the principal equal to the author's ID. Returns problems.
    static func stockVerification(of repository: String, allowedSigners: String) throws -> [String] {
        let file = NSTemporaryDirectory() + "allowed-\(UUID().uuidString)"
        try allowedSigners.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        var problems: [String] = []
        let list = try run(["rev-list", "main"], in: repository).stdout.split(separator: "\n")
        for commit in list {
            let verify = try run(["-c", "gpg.ssh.allowedSignersFile=\(file)", "verify-commit", String(commit)],
                                 in: repository)
            if verify.status != 0 { problems.append("\(commit): verify-commit: \(verify.stderr)") }
            let shown = try run(["-c", "gpg.ssh.allowedSignersFile=\(file)", "log", "-1",
                                 "--format=%G?|%GS|%ae", String(commit)], in: repository).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", omittingEmptySubsequences: false)
            if shown.count != 3 || shown[0] != "G" || shown[1] != shown[2] {
                problems.append("\(commit): \(shown.joined(separator: "|"))")
            }
        }
        return problems
    }

    static func fsck(_ repository: String) throws -> Output {
        try run(["fsck", "--full", "--strict"], in: repository)
    }
}

enum Command {
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil,
                    environment: [String: String] = [:], replaceEnvironment: Bool = false) throws -> Git.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = replaceEnvironment ? [:] : ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("RECREPO_") || key.hasPrefix("GIT_") { env[key] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Git.Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self), stdoutData: stdout)
    }

    /// The bytes a command writes to standard output.
    static func runData(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Data {
        try run(executable, arguments, environment: environment).stdoutData
    }
}

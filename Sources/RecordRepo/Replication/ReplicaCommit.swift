import Foundation

/// A commit a replica holds that `main` here does not, as `verify --against` and `backup` name it:
/// who it claims to be by and what it says, and whether its signature verifies against the
/// accounts here. That decides what it can be: a signed act of a person who signs here (then
/// `main` here lost it, or it was signed on the replica), or something no one here signed.
public struct ReplicaCommit: Codable, Sendable, Equatable {
    public let id: String
    /// `Name <user ID>` as the commit's author line says: what it claims, not who signed it.
    public let author: String
    /// The author time, ISO 8601 UTC.
    public let time: String
    /// The commit's first line.
    public let summary: String
    /// Whether it passes check 2 of verify (signature, signer, trailers, times) against the keys
    /// and their validity in the accounts at the head of `main` here, which is what `recrepo
    /// allowed-signers` exports for stock git.
    public let verifies: Bool
    /// Why it does not verify; nil when it does.
    public let problem: String?

    /// One line: the short ID, author, time, summary and the verdict. The author and summary are
    /// whatever the commit's maker wrote, so control characters (terminal escapes) are left out.
    public var line: String {
        let text = "\(id.prefix(12)) \(author) \(time) \"\(summary)\": "
            + (problem.map { "does NOT verify against the accounts here: \($0)" } ?? "its signature verifies against the accounts here")
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }
}

extension Ledger {
    /// The commits `chain` of `replica` (oldest first, each the parent of the next, the first a
    /// child of `base`), each read with its hash checked and put through check 2 against the
    /// accounts at the head of `main` here: never against accounts the replica's own commits
    /// may have written.
    func describe(_ chain: [ObjectID], of replica: Ledger, after base: ObjectID?) -> [ReplicaCommit] {
        let accounts = (try? head()).flatMap { $0 }.flatMap { try? repo.commit($0).tree }
        var keys = KeyCache(repo: repo)
        let verifier = Verifier(ledger: self)
        var previousTime = Int64.min
        if let base, let data = try? replica.repo.readObject(base).data, let parsed = try? ParsedCommit(data) {
            previousTime = parsed.committer.time
        }
        // The time rule from the last commit both hold (an incident before it is not looked at).
        var clock = ClockOrder()
        if previousTime > Int64.min { _ = clock.admit(time: previousTime, event: nil, record: "") }
        return chain.map { id in
            guard let object = try? replica.repo.readObject(id), object.type == 1, let parsed = try? ParsedCommit(object.data) else {
                return ReplicaCommit(id: id.hex, author: "?", time: "?", summary: "?", verifies: false,
                                     problem: "it cannot be read or parsed")
            }
            defer { previousTime = max(previousTime, parsed.committer.time) }
            var problem: String?
            if let accounts {
                var report = VerificationReport()
                if let pending = verifier.checkCommit(id, parsed, isRoot: false, previous: (previousTime, accounts), changes: [],
                                                      keys: &keys, clock: &clock, report: &report, replay: nil) {
                    if !SSHSignature.isValid(pending.signature, for: pending.signedData) {
                        problem = "the signature does not match the commit's content"
                    }
                } else {
                    problem = report.failures.first?.message ?? "check 2 failed"
                }
            } else {
                problem = "there are no accounts here to check it against"
            }
            let summary = parsed.message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return ReplicaCommit(id: id.hex, author: "\(parsed.author.name) <\(parsed.author.email)>",
                                 time: Timestamp.iso(Date(timeIntervalSince1970: TimeInterval(parsed.author.time))),
                                 summary: summary, verifies: problem == nil, problem: problem)
        }
    }
}

import Foundation

extension Ledger {
    /// The allowed-signers file that `git -c gpg.ssh.allowedSignersFile=FILE verify-commit` needs:
    /// one line per key ever granted, with the principal (the user ID, never a wildcard) and the
    /// key's validity, so that stock git alone can check every signature.
    public func allowedSigners() throws(LedgerError) -> String {
        let folder = try RecordPath("accounts")
        var lines: [String] = []
        for file in try list(folder).sorted() where file.hasSuffix(".json") {
            let principal = String(file.dropLast(5))
            guard let data = try read(try PrincipalKeys.path(for: principal)),
                  let account = try? JSONDecoder().decode(PrincipalKeys.self, from: data) else { continue }
            for key in account.keys {
                var options = "namespaces=\"git\",valid-after=\"\(Self.sshTime(key.validAfter))\""
                if let before = key.validBefore {
                    options += ",valid-before=\"\(Self.sshTime(Self.sshValidBefore(before, after: key.validAfter)))\""
                }
                lines.append("\(principal) \(options) \(key.publicKey)")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// ssh-keygen refuses a line whose valid-before is not later than its valid-after, so a key
    /// that was open and closed within one second (added and disabled at once) is written as valid
    /// for that one second. recrepo's own verify checks the exact order of acts instead.
    static func sshValidBefore(_ before: String, after: String) -> String {
        guard let end = Timestamp.parse(before), let start = Timestamp.parse(after), end <= start else { return before }
        return Timestamp.iso(start.addingTimeInterval(1))
    }

    /// `2025-11-25T08:00:00Z` -> `20251125080000Z`, the form ssh-keygen reads as UTC.
    static func sshTime(_ iso: String) -> String {
        iso.filter { $0.isNumber } + "Z"
    }

    /// Runs every check of `recrepo verify` (see `Verifier`). `justIndexed`: this repository was
    /// just made by `restore` or `mirror`, whose indexer hashed every object, so commits and
    /// trees are read without hashing them again and blobs are only looked up.
    public func verify(replay: (any ActReplay)? = nil, justIndexed: Bool = false) -> VerificationReport {
        Verifier(ledger: self).run(replay: replay, justIndexed: justIndexed)
    }
}

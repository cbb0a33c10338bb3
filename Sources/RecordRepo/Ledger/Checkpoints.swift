import Foundation

/// Checkpoints: system-signed tags (`refs/tags/checkpoints/NNNNNNNNN`) naming a commit of `main`
/// and how many acts it holds. A checkpoint that is no longer an ancestor of `main` proves that
/// history was rolled back or rewritten, even when every remaining signature is good.
struct Checkpoints {
    let ledger: Ledger

    /// Writes a checkpoint at the current head; returns its ref name, or the existing one when the
    /// head already has a checkpoint.
    func create(by system: Signer) throws(LedgerError) -> (name: String, commit: ObjectID, created: Bool) {
        let repo = ledger.repo
        return try ledger.withWriteLock { () throws(LedgerError) in
            try ledgerCall("checkpoint") {
                guard let head = try repo.resolve(Ledger.mainRef) else {
                    throw LedgerError.emptyAct(record: "main")
                }
                let count = try repo.firstParentChain(from: head).count
                let name = String(format: "%09d", count)
                let ref = Ledger.checkpointPrefix + name
                if let existing = try repo.resolve(ref) {
                    return (ref, try tagTarget(existing) ?? head, false)
                }
                let now = ledger.clock.now()
                let seconds = Timestamp.seconds(now)
                let payload = """
                    object \(head.hex)
                    type commit
                    tag checkpoints/\(name)
                    tagger \(system.name) <\(system.principal)> \(seconds) +0000

                    Checkpoint of main at \(count) acts

                    Acts: \(count)
                    Signed-At: \(Timestamp.iso(Date(timeIntervalSince1970: TimeInterval(seconds))))

                    """
                let signature = try SSHSignature.sign(Data(payload.utf8), with: system.key)
                let tag = try repo.writeObject(Data((payload + signature + "\n").utf8), type: 4)
                try repo.compareAndSwap(ref, to: tag, expected: nil, log: "recrepo: checkpoint")
                return (ref, head, true)
            }
        }
    }

    private func tagTarget(_ tag: ObjectID) throws -> ObjectID? {
        Self.target(ofTag: String(decoding: try ledger.repo.readObject(tag).data, as: UTF8.self))
    }

    /// The object a tag names in its first header line.
    static func target(ofTag text: String) -> ObjectID? {
        guard text.hasPrefix("object ") else { return nil }
        return ObjectID(hex: String(text.dropFirst(7).prefix(40)))
    }

    /// Check 4: each checkpoint is a well-formed tag, signed by the system key held at its commit,
    /// whose commit is an ancestor of `head`.
    func verify(head: ObjectID, keys: inout KeyCache, report: inout VerificationReport) {
        let repo = ledger.repo
        guard let refs = try? repo.references(matching: Ledger.checkpointPrefix + "*") else { return }
        for (name, tag) in refs {
            report.checkpoints += 1
            func fail(_ message: String, commit: ObjectID? = nil) {
                report.failures.append(.init(check: "checkpoint", commit: commit?.hex, record: name, message: message))
            }
            guard let object = try? repo.readObject(tag), object.type == 4 else {
                fail("checkpoint \(name) is missing or damaged"); continue
            }
            let text = String(decoding: object.data, as: UTF8.self)
            guard let start = text.range(of: "-----BEGIN SSH SIGNATURE-----"),
                  let signature = SSHSignature.parse(Data(text[start.lowerBound...].utf8)),
                  let target = Self.target(ofTag: text),
                  let taggerLine = text.split(separator: "\n").first(where: { $0.hasPrefix("tagger ") }),
                  let time = taggerLine.split(separator: " ").dropLast().last.flatMap({ Int64($0) })
            else { fail("checkpoint \(name) is not a signed tag"); continue }
            let payload = Data(text[..<start.lowerBound].utf8)
            guard taggerLine.contains("<\(Signer.systemPrincipal)>"),
                  let treeID = try? repo.commit(target).tree,
                  let system = keys.keys(of: Signer.systemPrincipal, in: treeID),
                  let grant = system.keys.first(where: {
                      SSHSignature.rawPublicKey(fromOpenSSH: $0.publicKey) == signature.publicKey
                  }),
                  grant.isValid(at: Date(timeIntervalSince1970: TimeInterval(time))),
                  SSHSignature.isValid(signature, for: payload)
            else { fail("checkpoint \(name) is not signed by the system key", commit: target); continue }
            guard (try? repo.isAncestor(target, of: head)) == true else {
                fail("main no longer contains checkpoint \(name) (\(target.short)): history was rolled back or rewritten",
                     commit: target)
                continue
            }
        }
    }
}

extension Ledger {
    /// Writes a system-signed checkpoint tag at the current head (see `Checkpoints`).
    public func checkpoint(by system: Signer) throws(LedgerError) -> (name: String, commit: ObjectID, created: Bool) {
        try Checkpoints(ledger: self).create(by: system)
    }
}

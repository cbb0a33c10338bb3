import Foundation

/// How far a copy of the history (a restore, a drill's copy) lags the newest point that history is
/// known to have reached. A copy that verifies proves only that what it holds is intact; the acts
/// signed after it ends would be lost if it were all there is, and a person relying on it (an
/// auditor reading a drill, an operator after a loss) must see how many and since when.
///
/// What is known: the copy's own checkpoints, and the `main` and checkpoints of each repository
/// the command can read beside it (the repository a drill runs in, the one a restore is told of).
public struct CopyLag: Codable, Sendable, Equatable {
    /// A commit of a `main`: what names it, how many acts `main` holds up to it, when it was signed.
    public struct Point: Codable, Sendable, Equatable {
        /// `checkpoint 000000003`, `main here`, `main of /srv/records`, `the copy`.
        public let name: String
        public let commit: String
        public let acts: Int
        /// The commit's signing time, ISO 8601 UTC.
        public let time: String

        var described: String { "commit \(commit.prefix(12)) (\(time), act \(acts))" }
    }

    /// Where the copy's `main` ends.
    public let copy: Point
    /// The point known that holds the most acts on the copy's line of history (a checkpoint
    /// before a `main` that holds as many); the copy itself when nothing newer is known.
    public let newest: Point
    /// Acts the copy lacks: those up to `newest` after the copy's end.
    public let acts: Int
    /// Checkpoints known that the copy lacks, oldest first.
    public let missingCheckpoints: [String]
    /// Everything that was looked at, for the sentence when nothing newer was found.
    public let consulted: [String]
    /// Set when the copy is not on the history of a repository it was compared with: it then
    /// holds commits that repository does not, and does not merely lag.
    public let divergence: String?

    /// One sentence: where the copy ends and how far it lags the newest point known.
    public var sentence: String {
        var text = "the copy ends at \(copy.described)"
        if acts > 0 {
            text += "; the newest known is \(newest.name) at \(newest.described), \(acts) act\(acts == 1 ? "" : "s") later"
            if let last = missingCheckpoints.last {
                text += "; the copy lacks \(missingCheckpoints.count == 1 ? "" : "\(missingCheckpoints.count) checkpoints, the newest ")\(last)"
            }
        } else {
            text += consulted.isEmpty ? "; nothing newer is known (the copy holds no checkpoint)"
                : "; nothing newer is known (\(consulted.joined(separator: ", ")))"
        }
        return text + (divergence.map { "; \($0)" } ?? "")
    }
}

extension Ledger {
    /// How far this repository (a copy) lags the newest point known: its own checkpoints and the
    /// `main` and checkpoints of each of `witnesses` (by the name a sentence gives it). Nil when
    /// the copy is empty.
    public func lag(behind witnesses: [(name: String, ledger: Ledger)]) throws(LedgerError) -> CopyLag? {
        guard let head = try head() else { return nil }
        let chain = try commits()
        let copy = CopyLag.Point(name: "the copy", commit: head.hex, acts: chain.count, time: signingTime(of: head))
        var points = checkpointPoints(on: chain, owner: nil)
        let own = points.last.map { ["its own newest checkpoint, \($0.name.dropFirst("checkpoint ".count))"] } ?? []
        var consulted: [String] = []
        var missing: [String] = []
        var divergence: String?
        for (name, witness) in witnesses {
            // A witness at the copy's head (a drill from this repository) holds the same chain.
            let theirs = try witness.head() == head ? chain : try witness.commits()
            guard let top = theirs.last else { continue }
            consulted.append(name)
            guard theirs.count >= chain.count, theirs[chain.count - 1] == head else {
                let common = zip(chain, theirs).prefix { $0 == $1 }.count
                divergence = "the copy holds \(chain.count - common) commit\(chain.count - common == 1 ? "" : "s") that \(name) does not contain"
                    + " (after \(common > 0 ? chain[common - 1].short : "nothing")): compare them with 'recrepo verify --against'"
                continue
            }
            let tags = witness.checkpointPoints(on: theirs, owner: name)
            missing += tags.filter { $0.acts > chain.count }.map(\.name)
            points += tags
            points.append(.init(name: name, commit: top.hex, acts: theirs.count, time: witness.signingTime(of: top)))
        }
        // The most acts wins; between equals, a checkpoint, which the system key signed, then the
        // repository compared with: the copy names itself only when nothing else reaches it.
        let newest = points.filter { $0.acts >= chain.count }
            .max { ($0.acts, $0.name.hasPrefix("checkpoint") ? 1 : 0) < ($1.acts, $1.name.hasPrefix("checkpoint") ? 1 : 0) } ?? copy
        return CopyLag(copy: copy, newest: newest, acts: newest.acts - copy.acts, missingCheckpoints: Array(Set(missing)).sorted(),
                       consulted: consulted + own, divergence: divergence)
    }

    /// This repository's checkpoints that name a commit of `chain` (its `main`, oldest first),
    /// each at its place in it; `owner` names the repository in the sentence.
    private func checkpointPoints(on chain: [ObjectID], owner: String?) -> [CopyLag.Point] {
        let tags = (try? repo.references(matching: Self.checkpointPrefix + "*")) ?? []
        guard !tags.isEmpty else { return [] }
        let place = Dictionary(chain.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return tags.sorted { $0.name < $1.name }.compactMap { name, tag in
            guard let text = try? repo.readObject(tag).data, let target = Checkpoints.target(ofTag: String(decoding: text, as: UTF8.self)),
                  let index = place[target] else { return nil }
            let label = "checkpoint " + name.dropFirst(Self.checkpointPrefix.count) + (owner.map { " of \($0)" } ?? "")
            return CopyLag.Point(name: label, commit: target.hex, acts: index + 1, time: signingTime(of: target))
        }
    }

    /// A commit's author time, ISO 8601 UTC ("?" when it cannot be read).
    private func signingTime(of commit: ObjectID) -> String {
        guard let raw = try? repo.commit(commit) else { return "?" }
        return Timestamp.iso(Date(timeIntervalSince1970: TimeInterval(raw.authorTime)))
    }
}

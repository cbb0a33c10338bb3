import Documents
import RecordRepo

/// What a report shows of one signature: who, when, what it meant, why, and on which revision.
public struct ShownSignature: Sendable, Equatable {
    public let commit: String
    public let time: String
    public let signer: String
    public let name: String
    public let meaning: Meaning
    public let reason: String
    public let revision: Int?
}

extension IndexedAct {
    public var shown: ShownSignature {
        ShownSignature(commit: commit, time: time, signer: signer, name: name, meaning: meaning, reason: reason, revision: revision)
    }
}

extension HistoryRow {
    public var shown: ShownSignature {
        ShownSignature(commit: commit, time: time, signer: signer, name: name, meaning: meaning, reason: reason, revision: revision)
    }
}

extension RecordIndex {
    /// Checks every signature a report is about to show against the commit it names: the index is
    /// a file anyone with access to the folder can edit, the commits are what was signed. A row
    /// that names no commit, or says of one anything its trailers do not, stops the report.
    public func confirm(_ signatures: [ShownSignature]) throws(IndexError) {
        var checked = Set<String>()
        for shown in signatures where checked.insert(shown.commit).inserted {
            guard let id = ObjectID(hex: shown.commit) else { throw .disagrees(commit: shown.commit, field: "commit", index: shown.commit, history: "no such commit") }
            let act: ActInfo
            do { act = try ledger.act(id) } catch {
                throw .disagrees(commit: shown.commit, field: "commit", index: shown.commit, history: "no readable act (\(error))")
            }
            let fields: [(String, String, String)] = [
                ("time", shown.time, Timestamp.iso(act.time)),
                ("signer", shown.signer, act.signer),
                ("name", shown.name, act.signerName),
                ("meaning", shown.meaning.rawValue, act.meaning.rawValue),
                ("reason", shown.reason, act.reason),
                ("revision", shown.revision.map(String.init) ?? "none", act.revision.map(String.init) ?? "none"),
            ]
            for (field, index, history) in fields where index != history {
                throw .disagrees(commit: shown.commit, field: field, index: index, history: history)
            }
        }
    }
}

import Foundation
import RecordRepo

/// One signature as shown on a record (§11.50): who, when, what it means, why, and its commit.
public struct SignatureView: Codable, Sendable, Equatable {
    public let meaning: String
    public let signer: String
    public let name: String
    public let time: String
    public let reason: String
    public let commit: String

    public init(_ act: ActInfo) {
        meaning = act.meaning.rawValue
        signer = act.signer
        name = act.signerName
        time = Timestamp.iso(act.time)
        reason = act.reason
        commit = act.commit.hex
    }
}

/// One revision of an SOP as history holds it: its exact markdown, its state today and every
/// signature it carries.
public struct SOPRevisionView: Sendable {
    /// The SOP record as of the revision's last act.
    public let sop: SOP
    public let revision: SOPRevision
    /// The status today, including what dates alone have made of it.
    public let status: SOPRevision.Status
    /// The markdown exactly as signed.
    public let body: Data
    /// Every act on this revision, oldest first.
    public let signatures: [SignatureView]
    /// The commit of the approval signature, once approved.
    public let approvalCommit: ObjectID?
}

extension Records {
    /// Revision `number` of an SOP (default: the revision effective today), found by walking back
    /// from `commit` (default: head) over the acts on that revision until the act that opened it.
    public func sopRevision(_ id: String, number: Int? = nil, from commit: ObjectID? = nil) throws(DocumentsError) -> SOPRevisionView {
        let current = try sopRecord(id, at: commit)
        let today = try policy().day(of: now)
        let wanted: Int
        if let number {
            guard current.revision(number) != nil else {
                throw .notFound(record: "\(id) revision \(number) (it has revisions 1 to \(current.revisions.count))")
            }
            wanted = number
        } else {
            guard let effective = current.effectiveRevision(today: today) else {
                throw .notPermitted(user: "-", action: "show \(id) as effective",
                                    reason: "it has no effective revision; name one with --revision to see a draft")
            }
            wanted = effective.number
        }
        var acts: [ActInfo] = []
        let path = try Self.path(kind: .sop, id: id)
        do throws(LedgerError) {
            try ledger.walkBack(from: commit) { (act) throws(LedgerError) in
                guard act.record == id else { return true }
                if let revision = act.revision, revision < wanted { return false }
                guard act.revision == wanted else { return true }
                acts.append(act)
                return !(try opened(path, revision: wanted, by: act))
            }
        } catch { throw .ledger(error) }
        guard let last = acts.first else { throw .notFound(record: "\(id) revision \(wanted)") }
        let sop = try sopRecord(id, at: last.commit)
        guard let revision = sop.revision(wanted) else { throw .notFound(record: "\(id) revision \(wanted)") }
        let body = try file(try Self.bodyPath(sop: id), at: last.commit)
        let latest = current.revision(wanted) ?? revision
        return SOPRevisionView(
            sop: sop, revision: latest, status: current.status(of: latest, today: today), body: body ?? Data(),
            signatures: acts.reversed().map(SignatureView.init),
            approvalCommit: acts.first { $0.meaning == .approval }?.commit)
    }

    /// True when `act` created revision `revision` (the SOP before it did not have that revision).
    private func opened(_ path: RecordPath, revision: Int, by act: ActInfo) throws(LedgerError) -> Bool {
        guard let parent = act.parent else { return true }
        guard let data = try ledger.read(path, at: parent) else { return true }
        guard let before = try? JSONDecoder().decode(SOP.self, from: data) else { return true }
        return before.revision(revision) == nil
    }

    /// Every SOP at head, by ID.
    public func sops() throws(DocumentsError) -> [SOP] {
        var result: [SOP] = []
        for path in try recordPaths(of: .sop) where path.hasSuffix(".json") {
            if let data = try file(try Self.recordPath(path)), let sop = try? JSONDecoder().decode(SOP.self, from: data) { result.append(sop) }
        }
        return result.sorted { $0.id < $1.id }
    }

    /// A file's bytes at `commit` (default: head), or nil.
    func file(_ path: RecordPath, at commit: ObjectID? = nil) throws(DocumentsError) -> Data? {
        do { return try ledger.read(path, at: commit) } catch { throw .ledger(error) }
    }

    static func recordPath(_ text: String) throws(DocumentsError) -> RecordPath {
        do { return try RecordPath(text) } catch { throw .ledger(error) }
    }

    /// The paths of every file of `kind` at head (two shard levels).
    func recordPaths(of kind: RecordKind) throws(DocumentsError) -> [String] {
        var paths: [String] = []
        do throws(LedgerError) {
            for high in try ledger.list(try RecordPath(kind.rawValue)) {
                for low in try ledger.list(try RecordPath("\(kind.rawValue)/\(high)")) {
                    let folder = "\(kind.rawValue)/\(high)/\(low)"
                    paths += try ledger.list(try RecordPath(folder)).map { "\(folder)/\($0)" }
                }
            }
        } catch { throw .ledger(error) }
        return paths
    }
}

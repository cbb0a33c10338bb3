import Foundation

/// One act read back from history: its commit and its signature manifestation.
public struct ActInfo: Sendable, Equatable {
    public let commit: ObjectID
    public let parent: ObjectID?
    public let summary: String
    public let trailers: Trailers

    public var time: Date { trailers.signedAt }
    public var signer: String { trailers.signer }
    public var signerName: String { trailers.signerName }
    public var meaning: Meaning { trailers.meaning }
    public var record: String { trailers.record }
    public var revision: Int? { trailers.revision }
    public var reason: String { trailers.reason }
    /// The declared event the act is (`wo.cancel`); nil for acts signed before events were declared.
    public var event: String? { trailers.event }
}

extension ActInfo {
    /// The act a commit records, or why its trailers are incomplete.
    static func parse(_ raw: RawCommit) -> Result<ActInfo, TrailerProblem> {
        parse(commit: raw.id, parent: raw.parents.first, message: raw.message)
    }

    /// The act of a commit known by its ID, first parent and raw message.
    static func parse(commit: ObjectID, parent: ObjectID?, message: String) -> Result<ActInfo, TrailerProblem> {
        var message = message
        return message.withUTF8 { parse(commit: commit, parent: parent, utf8: $0) }
    }

    /// `parse(commit:parent:message:)` of a raw message given as its bytes.
    static func parse(commit: ObjectID, parent: ObjectID?, utf8: UnsafeBufferPointer<UInt8>) -> Result<ActInfo, TrailerProblem> {
        Trailers.parse(utf8: utf8).map {
            ActInfo(commit: commit, parent: parent, summary: $0.summary, trailers: $0.trailers)
        }
    }
}

extension Ledger {
    /// Whether `commit` lies on the history of `descendant` (a commit is its own ancestor).
    public func isAncestor(_ commit: ObjectID, of descendant: ObjectID) throws(LedgerError) -> Bool {
        do { return try repo.isAncestor(commit, of: descendant) } catch { throw .git(error) }
    }

    /// Reads one act; fails when its message does not carry a complete set of trailers.
    public func act(_ commit: ObjectID) throws(LedgerError) -> ActInfo {
        let raw: RawCommit
        do { raw = try repo.commit(commit) } catch { throw .git(error) }
        switch ActInfo.parse(raw) {
        case .success(let act): return act
        case .failure(let problem): throw .objectCorrupt(id: commit, detail: problem.description)
        }
    }

    /// Every act on `main`, newest first.
    public func log() throws(LedgerError) -> [ActInfo] {
        guard let head = try head() else { return [] }
        let chain: [ObjectID]
        do { chain = try repo.firstParentChain(from: head) } catch { throw .git(error) }
        var acts: [ActInfo] = []
        acts.reserveCapacity(chain.count)
        for commit in chain.reversed() { acts.append(try act(commit)) }
        return acts
    }

    /// The commits on `main`, oldest first.
    public func commits() throws(LedgerError) -> [ObjectID] {
        guard let head = try head() else { return [] }
        do { return try repo.firstParentChain(from: head) } catch { throw .git(error) }
    }

    /// A file's bytes as of `commit` (default: head), or nil when it does not exist there.
    public func read(_ path: RecordPath, at commit: ObjectID? = nil) throws(LedgerError) -> Data? {
        try ledgerCall("read") {
            guard let commit = try commit ?? head() else { return nil }
            let tree = try repo.commit(commit).tree
            guard let blob = try repo.entry(at: path.value, inTree: tree) else { return nil }
            return try repo.blob(blob)
        }
    }

    /// The names directly under a folder of the tree at `commit` (default: head).
    public func list(_ folder: RecordPath, at commit: ObjectID? = nil) throws(LedgerError) -> [String] {
        try ledgerCall("list") {
            guard let commit = try commit ?? head() else { return [] }
            let tree = try repo.commit(commit).tree
            guard let sub = try repo.entry(at: folder.value, inTree: tree) else { return [] }
            return try repo.treeEntries(sub).map(\.name)
        }
    }

    /// Every act on `main` that changed `path`, oldest first.
    public func acts(touching path: RecordPath) throws(LedgerError) -> [ActInfo] {
        var result: [ActInfo] = []
        var previous: ObjectID?
        try ledgerCall("history") {
            for commit in try commits() {
                let tree = try repo.commit(commit).tree
                let current = try repo.entry(at: path.value, inTree: tree)
                if current != previous { result.append(try act(commit)) }
                previous = current
            }
        }
        return result
    }
}

extension Ledger {
    /// The acts after `ancestor` on the first-parent chain of `head`, oldest first, or nil when
    /// that chain does not pass through `ancestor` (then every act of the chain was read). Unlike
    /// `walkBack`, `ancestor` itself is never read: following one act costs reading one commit.
    public func acts(after ancestor: ObjectID, upTo head: ObjectID) throws(LedgerError) -> [ActInfo]? {
        var acts: [ActInfo] = []
        var next = head
        while next != ancestor {
            let info = try act(next)
            acts.append(info)
            guard let parent = info.parent else { return nil }
            next = parent
        }
        return acts.reversed()
    }

    /// Walks `main`'s history backwards from `commit` (default: head), newest first, for as long
    /// as `visit` returns true. Costs one commit read per step, so callers stop as soon as they can.
    public func walkBack(from commit: ObjectID? = nil, _ visit: (ActInfo) throws(LedgerError) -> Bool) throws(LedgerError) {
        var next: ObjectID? = commit
        if next == nil { next = try head() }
        while let current = next {
            let info = try act(current)
            guard try visit(info) else { return }
            next = info.parent
        }
    }
}

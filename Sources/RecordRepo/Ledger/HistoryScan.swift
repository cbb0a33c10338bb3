import Foundation

/// The first-parent chain of `main` up to one commit, oldest first, read once from git: the
/// commits `commits()` lists, with what `HistoryScan` needs of each, so that several threads can
/// scan runs of it, each on a ledger of its own.
///
/// The chain and its scans serve a reader of the whole history that shows what git shows (the
/// index rebuild): they read objects as `git log --raw` does, without hashing them again
/// (`GitRepository.readStoredObject`). `recrepo verify` is what checks every object's hash.
public struct ActChain: Sendable {
    /// One commit as the walk back read it. The message is kept as the commit's bytes: the walk
    /// reads one commit after the other while the scans wait, so the message is made text and its
    /// trailers parsed only when a scan reaches the act, on the scanning thread.
    struct Link: Sendable {
        let commit: ObjectID
        let tree: ObjectID
        let parent: ObjectID?
        let message: Data
    }

    let links: [Link]

    /// Reads the chain from `head` back to the root. Each commit is read once, from the object
    /// database's stores rather than through libgit2's object cache, which a walk of the whole
    /// history would only fill.
    public init(ledger: Ledger, head: ObjectID) throws(LedgerError) {
        var links: [Link] = []
        var next: ObjectID? = head
        while let id = next {
            let link = try ledgerCall("history") { try Self.link(id, in: ledger.repo) }
            links.append(link)
            next = link.parent
        }
        self.links = links.reversed()
    }

    /// How many acts the chain holds.
    public var count: Int { links.count }

    /// The commit of the `index`th act, oldest first.
    public func commit(at index: Int) -> ObjectID { links[index].commit }

    /// The tree and first parent from the header lines recrepo writes, the message after the first
    /// blank line; a commit of another shape goes through libgit2's parser.
    private static func link(_ id: ObjectID, in repo: GitRepository) throws -> Link {
        let object = try repo.readStoredObject(id)
        guard object.type == 1 else { throw LedgerError.objectCorrupt(id: id, detail: "not a commit") }
        if let header = ParsedCommit.treeAndParent(object.data), header.parent != nil || !hasParent(object.data),
           let message = message(object.data) {
            return Link(commit: id, tree: header.tree, parent: header.parent, message: message)
        }
        let raw = try repo.commit(id)
        return Link(commit: id, tree: raw.tree, parent: raw.parents.first, message: Data(raw.message.utf8))
    }

    /// True when a `parent` header follows the tree header (a root commit has none).
    private static func hasParent(_ data: Data) -> Bool {
        data.count > 53 && data[data.startIndex + 46..<data.startIndex + 53].elementsEqual("parent ".utf8)
    }

    /// The raw message's bytes, as libgit2 gives the message: what follows the blank line that
    /// ends the headers, up to a NUL if any.
    private static func message(_ data: Data) -> Data? {
        let range = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Range<Int>? in
            guard bytes.count > 1 else { return nil }
            for index in 1..<bytes.count where bytes[index] == 10 && bytes[index - 1] == 10 {
                return (index + 1)..<(bytes[(index + 1)...].firstIndex(of: 0) ?? bytes.count)
            }
            return nil
        }
        // A slice: it shares the commit's bytes rather than copying them.
        return range.map { data[(data.startIndex + $0.lowerBound)..<(data.startIndex + $0.upperBound)] }
    }
}

/// The acts of a run of an `ActChain`, oldest first, each with the files it changed: what a reader
/// of the whole history (the index rebuild) needs, read with as little work as libgit2 allows.
///
/// `act(_:)` and `changedFiles(of:)` read a commit again for each; here the chain already holds
/// them. The trees an act wrote stay open for its child's comparison, which starts from them.
///
/// Not `Sendable`, like the ledger it reads: a thread that scans opens a `Ledger` of its own.
public final class HistoryScan {
    private let repo: GitRepository
    private let chain: ActChain
    private let trees: TreeCache
    private var position: Int
    private let end: Int

    /// A scan of the acts in `range` of `chain`, reading through `ledger`.
    public init(ledger: Ledger, chain: ActChain, range: Range<Int>) {
        repo = ledger.repo
        self.chain = chain
        trees = TreeCache(repo: repo, rehash: false)
        position = range.lowerBound
        end = range.upperBound
    }

    /// The next act with the files it changed against its parent (for the root: every file);
    /// nil after the last of the run.
    public func next() throws(LedgerError) -> (act: ActInfo, files: [ChangedFile])? {
        guard position < end else { return nil }
        let link = chain.links[position]
        let parentTree = position > 0 ? chain.links[position - 1].tree : nil
        position += 1
        let act: ActInfo
        let parsed = link.message.withUnsafeBytes {
            ActInfo.parse(commit: link.commit, parent: link.parent, utf8: $0.bindMemory(to: UInt8.self))
        }
        switch parsed {
        case .success(let parsed): act = parsed
        case .failure(let problem): throw .objectCorrupt(id: link.commit, detail: problem.description)
        }
        let files = try ledgerCall("changedFiles") { try repo.changedFiles(from: parentTree, to: link.tree, trees: trees) }
        return (act, files)
    }
}

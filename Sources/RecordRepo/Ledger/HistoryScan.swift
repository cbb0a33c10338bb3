import Foundation

/// One commit of the first-parent chain of `main`, as a reader of the whole history (the index
/// rebuild) needs it: what `HistoryScan` needs to scan its act, read once from git so that
/// several threads can scan runs of the chain, each on a ledger of its own.
///
/// Such a reader shows what git shows: it reads objects as `git log --raw` does, without hashing
/// them again (`GitRepository.readStoredObject`). `recrepo verify` is what checks every object's hash.
public struct ChainLink: Sendable {
    let commit: ObjectID
    /// The commit's tree: the tree its child is compared with.
    public let tree: ObjectID
    let parent: ObjectID?
    /// The message as the commit's bytes: the walk reads one commit after the other while the
    /// scans wait, so the message is made text and its trailers parsed only when a scan reaches the
    /// act, on the scanning thread.
    let message: Data
}

/// Walks the first-parent chain back from a commit to the root, one `ChainLink` at a time, newest
/// first. Each commit is read once, from the object database's stores rather than through
/// libgit2's object cache, which a walk of the whole history would only fill.
///
/// Not `Sendable`, like the ledger it reads.
public struct ChainWalker {
    private let repo: GitRepository
    private var next: ObjectID?

    /// A walk from `head` back to the root.
    public init(ledger: Ledger, head: ObjectID) {
        repo = ledger.repo
        next = head
    }

    /// The next older link; nil after the root.
    public mutating func step() throws(LedgerError) -> ChainLink? {
        guard let id = next else { return nil }
        let link = try ledgerCall("history") { try Self.link(id, in: repo) }
        next = link.parent
        return link
    }

    /// The tree and first parent from the header lines recrepo writes, the message after the first
    /// blank line; a commit of another shape goes through libgit2's parser.
    private static func link(_ id: ObjectID, in repo: GitRepository) throws -> ChainLink {
        let object = try repo.readStoredObject(id)
        guard object.type == 1 else { throw LedgerError.objectCorrupt(id: id, detail: "not a commit") }
        if let header = ParsedCommit.treeAndParent(object.data), header.parent != nil || !hasParent(object.data),
           let message = message(object.data) {
            return ChainLink(commit: id, tree: header.tree, parent: header.parent, message: message)
        }
        let raw = try repo.commit(id)
        return ChainLink(commit: id, tree: raw.tree, parent: raw.parents.first, message: Data(raw.message.utf8))
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

/// The acts of a run of consecutive `ChainLink`s, oldest first, each with the files it changed:
/// what a reader of the whole history (the index rebuild) needs, read with as little work as
/// libgit2 allows.
///
/// `act(_:)` and `changedFiles(of:)` read a commit again for each; here the links already hold
/// them. The trees an act wrote stay open for its child's comparison, which starts from them.
///
/// Not `Sendable`, like the ledger it reads: a thread that scans opens a `Ledger` of its own.
public final class HistoryScan {
    private let repo: GitRepository
    private let links: [ChainLink]
    private var parentTree: ObjectID?
    private let trees: TreeCache
    private var position = 0

    /// A scan of the acts of `links`, consecutive and oldest first, reading through `ledger`;
    /// `parentTree` is the tree of the first one's parent (nil: it is the root).
    public init(ledger: Ledger, links: [ChainLink], parentTree: ObjectID?) {
        repo = ledger.repo
        self.links = links
        self.parentTree = parentTree
        trees = TreeCache(repo: repo, rehash: false)
    }

    /// The next act with the files it changed against its parent (for the root: every file);
    /// nil after the last of the run.
    public func next() throws(LedgerError) -> (act: ActInfo, files: [ChangedFile])? {
        guard position < links.count else { return nil }
        let link = links[position]
        let parentTree = self.parentTree
        self.parentTree = link.tree
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

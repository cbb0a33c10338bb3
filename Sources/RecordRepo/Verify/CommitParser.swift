import Foundation

/// A commit object parsed from its raw bytes, strictly: the headers recrepo writes (tree, at most
/// one parent, author, committer, gpgsig) and nothing else.
struct ParsedCommit {
    let tree: ObjectID
    let parents: [ObjectID]
    let author: Person
    let committer: Person
    let signature: Data?
    /// The bytes the signature covers: the object without its `gpgsig` header.
    let signedData: Data
    let message: String

    struct Person: Equatable {
        let name: String
        let email: String
        let time: Int64
        let offset: String
    }

    enum Problem: Error { case malformed(String) }

    init(_ data: Data) throws(Problem) {
        let bytes = [UInt8](data)
        guard let split = Self.headerEnd(bytes) else { throw .malformed("no blank line after the headers") }
        var tree: ObjectID?
        var parents: [ObjectID] = []
        var author: Person?, committer: Person?
        var signatureLines: [String]?
        var signed = Data()
        signed.reserveCapacity(bytes.count)
        var index = 0
        var inSignature = false
        while index < split {
            var end = index
            while end < split, bytes[end] != 10 { end += 1 }
            let line = String(decoding: bytes[index..<end], as: UTF8.self)
            let full = bytes[index...min(end, bytes.count - 1)]
            index = end + 1
            if line.hasPrefix(" ") {
                guard inSignature else { throw .malformed("continuation line outside gpgsig") }
                signatureLines?.append(String(line.dropFirst()))
                continue
            }
            inSignature = false
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { throw .malformed("header line '\(line)'") }
            let value = String(parts[1])
            switch parts[0] {
            case "tree":
                guard tree == nil, let id = ObjectID(hex: value) else { throw .malformed("tree header") }
                tree = id
            case "parent":
                guard let id = ObjectID(hex: value) else { throw .malformed("parent header") }
                parents.append(id)
            case "author":
                guard author == nil, let person = Self.person(value) else { throw .malformed("author header") }
                author = person
            case "committer":
                guard committer == nil, let person = Self.person(value) else { throw .malformed("committer header") }
                committer = person
            case "gpgsig":
                guard signatureLines == nil else { throw .malformed("more than one gpgsig header") }
                signatureLines = [value]
                inSignature = true
                continue
            default:
                throw .malformed("unexpected header '\(parts[0])'")
            }
            signed.append(contentsOf: full)
        }
        signed.append(contentsOf: bytes[split...])
        guard let tree, let author, let committer else { throw .malformed("missing tree, author or committer") }
        self.tree = tree
        self.parents = parents
        self.author = author
        self.committer = committer
        self.signature = signatureLines.map { Data(($0.joined(separator: "\n") + "\n").utf8) }
        self.signedData = signed
        self.message = String(decoding: bytes[(split + 1)...], as: UTF8.self)
    }

    /// Index of the blank line's newline that ends the headers.
    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count > 1 else { return nil }
        for index in 1..<bytes.count where bytes[index] == 10 && bytes[index - 1] == 10 { return index }
        return nil
    }

    /// `Name <email> 1764057600 +0000`
    private static func person(_ text: String) -> Person? {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else {
            return nil
        }
        var name = text[..<open]
        while name.last == " " { name = name.dropLast() }
        let email = String(text[text.index(after: open)..<close])
        let rest = text[text.index(after: close)...].split(separator: " ")
        guard rest.count == 2, let time = Int64(rest[0]) else { return nil }
        return Person(name: String(name), email: email, time: time, offset: String(rest[1]))
    }
}

extension ParsedCommit {
    /// The tree and the first parent alone, from the first header lines (`tree <hex>` then
    /// `parent <hex>`), for walks that only follow objects; nil when the commit does not start so.
    static func treeAndParent(_ data: Data) -> (tree: ObjectID, parent: ObjectID?)? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> (tree: ObjectID, parent: ObjectID?)? in
            func id(after prefix: String, at offset: Int) -> ObjectID? {
                let start = offset + prefix.utf8.count, end = start + 40
                guard end < bytes.count, bytes[end] == 10, bytes[offset..<start].elementsEqual(prefix.utf8) else { return nil }
                return ObjectID(hexBytes: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            }
            guard let tree = id(after: "tree ", at: 0) else { return nil }
            return (tree, id(after: "parent ", at: 46))
        }
    }
}

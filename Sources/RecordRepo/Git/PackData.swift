import Crypto
import Foundation
internal import CGit2

/// A git pack (version 2) built in memory: whole objects deflated, and objects stored as
/// REF_DELTA against an earlier version of themselves. The indexer that receives it hashes every
/// object again, so a mistake here can make a write fail but never store a wrong object.
struct PackData {
    static let refDelta: Int32 = 7
    private var entries = Data()
    private(set) var count = 0

    /// Appends an object as it is.
    mutating func add(type: Int32, content: Data) {
        header(type: type, size: content.count)
        entries.append(Self.deflate(content))
        count += 1
    }

    /// Appends an object as the delta from `base` (an object in this pack or in the repository).
    mutating func add(delta: Data, base: ObjectID) {
        header(type: Self.refDelta, size: delta.count)
        entries.append(contentsOf: base.bytes)
        entries.append(Self.deflate(delta))
        count += 1
    }

    /// The whole pack: header, entries and the SHA-1 trailer.
    func finished() -> Data {
        var pack = Data("PACK".utf8)
        for word in [UInt32(2), UInt32(count)] { withUnsafeBytes(of: word.bigEndian) { pack.append(contentsOf: $0) } }
        pack.append(entries)
        pack.append(contentsOf: Insecure.SHA1.hash(data: pack))
        return pack
    }

    /// Type and size: 3 bits of type and 4 of size, then 7 bits of size per byte.
    private mutating func header(type: Int32, size: Int) {
        var size = size
        var byte = UInt8(truncatingIfNeeded: (type << 4)) | UInt8(size & 0x0f)
        size >>= 4
        while size > 0 {
            entries.append(byte | 0x80)
            byte = UInt8(size & 0x7f)
            size >>= 7
        }
        entries.append(byte)
    }

    static func deflate(_ data: Data) -> Data {
        var length = compressBound(uLong(data.count))
        var out = Data(count: Int(length))
        let code = out.withUnsafeMutableBytes { target in
            data.withUnsafeBytes { source in
                compress2(target.baseAddress?.assumingMemoryBound(to: Bytef.self), &length,
                          source.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(data.count), Z_BEST_SPEED)
            }
        }
        precondition(code == Z_OK, "zlib compress2 failed with \(code) on a buffer sized by compressBound")
        out.count = Int(length)
        return out
    }
}

/// Git's delta format, for an object whose new version differs from the old one in one place
/// (a tree where one entry was added or changed): copy the common prefix, insert the middle, copy
/// the common suffix.
enum Delta {
    /// The delta that turns `base` into `target`, or nil when storing `target` whole is smaller.
    static func encode(from base: Data, to target: Data) -> Data? {
        let old = [UInt8](base), new = [UInt8](target)
        let limit = min(old.count, new.count)
        var prefix = 0
        while prefix < limit && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < limit - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var delta = Data()
        varint(base.count, into: &delta)
        varint(target.count, into: &delta)
        copy(offset: 0, size: prefix, into: &delta)
        var start = prefix
        while start < new.count - suffix {
            let end = min(start + 127, new.count - suffix)
            delta.append(UInt8(end - start))
            delta.append(contentsOf: new[start..<end])
            start = end
        }
        copy(offset: base.count - suffix, size: suffix, into: &delta)
        return delta.count < target.count / 2 ? delta : nil
    }

    private static func varint(_ value: Int, into out: inout Data) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Copy instructions of at most 64 KiB each: a command byte, then the non-zero bytes of the
    /// offset (4) and size (3) that its bits announce.
    private static func copy(offset: Int, size: Int, into out: inout Data) {
        var offset = offset, remaining = size
        while remaining > 0 {
            let chunk = min(remaining, 0x10000)
            var command: UInt8 = 0x80
            var operands: [UInt8] = []
            for index in 0..<4 where (offset >> (8 * index)) & 0xff != 0 {
                command |= 1 << index
                operands.append(UInt8((offset >> (8 * index)) & 0xff))
            }
            let sizeField = chunk == 0x10000 ? 0 : chunk
            for index in 0..<3 where (sizeField >> (8 * index)) & 0xff != 0 {
                command |= 1 << (4 + index)
                operands.append(UInt8((sizeField >> (8 * index)) & 0xff))
            }
            out.append(command)
            out.append(contentsOf: operands)
            offset += chunk
            remaining -= chunk
        }
    }
}

import Foundation

extension String {
    /// True when the UTF-8 bytes of this string sort before those of `other`: the order of keys in
    /// canonical JSON and of text in SQLite. (`<` on strings compares Unicode characters, which
    /// is not always the order of their bytes.) Compares the bytes in place, without copying them
    /// into arrays.
    public func utf8Precedes(_ other: String) -> Bool {
        var left = self, right = other
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                guard common > 0, let x = a.baseAddress, let y = b.baseAddress else { return a.count < b.count }
                let order = memcmp(x, y, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }
}

extension Sequence<String> {
    /// The strings in the order of their UTF-8 bytes (`utf8Precedes`). Each string's first eight
    /// bytes are read once, as one number, and most comparisons stop there: the keys of a record's
    /// objects, sorted for every object a diff or canonical JSON visits, rarely share eight bytes.
    public func sortedByUTF8() -> [String] {
        var keyed = map { (prefix: Self.prefix(of: $0), text: $0) }
        keyed.sort { $0.prefix != $1.prefix ? $0.prefix < $1.prefix : $0.text.utf8Precedes($1.text) }
        return keyed.map(\.text)
    }

    /// The first eight UTF-8 bytes, big-endian, zero-padded: numbers that order as the bytes do,
    /// and equal only when the first eight bytes are (a shorter string padded with zeros ties with
    /// a longer one whose bytes after it are zeros; `utf8Precedes` settles those).
    private static func prefix(of text: String) -> UInt64 {
        var value: UInt64 = 0
        var count = 0
        for byte in text.utf8.prefix(8) {
            value = value << 8 | UInt64(byte)
            count += 1
        }
        return count == 8 ? value : value << (8 * UInt64(8 - count))
    }
}

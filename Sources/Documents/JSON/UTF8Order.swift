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

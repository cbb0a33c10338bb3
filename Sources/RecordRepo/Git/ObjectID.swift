internal import CGit2

/// A git object ID (SHA-1), as a value.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Twenty bytes held as two words and an int keep the value small and hashing cheap.
    let a: UInt64, b: UInt64, c: UInt32

    init(_ oid: git_oid) {
        var oid = oid
        var a: UInt64 = 0, b: UInt64 = 0, c: UInt32 = 0
        withUnsafeBytes(of: &oid.id) { raw in
            a = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            c = raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
        }
        self.a = a; self.b = b; self.c = c
    }

    init(_ pointer: UnsafePointer<git_oid>) { self.init(pointer.pointee) }

    /// Parses forty hexadecimal digits.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy({ $0.isHexDigit }) else { return nil }
        var oid = git_oid()
        guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
        self.init(oid)
    }

    var raw: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.storeBytes(of: a, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: c, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }

    public var isZero: Bool { a == 0 && b == 0 && c == 0 }
    public static let zero = ObjectID(git_oid())

    /// Forty lowercase hexadecimal digits, written straight into the string's storage: a rebuild
    /// of the index writes three for every act.
    public var hex: String {
        var oid = raw
        return withUnsafeBytes(of: &oid.id) { raw in
            String(unsafeUninitializedCapacity: 40) { out in
                for (index, byte) in raw.enumerated() {
                    out[2 * index] = Self.digits[Int(byte >> 4)]
                    out[2 * index + 1] = Self.digits[Int(byte & 0x0f)]
                }
                return 40
            }
        }
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    public var short: String { String(hex.prefix(12)) }
    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }
}

extension UInt8 {
    var isHexDigit: Bool { (48...57).contains(self) || (97...102).contains(self) || (65...70).contains(self) }
}

extension ObjectID {
    /// From the 20 raw bytes that trees store.
    init(rawBytes: ArraySlice<UInt8>) {
        var oid = git_oid()
        rawBytes.withUnsafeBufferPointer { buffer in
            _ = git_oid_fromraw(&oid, buffer.baseAddress)
        }
        self.init(oid)
    }
}

extension ObjectID {
    /// The twenty raw bytes.
    var bytes: [UInt8] {
        var oid = raw
        return withUnsafeBytes(of: &oid.id) { Array($0) }
    }
}

extension ObjectID {
    /// From forty hexadecimal digits as bytes; nil when they are not.
    init?(hexBytes: UnsafeRawBufferPointer) {
        guard hexBytes.count == 40, hexBytes.allSatisfy({ $0.isHexDigit }) else { return nil }
        var oid = git_oid()
        let code = hexBytes.withMemoryRebound(to: CChar.self) { git_oid_fromstrn(&oid, $0.baseAddress, 40) }
        guard code == 0 else { return nil }
        self.init(oid)
    }
}

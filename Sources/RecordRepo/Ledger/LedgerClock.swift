import Foundation

/// Where signing time comes from. Production uses the system clock; tests inject their own.
/// No option or environment variable sets the signing time.
public struct LedgerClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = LedgerClock { Date() }
}

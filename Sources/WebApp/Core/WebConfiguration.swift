import RecordRepo

/// How `recrepo serve` runs: which repository, where it listens, and the clock (the system's;
/// tests inject one into the library, never through an option).
public struct WebConfiguration: Sendable {
    public var repository: String
    public var host: String
    public var port: Int
    /// True under TLS: the session cookie is then `Secure`.
    public var secure: Bool
    public var clock: LedgerClock
    /// How many signings may derive their key at once; the rest wait their turn, so that many
    /// people signing together cannot exhaust memory (each derivation takes the policy's KDF memory).
    public var concurrentSignings: Int
    /// The largest request body the server reads, in bytes, beyond the policy's attachment size.
    public var formAllowance: Int

    public init(repository: String, host: String = "127.0.0.1", port: Int = 8080, secure: Bool = false,
                clock: LedgerClock = .system, concurrentSignings: Int = 2, formAllowance: Int = 64 * 1024) {
        self.repository = repository
        self.host = host
        self.port = port
        self.secure = secure
        self.clock = clock
        self.concurrentSignings = concurrentSignings
        self.formAllowance = formAllowance
    }
}

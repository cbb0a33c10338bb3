import Documents
import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import RecordIndex
import RecordRepo
import SOPRender

/// The repository as the server reaches it. Each request opens its own `Records` on a thread of
/// the blocking pool (libgit2, SQLite and the key derivation never run on the server's event
/// loops), so a request never sees another's state; the ledger's lock and compare-and-swap keep
/// the server and a CLI acting at the same time honest.
public final class Site: Sendable {
    public let configuration: WebConfiguration
    let signings: Permits
    private let policyCache = NIOLockedValueBox<(head: String, policy: Policy)?>(nil)

    public init(_ configuration: WebConfiguration) {
        self.configuration = configuration
        self.signings = Permits(configuration.concurrentSignings)
    }

    public var now: Date { configuration.clock.now() }

    /// Reads from a fresh `Records`.
    func read<T: Sendable>(_ body: @escaping @Sendable (Records) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { [self] in try body(try open(terminal: nil)) }
    }

    /// Reads through the derived index, brought up to the head first.
    func index<T: Sendable>(_ body: @escaping @Sendable (Records, RecordIndex) throws -> T) async throws -> T {
        try await read { records in
            let index = RecordIndex.isWritable(for: records) ? try RecordIndex.open(for: records) : try RecordIndex.temporary(for: records)
            _ = try index.update()
            return try body(records, index)
        }
    }

    /// Authenticates `user` with `password` and runs `act` with the session, the act's Terminal
    /// trailer naming the client's address. At most `concurrentSignings` run at once; a wrong
    /// password counts toward lockout and raises its alert exactly as in the CLI.
    func sign<T: Sendable>(as user: String, password: String, from address: String,
                           _ act: @escaping @Sendable (Records, Session) throws -> T) async throws -> T {
        try await signings.withPermit {
            try await NIOThreadPool.singleton.runIfActive { [self] in
                let records = try open(terminal: "web \(address)")
                return try act(records, try records.authenticate(user, password: password))
            }
        }
    }

    /// Checks a password without signing anything (sign-in). A refusal for an unknown or disabled
    /// account takes the time of a key derivation too, so that neither the message nor the timing
    /// tells whether the account exists.
    func authenticate(_ user: String, password: String, from address: String) async throws -> Session {
        try await signings.withPermit {
            try await NIOThreadPool.singleton.runIfActive { [self] in
                let records = try open(terminal: "web \(address)")
                do {
                    return try records.authenticate(user, password: password)
                } catch let error as DocumentsError {
                    switch error {
                    case .notFound, .accountDisabled, .accountLocked, .invalidField:
                        SealedKey.spendDerivation(password: password, kdf: (try? records.policy().kdf) ?? Policy.standard.kdf)
                    default: break
                    }
                    throw error
                }
            }
        }
    }

    /// The policy in force, read again only when main has moved.
    func policy() async throws -> Policy {
        try await read { [self] records in
            let head = try records.ledger.head()?.hex ?? ""
            if let cached = policyCache.withLockedValue({ $0 }), cached.head == head { return cached.policy }
            let policy = try records.policy()
            policyCache.withLockedValue { $0 = (head, policy) }
            return policy
        }
    }

    func open(terminal: String?) throws -> Records {
        let records = try Records.open(at: configuration.repository, clock: configuration.clock, checklist: JobChecklist.reader)
        records.terminal = terminal
        return records
    }
}

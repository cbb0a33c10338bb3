import Documents
import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import RecordIndex
import RecordRepo
import SOPRender

/// The repository as the server reaches it. Everything runs on a thread of the blocking pool
/// (libgit2, SQLite and the key derivation never run on the server's event loops). Reads go
/// through a `Records` and an index each thread opens once and keeps (each lookup reads the head
/// again, so a CLI's acts are seen at once); every signing opens its own `Records`, and the
/// ledger's lock and compare-and-swap keep the server and a CLI acting at the same time honest.
public final class Site: Sendable {
    public let configuration: WebConfiguration
    let signings: Permits
    private let policyCache = NIOLockedValueBox<(head: String, policy: Policy)?>(nil)
    private let sessionRulesCache = NIOLockedValueBox<(SessionRules, UInt64)?>(nil)
    private let inactiveCache = NIOLockedValueBox<(head: String, users: Set<String>)?>(nil)
    private let handles = ThreadSpecificVariable<ReadHandles>()
    /// SOP revisions rendered to HTML, by the commit a job bound and the revision: a bound
    /// revision never changes, so what was rendered once is served again.
    private let renderedSOPs = NIOLockedValueBox<[String: String]>([:])
    /// Pages rendered at a head (see `page`).
    private let pages = NIOLockedValueBox<[String: String]>([:])

    public init(_ configuration: WebConfiguration) {
        self.configuration = configuration
        self.signings = Permits(configuration.concurrentSignings)
    }

    public var now: Date { configuration.clock.now() }

    /// Reads through this thread's `Records`.
    func read<T: Sendable>(_ body: @escaping @Sendable (Records) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { [self] in try body(try readHandles().records) }
    }

    /// Reads through this thread's derived index, brought up to the head first (where the
    /// repository cannot be written, the index is a temporary file this thread keeps).
    func index<T: Sendable>(_ body: @escaping @Sendable (Records, RecordIndex) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { [self] in
            let handles = try readHandles()
            return try body(handles.records, try handles.updatedIndex())
        }
    }

    /// A page as `build` renders it at the head, kept and served again while main stays at that
    /// commit and the plant's day is the same (an SOP revision can become effective at midnight
    /// with no new act). `key` names the page and everything else it shows: its record, the
    /// person, their session's token.
    func page(_ key: String, _ build: @escaping @Sendable (Records, RecordIndex) throws -> String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { [self] in
            let handles = try readHandles()
            let head = try handles.records.ledger.head()?.hex ?? ""
            let policy = try policy(at: head, in: handles.records)
            let full = "\(head)|\(Day(of: now, in: policy.zone))|\(key)"
            if let html = pages.withLockedValue({ $0[full] }) { return html }
            let html = try build(handles.records, try handles.updatedIndex())
            pages.withLockedValue { cache in
                if cache.count >= 512 { cache.removeAll() }
                cache[full] = html
            }
            return html
        }
    }

    private func readHandles() throws -> ReadHandles {
        if let handles = handles.currentValue { return handles }
        let opened = ReadHandles(records: try open(terminal: nil))
        handles.currentValue = opened
        return opened
    }

    /// The job's bound SOP revision as HTML, rendered through cmark-gfm once per bound revision.
    func renderedSOP(_ bound: WorkOrder.BoundSOP, render: () throws -> String) rethrows -> String {
        let key = "\(bound.commit)|\(bound.id)|\(bound.revision)"
        if let html = renderedSOPs.withLockedValue({ $0[key] }) { return html }
        let html = try render()
        renderedSOPs.withLockedValue { cache in
            if cache.count >= 256 { cache.removeAll() }
            cache[key] = html
        }
        return html
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
        try await read { [self] records in try policy(at: try records.ledger.head()?.hex ?? "", in: records) }
    }

    /// What decides whether a session is still live: the policy's timeouts and the accounts that
    /// are no longer active, as read at the head within the last second, else read again. A
    /// disabled or locked account's sessions, and a change of the timeouts, take effect within a
    /// second; every record and every signing reads the head itself.
    func sessionRules() async throws -> SessionRules {
        let now = DispatchTime.now().uptimeNanoseconds
        if let (rules, at) = sessionRulesCache.withLockedValue({ $0 }), now - at < 1_000_000_000 { return rules }
        let rules = try await read { [self] records in
            let head = try records.ledger.head()?.hex ?? ""
            let inactive: Set<String>
            if let cached = inactiveCache.withLockedValue({ $0 }), cached.head == head {
                inactive = cached.users
            } else {
                inactive = Set(try records.accounts().filter { $0.status != .active }.map(\.id))
                inactiveCache.withLockedValue { $0 = (head, inactive) }
            }
            return SessionRules(policy: try policy(at: head, in: records), inactive: inactive)
        }
        sessionRulesCache.withLockedValue { $0 = (rules, now) }
        return rules
    }

    private func policy(at head: String, in records: Records) throws -> Policy {
        if let cached = policyCache.withLockedValue({ $0 }), cached.head == head { return cached.policy }
        let policy = try records.policy()
        policyCache.withLockedValue { $0 = (head, policy) }
        return policy
    }

    func open(terminal: String?) throws -> Records {
        let records = try Records.open(at: configuration.repository, clock: configuration.clock, checklist: JobChecklist.reader)
        records.terminal = terminal
        return records
    }
}

/// The `Records` and index one thread of the blocking pool reads through. Only the thread that
/// made them uses them (they live in its thread-specific slot), hence unchecked.
final class ReadHandles: @unchecked Sendable {
    let records: Records
    var index: RecordIndex?

    init(records: Records) { self.records = records }

    /// The index, opened on first use (a temporary one where the repository cannot be written)
    /// and brought up to the head.
    func updatedIndex() throws -> RecordIndex {
        let index = try index ?? (RecordIndex.isWritable(for: records) ? try RecordIndex.open(for: records) : try RecordIndex.temporary(for: records))
        self.index = index
        _ = try index.update()
        return index
    }
}

/// The policy's session timeouts and the accounts whose sessions end (disabled or locked).
struct SessionRules: Sendable {
    let policy: Policy
    let inactive: Set<String>
}

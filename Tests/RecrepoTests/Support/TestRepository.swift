import Documents
import Foundation
import RecordRepo
import SOPRender
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_764_057_600)) { current = Mutex(start) }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    var now: Date { current.withLock { $0 } }
    var ledgerClock: LedgerClock { LedgerClock { [self] in self.now } }
}

/// A fresh repository in its own temporary directory, initialised with a cheap scrypt cost.
final class TestRepository {
    static let adminPassword = "admin password 1"
    static let cheap = KDFParameters(logN: 10)
    /// How every test reads an SOP's checklist: the real parser.
    static let checklist: @Sendable (String) -> [String] = { Checklist.steps(in: $0).map(\.text) }

    let directory: URL
    let clock = TestClock()
    let records: Records
    var path: String { records.ledger.path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("recrepo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        records = try Records.initialize(
            at: directory.appendingPathComponent("records").path, admin: "alice", name: "Alice Admin",
            password: Self.adminPassword, kdf: Self.cheap, clock: clock.ledgerClock,
            checklist: Self.checklist)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func admin() throws -> Session { try records.authenticate("alice", password: Self.adminPassword) }

    /// Adds a user and changes their one-time password, so that they can sign.
    @discardableResult
    func addUser(_ id: String, roles: [Role], password: String = "user password 1") throws -> Session {
        clock.advance(1)
        _ = try records.addUser(id, name: "User \(id)", roles: roles, department: "Maintenance",
                                password: "one-time secret 1", reason: "New starter", by: try admin())
        clock.advance(1)
        let first = try records.authenticate(id, password: "one-time secret 1")
        try records.changePassword(first, to: password, oldPassword: "one-time secret 1")
        return try records.authenticate(id, password: password)
    }

    func head() throws -> ObjectID? { try records.ledger.head() }
}

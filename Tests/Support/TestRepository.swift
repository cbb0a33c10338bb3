import Documents
import Foundation
import RecordRepo
import SOPRender
import Synchronization

/// A clock the test moves by hand.
public final class TestClock: Sendable {
    private let current: Mutex<Date>
    public init(_ start: Date = Date(timeIntervalSince1970: 1_764_057_600)) { current = Mutex(start) }
    public func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    public var now: Date { current.withLock { $0 } }
    public var ledgerClock: LedgerClock { LedgerClock { [self] in self.now } }
}

/// A fresh repository in its own temporary directory, initialised with a cheap scrypt cost.
public final class TestRepository {
    public static let adminPassword = "admin password 1"
    public static let cheap = KDFParameters(logN: 10)
    /// How every test reads an SOP's checklist: the real parser.
    public static let checklist: @Sendable (String) -> [ChecklistItem] = {
        Checklist.steps(in: $0).map { step in
            ChecklistItem(text: step.text, reading: step.reading.map {
                WorkOrder.Reading(quantity: $0.quantity, unit: $0.unit, low: $0.low, high: $0.high)
            })
        }
    }

    public let directory: URL
    public let clock: TestClock
    public let records: Records
    public var path: String { records.ledger.path }

    public init(kdf: KDFParameters = TestRepository.cheap, start: Date? = nil) throws {
        clock = start.map { TestClock($0) } ?? TestClock()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("recrepo-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        records = try Records.initialize(
            at: directory.appendingPathComponent("records").path, admin: "alice", name: "Alice Admin",
            password: Self.adminPassword, kdf: kdf, clock: clock.ledgerClock,
            checklist: Self.checklist)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    public func admin() throws -> Session { try records.authenticate("alice", password: Self.adminPassword) }

    /// The passwords of the users `addUser` made, for signing as them (a custodian, say).
    public private(set) var passwords: [String: String] = [:]

    /// An active admin or qa other than alice and `id` that `addUser` made: the custodian a new
    /// credential needs, or nil while there is none.
    public func custodian(for id: String) throws -> String? {
        try records.accounts().first { $0.id != "alice" && $0.id != id && $0.status == .active
            && ($0.has(.admin) || $0.has(.qa)) && passwords[$0.id] != nil }?.id
    }

    /// Adds a user as a person would be: created by alice (with the custodian issuing the second
    /// half of the one-time password when there is one), acknowledged, password changed.
    @discardableResult
    public func addUser(_ id: String, roles: [Role], password: String = "user password 1") throws -> Session {
        clock.advance(1)
        let custodian = try custodian(for: id)
        _ = try records.addUser(id, name: "User \(id)", roles: roles, department: "Maintenance",
                                identity: Account.Identity(method: "badge", reference: "B-\(id)"), custodian: custodian,
                                password: "one-time secret 1", reason: "New starter", by: try admin())
        let oneTime = try issue(id, by: custodian)
        clock.advance(1)
        try records.acknowledge(by: try records.authenticate(id, password: oneTime))
        clock.advance(1)
        let first = try records.authenticate(id, password: oneTime)
        try records.changePassword(first, to: password, oldPassword: oneTime)
        passwords[id] = password
        return try records.authenticate(id, password: password)
    }

    /// The custodian's half issued for `id` (none without a custodian); the whole one-time
    /// password when alice's half was "one-time secret 1".
    public func issue(_ id: String, by custodian: String?) throws -> String {
        guard let custodian, let password = passwords[custodian] else { return "one-time secret 1" }
        clock.advance(1)
        _ = try records.issueCredential(id, password: "second half 1", reason: "Issued in person",
                                        by: try records.authenticate(custodian, password: password))
        return "one-time secret 1" + "second half 1"
    }

    public func head() throws -> ObjectID? { try records.ledger.head() }
}

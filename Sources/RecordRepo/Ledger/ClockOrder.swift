import Foundation

/// Time never goes back along `main`, with one exception that keeps the record honest: a clock
/// incident. When an act was signed under a clock set ahead, every later act would be refused
/// until the true time caught up. An administrator proposes an incident naming the acts later
/// than the true time (the tip of `main`); nothing else may be signed until qa approves or
/// rejects it. Approved, acts go on from the true time and those it names are reported as
/// disputed; rejected, their times stand and the next act may not be earlier than they are.
///
/// The ledger applies this rule before it builds an act (`checkClock`) and verify applies it
/// forward along the whole of `main` (`admit`); the kind of record that carries the incident
/// (its events' names below) says who may sign which event.
public struct ClockOrder: Sendable {
    public static let propose = "clock.propose"
    public static let approve = "clock.approve"
    public static let reject = "clock.reject"

    /// An act whose time is in question, by its position along `main` (0: the root).
    public struct Disputed: Sendable, Equatable {
        public let index: Int
        public let incident: String
    }

    private struct Pending {
        let incident: String
        let first: Int
        let proposal: Int
        let newest: Int64
    }

    private var times: [Int64] = []
    /// The earliest time allowed after each act.
    private var floors: [Int64] = []
    private var pending: Pending?
    /// The acts named by approved incidents.
    public private(set) var disputed: [Disputed] = []
    /// The incident still awaiting qa at the end of the history, if one is.
    public var awaiting: String? { pending?.incident }

    public init() {}

    /// Takes the next act along `main`; returns why its time breaks the rule, or nil.
    public mutating func admit(time: Int64, event: String?, record: String) -> String? {
        let floor = floors.last ?? .min
        var next = max(floor, time)
        var problem: String?
        defer {
            times.append(time)
            floors.append(next)
        }
        if let waiting = pending {
            guard event == Self.approve || event == Self.reject, record == waiting.incident else {
                return "signed while clock incident \(waiting.incident) awaited qa's decision; nothing else may be signed then"
            }
            if time < floor { problem = Self.backwards(time, floor) }
            if event == Self.approve {
                disputed += (waiting.first..<waiting.proposal).map { Disputed(index: $0, incident: waiting.incident) }
                next = time
            } else {
                next = max(time, waiting.newest)
            }
            pending = nil
            return problem
        }
        if event == Self.propose {
            var first = times.count
            while first > 0, times[first - 1] > time { first -= 1 }
            guard first < times.count else {
                return "clock incident \(record) names no act signed later than its own time, so there is no time to dispute"
            }
            let before = first > 0 ? floors[first - 1] : .min
            if time < before { problem = Self.backwards(time, before) }
            pending = Pending(incident: record, first: first, proposal: times.count, newest: times[first...].max() ?? time)
            next = time
            return problem
        }
        return time < floor ? Self.backwards(time, floor) : nil
    }

    private static func backwards(_ time: Int64, _ floor: Int64) -> String {
        "the commit time \(Timestamp.iso(Date(timeIntervalSince1970: TimeInterval(time)))) goes backwards along main "
            + "(the act before allows nothing earlier than \(Timestamp.iso(Date(timeIntervalSince1970: TimeInterval(floor))))), and no approved clock incident covers it"
    }
}

extension Ledger {
    /// The clock rule for `act`, about to be signed at `now` on `parent` (see `ClockOrder`): only
    /// the last act or two are read, never the whole history.
    func checkClock(_ act: Act, parent: RawCommit?, now: Int64, in repo: GitRepository) throws(LedgerError) {
        guard let parent else { return }
        let last = try? ActInfo.parse(parent).get()
        var floor = parent.committerTime
        if last?.event == ClockOrder.propose, let incident = last?.record {
            guard act.event == ClockOrder.approve || act.event == ClockOrder.reject, act.record == incident else {
                throw .incidentPending(incident: incident)
            }
        } else if act.event == ClockOrder.propose {
            // It disputes the acts at the tip later than now, and follows the one before them.
            return
        } else if last?.event == ClockOrder.reject, let proposal = parent.parents.first {
            // A rejected incident leaves the times it named standing.
            floor = max(floor, try ledgerCall("clock") { try newestDisputed(by: try repo.commit(proposal), in: repo) })
        }
        if floor > now {
            throw .clockBehind(last: Timestamp.iso(Date(timeIntervalSince1970: TimeInterval(floor))),
                               now: Timestamp.iso(Date(timeIntervalSince1970: TimeInterval(now))))
        }
    }

    /// The latest time among the acts a proposal disputed: those just before it that are later.
    private func newestDisputed(by proposal: RawCommit, in repo: GitRepository) throws -> Int64 {
        var newest = proposal.committerTime
        var next = proposal.parents.first
        while let id = next {
            let commit = try repo.commit(id)
            guard commit.committerTime > proposal.committerTime else { break }
            newest = max(newest, commit.committerTime)
            next = commit.parents.first
        }
        return newest
    }
}

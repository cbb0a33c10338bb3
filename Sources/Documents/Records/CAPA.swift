/// A corrective and preventive action: numbered actions, each with an owner and a due day,
/// implemented by their owners with evidence; after a waiting period, someone who implemented
/// none of them verifies whether they were effective; QA closes it once they were. Stored at
/// `capa/<shard>/CAPA-000001.json`.
///
/// States (see `CAPA.Status.takes(_:)`): open (actions being planned or implemented) →
/// implemented (every action done) → effective → closed. Not effective returns it to open:
/// further actions are planned, implemented and verified in turn.
public struct CAPA: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, implemented, effective, closed
    }

    /// One planned action and its implementation.
    public struct Action: Codable, Sendable, Equatable {
        /// 1, 2, 3… in the order planned.
        public var number: Int
        public var text: String
        public var owner: String
        /// The plant day it is due, `YYYY-MM-DD`.
        public var due: String
        public var plannedBy: String
        public var plannedAt: String
        public var implementedBy: String?
        public var implementedAt: String?
        /// The plant day it was implemented, from which the effectiveness check waits.
        public var implementedOn: String?
        public var evidence: String?

        public init(number: Int, text: String, owner: String, due: String, plannedBy: String, plannedAt: String) {
            self.number = number
            self.text = text
            self.owner = owner
            self.due = due
            self.plannedBy = plannedBy
            self.plannedAt = plannedAt
        }

        public var isImplemented: Bool { implementedAt != nil }

        /// True when it is not implemented and `today` is past its due day.
        public func isOverdue(on today: Day) -> Bool { !isImplemented && today.text > due }
    }

    /// One effectiveness check.
    public struct Verification: Codable, Sendable, Equatable {
        public var effective: Bool
        public var by: String
        public var at: String

        public init(effective: Bool, by: String, at: String) {
            self.effective = effective
            self.by = by
            self.at = at
        }
    }

    /// `^CAPA-[0-9]{6,9}$`.
    public var id: String
    public var title: String
    /// The deviation it answers, which lists it in turn.
    public var deviation: String?
    public var status: Status
    public var actions: [Action]
    public var verifications: [Verification]?
    public var openedBy: String
    public var openedAt: String
    public var closedBy: String?
    public var closedAt: String?
    public var revision: Int

    public init(id: String, title: String, deviation: String?, openedBy: String, openedAt: String) {
        self.id = id
        self.title = title
        self.deviation = deviation
        self.status = .open
        self.actions = []
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.revision = 1
    }

    /// Everyone who implemented one of its actions.
    public var implementers: Set<String> { Set(actions.compactMap(\.implementedBy)) }

    /// The plant day of the latest implementation, from which the effectiveness check waits.
    public var lastImplementedOn: String? { actions.compactMap(\.implementedOn).max() }

    /// Its actions not implemented past their due day.
    public func overdueActions(on today: Day) -> [Action] { actions.filter { $0.isOverdue(on: today) } }
}

extension CAPA {
    /// The events after the opening.
    public enum Event: String, Sendable, CaseIterable {
        case plan, implement, verify, close
    }
}

extension CAPA.Status {
    /// Whether this state takes `event`.
    ///
    /// | state       | plan | implement           | verify              | close  |
    /// |-------------|------|---------------------|---------------------|--------|
    /// | open        | open | open or implemented | –                   | –      |
    /// | implemented | open | –                   | effective or open   | –      |
    /// | effective   | –    | –                   | –                   | closed |
    /// | closed      | –    | –                   | –                   | –      |
    ///
    /// An implementation leaves it open while an action remains, implemented once none does;
    /// a check that finds the actions not effective returns it to open for further actions.
    public func takes(_ event: CAPA.Event) -> Bool {
        switch (self, event) {
        case (.open, .plan), (.implemented, .plan), (.open, .implement), (.implemented, .verify), (.effective, .close): true
        default: false
        }
    }

    /// The events this state takes, in words, for refusals.
    var events: String {
        let names = CAPA.Event.allCases.filter(takes).map(\.rawValue)
        return names.isEmpty ? "no further event" : names.joined(separator: " or ")
    }
}

import Documents
import Testing

@Suite struct WorkOrderLifecycleTests {
    static let time = "2026-11-25T10:00:00Z"
    static let checklist = ["Isolate the pump", "Check the seal", "Restart"]

    /// A work order in each state; tom is the assignee throughout.
    enum Situation: String, CaseIterable, Sendable {
        case open, openUnassigned, inProgress, inProgressAllSigned, completed, reviewed, closed, cancelled

        var order: WorkOrder {
            var order = Fixtures.openWorkOrder(assignee: self == .openUnassigned ? nil : "tom")
            switch self {
            case .open, .openUnassigned: return order
            case .cancelled:
                (order.status, order.cancelledBy, order.cancelledAt) = (.cancelled, "sam", time)
                return order
            default: break
            }
            (order.status, order.boundSOP, order.startedAt) = (.inProgress, Fixtures.bound, time)
            order.steps = checklist.enumerated().map { .init(number: $0.offset + 1, text: $0.element) }
            if self == .inProgress { return order }
            for index in order.steps.indices { (order.steps[index].signedBy, order.steps[index].signedAt) = ("tom", time) }
            if self == .inProgressAllSigned { return order }
            (order.status, order.completedBy, order.completedAt) = (.completed, "tom", time)
            if self == .completed { return order }
            (order.status, order.reviewedBy, order.reviewedAt) = (.reviewed, "sam", time)
            if self == .reviewed { return order }
            (order.status, order.closedBy, order.closedAt) = (.closed, "quinn", time)
            return order
        }
    }

    /// Each event, by someone the identity rules allow.
    enum EventCase: String, CaseIterable, Sendable {
        case start, signStep, complete, review, close, cancel

        var event: WorkOrder.Event {
            switch self {
            case .start: .start(by: "tom", bound: Fixtures.bound, steps: checklist, at: time)
            case .signStep: .signStep(number: 1, by: "tom", note: "LOTO tag 17", at: time)
            case .complete: .complete(by: "tom", at: time)
            case .review: .review(by: "sam", at: time)
            case .close: .close(by: "quinn", at: time)
            case .cancel: .cancel(by: "sam", at: time)
            }
        }
    }

    /// The whole transition table: what each state becomes after each event; absent = refused.
    static let table: [Situation: [EventCase: WorkOrder.Status]] = [
        .open: [.start: .inProgress, .cancel: .cancelled],
        .openUnassigned: [.start: .inProgress, .cancel: .cancelled],
        .inProgress: [.signStep: .inProgress, .cancel: .cancelled],
        .inProgressAllSigned: [.complete: .completed, .cancel: .cancelled],
        .completed: [.review: .reviewed],
        .reviewed: [.close: .closed],
        .closed: [:],
        .cancelled: [:],
    ]

    @Test("every state × event pair gives the table's state (one revision more) or is refused from that state",
          arguments: Situation.allCases, EventCase.allCases)
    func transition(situation: Situation, event: EventCase) throws {
        let before = situation.order
        var order = before
        if let expected = Self.table[situation]?[event] {
            try order.apply(event.event)
            #expect(order.status == expected)
            #expect(order.revision == before.revision + 1)
        } else {
            #expect {
                try order.apply(event.event)
            } throws: { error in
                guard case DocumentsError.invalidTransition(let record, let from, let name, _) = error else { return false }
                return record == "WO-000001" && from == before.status.rawValue && name == event.event.name
            }
            #expect(order == before, "a refused event changes nothing")
        }
    }

    /// Expects `event` on `order` to be refused with a reason containing `reason`.
    static func refuses(_ order: WorkOrder, _ event: WorkOrder.Event, because reason: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        var copy = order
        #expect(sourceLocation: sourceLocation) { try copy.apply(event) } throws: { error in
            guard case DocumentsError.invalidTransition(_, _, _, let why) = error else { return false }
            return why.contains(reason)
        }
    }

    @Test("only the assignee starts; an unassigned job is assigned to whoever starts it")
    func start() throws {
        Self.refuses(Situation.open.order, .start(by: "eve", bound: Fixtures.bound, steps: [], at: Self.time),
                     because: "only tom may start it")
        var order = Situation.openUnassigned.order
        try order.apply(.start(by: "eve", bound: Fixtures.bound, steps: Self.checklist, at: Self.time))
        #expect(order.assignee == "eve" && order.boundSOP == Fixtures.bound && order.startedAt == Self.time)
        #expect(order.steps == Self.checklist.enumerated().map { WorkOrder.Step(number: $0.offset + 1, text: $0.element) })
    }

    @Test("a job starts only against a revision of its own SOP")
    func boundToItsSOP() {
        let other = WorkOrder.BoundSOP(id: "SOP-0002", revision: 1, commit: Fixtures.commit)
        Self.refuses(Situation.open.order, .start(by: "tom", bound: other, steps: [], at: Self.time), because: "follows SOP-0001")
    }

    @Test("steps are signed by the assignee, in order, each once")
    func steps() throws {
        let order = Situation.inProgress.order
        Self.refuses(order, .signStep(number: 2, by: "tom", note: nil, at: Self.time), because: "sign step 1 first")
        Self.refuses(order, .signStep(number: 1, by: "eve", note: nil, at: Self.time), because: "only tom may sign")
        Self.refuses(order, .signStep(number: 4, by: "tom", note: nil, at: Self.time), because: "has no step 4")
        var signed = order
        try signed.apply(.signStep(number: 1, by: "tom", note: "ok", at: Self.time))
        #expect(signed.steps[0] == WorkOrder.Step(number: 1, text: "Isolate the pump", signedBy: "tom", signedAt: Self.time, note: "ok"))
        #expect(signed.nextStep?.number == 2)
        Self.refuses(signed, .signStep(number: 1, by: "tom", note: nil, at: Self.time), because: "step 1 was signed already by tom")
        Self.refuses(signed, .signStep(number: 3, by: "tom", note: nil, at: Self.time), because: "sign step 2 first")
    }

    @Test("only the assignee completes, and only when every step is signed")
    func complete() {
        Self.refuses(Situation.inProgress.order, .complete(by: "tom", at: Self.time), because: "step 1 is not signed")
        Self.refuses(Situation.inProgressAllSigned.order, .complete(by: "eve", at: Self.time), because: "only tom may complete")
    }

    @Test("the assignee may neither review nor close their own job")
    func segregation() {
        Self.refuses(Situation.completed.order, .review(by: "tom", at: Self.time), because: "tom did the job")
        Self.refuses(Situation.reviewed.order, .close(by: "tom", at: Self.time), because: "tom did the job")
    }

    @Test("a job run from start to close keeps a record that matches its schema at every step")
    func wholeJob() throws {
        var order = Fixtures.openWorkOrder()
        var events: [WorkOrder.Event] = [.start(by: "tom", bound: Fixtures.bound, steps: Self.checklist, at: Self.time)]
        events += (1...3).map { .signStep(number: $0, by: "tom", note: $0 == 2 ? "seal replaced" : nil, at: Self.time) }
        events += [.complete(by: "tom", at: Self.time), .review(by: "sam", at: Self.time), .close(by: "quinn", at: Self.time)]
        for event in events {
            try order.apply(event)
            try Schemas.validate(try CanonicalJSON.encode(order), kind: .workOrder, record: order.id)
        }
        #expect(order.status == .closed && order.revision == 1 + events.count)
        #expect(order.steps.map(\.signedBy) == ["tom", "tom", "tom"] && order.steps[1].note == "seal replaced")
        #expect((order.completedBy, order.reviewedBy, order.closedBy) == ("tom", "sam", "quinn"))
    }
}

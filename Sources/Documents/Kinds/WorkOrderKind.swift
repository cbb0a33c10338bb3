import Foundation
import RecordRepo

/// The work order's events. The lifecycle itself (states, who may do what to a job) is
/// `WorkOrder.applying`; these declarations add the policy, the meaning and the checks against
/// other records, and say how verify finds each event's input in the record it wrote.
public enum WorkOrderKind {
    /// What a planner asks for when creating a job.
    public struct Request: Sendable, Equatable {
        public var id: String
        public var title: String
        public var sop: String
        public var equipment: String
        public var assignee: String?
        /// A repair that returns out-of-service equipment to service: the one job such equipment takes.
        public var repair: Bool
        public var type: WorkOrder.Kind?
        public var priority: WorkOrder.Priority?
        public var due: String?

        public init(id: String, title: String, sop: String, equipment: String, assignee: String?, repair: Bool = false,
                    type: WorkOrder.Kind? = nil, priority: WorkOrder.Priority? = nil, due: String? = nil) {
            self.id = id
            self.title = title
            self.sop = sop
            self.equipment = equipment
            self.assignee = assignee
            self.repair = repair
            self.type = type
            self.priority = priority
            self.due = due
        }
    }

    /// The SOP revision a job is started against and the steps its checklist gives, with the
    /// reading each asks for.
    public struct Start: Sendable, Equatable {
        public var bound: WorkOrder.BoundSOP
        public var steps: [ChecklistItem]
    }

    /// One step signed, with its note, and what `WorkOrderKind+Steps` adds: the value read, a
    /// deviation, or why it did not apply.
    public struct Step: Sendable, Equatable {
        public var number: Int
        public var note: String?
        public var value: Double?
        public var deviation: String?
        public var notApplicable = false
        public var justification: String?
        /// The class of the deviation the step opens (nil: minor).
        public var deviationClass: Deviation.Classification?
        /// The deviation record the step opens in the same act, made by the service from the
        /// job and `deviation`, and recovered by the replay from the step's `deviationID`.
        public var opening: DeviationKind.Opening?

        public init(number: Int, note: String? = nil, value: Double? = nil, deviation: String? = nil, notApplicable: Bool = false,
                    justification: String? = nil, deviationClass: Deviation.Classification? = nil) {
            self.number = number
            self.note = note
            self.value = value
            self.deviation = deviation
            self.notApplicable = notApplicable
            self.justification = justification
            self.deviationClass = deviationClass
        }
    }

    public static let create = RecordEvent<WorkOrder, Request>(
        "create", meaning: .authorship, permission: .woCreate, action: "create work orders", creates: true,
        summary: { id, _, _ in "Create \(id)" },
        input: { _, written, _ in
            Request(id: written.id, title: written.title, sop: written.sop, equipment: written.equipment, assignee: written.assignee,
                    repair: written.repair == true, type: written.type, priority: written.priority, due: written.due)
        },
        rests: { [(.sop, $0.sop), (.equipment, $0.equipment)] },
        check: { _, request, context, signing throws(DocumentsError) in
            guard let sop = context.record(SOP.self, kind: .sop, id: request.sop) else { throw .notFound(record: request.sop) }
            guard !sop.isRetired else {
                throw .notPermitted(user: signing.user, action: "plan work on \(request.sop)", reason: "\(request.sop) is retired")
            }
            guard let unit = context.record(Equipment.self, kind: .equipment, id: request.equipment) else {
                throw .notFound(record: "equipment \(request.equipment) (add it first with 'recrepo equipment add')")
            }
            switch unit.status {
            case .active: break
            case .outOfService where request.repair: break
            case .outOfService:
                throw .notPermitted(user: signing.user, action: "plan work on \(request.equipment)",
                                    reason: "\(request.equipment) is out of service: only the repair that returns it to service may be planned on it ('recrepo wo new … --repair')")
            case .retired:
                throw .notPermitted(user: signing.user, action: "plan work on \(request.equipment)", reason: "\(request.equipment) is retired")
            }
            if let assignee = request.assignee {
                try context.require(.woExecute, of: assignee, to: "be assigned work orders")
            }
            if let due = request.due {
                _ = try Day(parsing: due, field: "due date", record: request.id)
                guard due >= signing.day else {
                    throw .invalidField(record: request.id, field: "due date", reason: "\(due) is before today (\(signing.day)) in the plant's time zone")
                }
            }
            guard request.type != .preventive else {
                throw .invalidField(record: request.id, field: "type", reason: "preventive jobs come from approved PM plans, not from 'wo new'")
            }
        },
        apply: { _, request, signing in
            var order = WorkOrder(id: request.id, title: request.title, sop: request.sop, equipment: request.equipment,
                                  assignee: request.assignee, createdBy: signing.user, createdAt: signing.time)
            order.repair = request.repair ? true : nil
            order.type = request.type
            order.priority = request.priority
            order.due = request.due
            return order
        })

    /// Binds the SOP revision effective on the signing day, by the commit of its approval, and
    /// takes that revision's checklist as the job's steps.
    public static let start = RecordEvent<WorkOrder, Start>(
        "start", meaning: .execution, permission: .woExecute, action: "start jobs",
        summary: { id, start, _ in "Start \(id) on \(start.bound.id) revision \(start.bound.revision)" },
        input: { _, written, _ in
            written.boundSOP.map { Start(bound: $0, steps: written.steps.map { ChecklistItem(text: $0.text, reading: $0.reading) }) }
        },
        rests: { [(.sop, $0.bound.id)] },
        check: { before, start, context, signing throws(DocumentsError) in
            if let order = before, order.assignee == nil, let role = order.assigneeRole,
               context.account(signing.user)?.roles.contains(role) != true {
                throw .notPermitted(user: signing.user, action: "start \(order.id)", reason: "it is assigned to the \(role.rawValue) role")
            }
            let bound = start.bound
            guard let sop = context.record(SOP.self, kind: .sop, id: bound.id), !sop.isRetired,
                  let effective = sop.effectiveRevision(today: signing.day) else {
                throw .notPermitted(user: signing.user, action: "start a job on \(bound.id)",
                                    reason: "\(bound.id) has no effective revision; a job may only follow an approved, effective SOP")
            }
            guard effective.number == bound.revision else {
                throw .notPermitted(user: signing.user, action: "bind \(bound.id) revision \(bound.revision)",
                                    reason: "revision \(effective.number) is the effective one")
            }
            guard let approval = context.act(bound.commit), approval.record == bound.id,
                  approval.revision == bound.revision, approval.meaning == .approval else {
                throw .notPermitted(user: signing.user, action: "bind \(bound.id) revision \(bound.revision)",
                                    reason: "the binding does not name the approval of that revision")
            }
            guard context.checklist(sop: bound.id, at: bound.commit) == start.steps else {
                throw .notPermitted(user: signing.user, action: "start with these steps",
                                    reason: "they are not the checklist of \(bound.id) revision \(bound.revision)")
            }
            try context.requireTrained(signing.user, on: bound.id, revision: bound.revision, to: "start \(before?.id ?? "the job")")
        },
        apply: { before, start, signing throws(DocumentsError) in
            var order = try existing(before).applying(.start(by: signing.user, bound: start.bound, steps: start.steps.map(\.text),
                                                             at: signing.time))
            for (index, item) in start.steps.enumerated() { order.steps[index].reading = item.reading }
            return order
        })

    public static let step = RecordEvent<WorkOrder, Step>(
        "step", meaning: .execution, permission: .woExecute, action: "sign job steps",
        summary: { id, step, _ in "Sign step \(step.number) of \(id)\(stepSummary(step))" },
        input: { before, written, _ in stepInput(before, written) },
        check: { before, step, context, signing throws(DocumentsError) in
            let order = try existing(before)
            try checkStep(order, step)
            if let bound = order.boundSOP {
                try context.requireTrained(signing.user, on: bound.id, revision: bound.revision, to: "sign step \(step.number) of \(order.id)")
            }
            try checkOpening(order, step, context, signing)
        },
        apply: { before, step, signing throws(DocumentsError) in
            try signedStep(try existing(before).applying(.signStep(number: step.number, by: signing.user, note: step.note, at: signing.time)),
                           step)
        },
        companions: { step, context throws(DocumentsError) in
            guard let opening = step.opening else { return [] }
            return [try DeviationKind.companion(opening, in: context)]
        })

    /// A generated job also keeps the day it was completed in the plant's time zone: the day its
    /// occurrence is classified by.
    public static let complete = RecordEvent<WorkOrder, Void>(
        "complete", meaning: .completion, permission: .woExecute, action: "complete jobs",
        summary: { id, _, _ in "Complete \(id)" },
        input: { _, _, _ in () },
        apply: { before, _, signing throws(DocumentsError) in
            var order = try existing(before).applying(.complete(by: signing.user, at: signing.time))
            order.occurrence?.completed = signing.day
            return order
        })
    public static let review = simple("review", .review, .woReview, "review jobs") { .review(by: $0.user, at: $0.time) }
    public static let close = simple("close", .approval, .woClose, "close jobs") { .close(by: $0.user, at: $0.time) }
    /// Ends a job that is open or in progress without doing it; the reason says why.
    public static let cancel = simple("cancel", .cancellation, .woCancel, "cancel jobs") { .cancel(by: $0.user, at: $0.time) }

    public static let declaration = KindDeclaration<WorkOrder>(
        kind: .workOrder,
        events: [create.replayable, generate.replayable, accept.replayable, start.replayable, step.replayable, labour.replayable,
                 part.replayable, attach.replayable, complete.replayable, review.replayable, disposition.replayable, correct.replayable,
                 close.replayable, cancel.replayable],
        revision: \.revision,
        labels: ["boundSOP.id": "SOP followed", "boundSOP.revision": "SOP revision followed",
                 "boundSOP.commit": "commit of that revision's approval", "steps[].text": "step {n}",
                 "steps[].signedBy": "step {n} signed by", "steps[].signedAt": "step {n} signed at", "steps[].note": "step {n} note",
                 "steps[].number": "step {n} number", "steps[].value": "step {n} value", "steps[].outOfLimits": "step {n} out of limits",
                 "steps[].deviation": "step {n} deviation", "steps[].notApplicable": "step {n} not applicable",
                 "steps[].justification": "step {n} justification"])

    /// An event without input of its own: the lifecycle event made from the signing.
    private static func simple(_ name: String, _ meaning: Meaning, _ permission: Permission, _ action: String,
                               _ event: @escaping @Sendable (Signing) -> WorkOrder.Event) -> RecordEvent<WorkOrder, Void> {
        RecordEvent<WorkOrder, Void>(
            name, meaning: meaning, permission: permission, action: action,
            summary: { id, _, _ in "\(name.prefix(1).uppercased())\(name.dropFirst()) \(id)" },
            input: { _, _, _ in () },
            apply: { before, _, signing throws(DocumentsError) in try existing(before).applying(event(signing)) })
    }

    static func existing(_ order: WorkOrder?) throws(DocumentsError) -> WorkOrder {
        guard let order else { throw .notFound(record: "the work order") }
        return order
    }
}

import Foundation
import RecordRepo

extension WorkOrderKind {
    /// A job an approved PM plan calls for, as `pm run` generates it.
    public struct Generation: Sendable, Equatable {
        public var id: String
        public var title: String
        public var sop: String
        public var equipment: String
        public var assignee: String?
        public var assigneeRole: Role?
        public var occurrence: WorkOrder.Occurrence

        /// The job `plan` gives for `occurrence`.
        init(id: String, plan: PMPlan, occurrence: WorkOrder.Occurrence) {
            self.id = id
            title = plan.definition.title
            sop = plan.definition.sop
            equipment = plan.definition.equipment
            assignee = plan.definition.assignee
            assigneeRole = plan.definition.assigneeRole
            self.occurrence = occurrence
        }

        init?(_ order: WorkOrder) {
            guard let occurrence = order.occurrence else { return nil }
            id = order.id
            title = order.title
            sop = order.sop
            equipment = order.equipment
            assignee = order.assignee
            assigneeRole = order.assigneeRole
            self.occurrence = occurrence
        }
    }

    /// Generation: signed by the system key alone, and only for the occurrence the plan calls for
    /// next at the parent (`PMSchedule`), so that no plan's occurrence is generated twice and none
    /// is generated that no plan called for. The plan's schedule advances in the same act.
    public static let generate = RecordEvent<WorkOrder, Generation>(
        "generate", meaning: .generation, permission: nil, action: "generate work from PM plans", creates: true,
        summary: { id, generation, _ in "Generate \(id): \(generation.occurrence.plan) occurrence \(generation.occurrence.number)" },
        input: { _, written, _ in Generation(written) },
        rests: { [(.equipment, $0.equipment), (.sop, $0.sop)] },
        check: { _, generation, context, signing throws(DocumentsError) in
            let occurrence = generation.occurrence
            guard signing.user == Signer.systemPrincipal else {
                throw .notPermitted(user: signing.user, action: "generate work from \(occurrence.plan)",
                                    reason: "only the system generates work from approved plans ('recrepo pm run'); a person plans work with 'recrepo wo new'")
            }
            guard let plan = context.record(PMPlan.self, kind: .pm, id: occurrence.plan) else { throw .notFound(record: occurrence.plan) }
            let today = Day(checked: signing.day)
            let next = try PMSchedule.next(plan, in: context, today: today, through: today.adding(days: PMSchedule.maxDaysAhead))
            guard next == .generate(occurrence) else {
                throw .notPermitted(user: signing.user, action: "generate \(occurrence.plan) occurrence \(occurrence.number) due \(occurrence.due)",
                                    reason: "the plan does not call for that occurrence now")
            }
            guard generation == Generation(id: generation.id, plan: plan, occurrence: occurrence) else {
                throw .invalidField(record: generation.id, field: "job", reason: "it is not the job \(plan.id) describes")
            }
        },
        apply: { _, generation, signing in
            var order = WorkOrder(id: generation.id, title: generation.title, sop: generation.sop, equipment: generation.equipment,
                                  assignee: generation.assignee, createdBy: signing.user, createdAt: signing.time)
            order.assigneeRole = generation.assigneeRole
            order.type = .preventive
            order.priority = .normal
            order.due = generation.occurrence.due
            order.occurrence = generation.occurrence
            return order
        },
        companions: { generation, context throws(DocumentsError) in
            let occurrence = generation.occurrence
            guard let plan = context.record(PMPlan.self, kind: .pm, id: occurrence.plan) else { throw .notFound(record: occurrence.plan) }
            return [try Companion.record(kind: .pm, id: plan.id, value: PMSchedule.advanced(plan, by: occurrence, order: generation.id))]
        })
}

extension PMKind {
    /// A condition plan armed again by a reading back inside its threshold: signed by the system
    /// key, with the time of that reading, when `PMSchedule` calls for it at the parent.
    public static let rearm = RecordEvent<PMPlan, String>(
        "rearm", meaning: .generation, permission: nil, action: "re-arm condition plans",
        summary: { id, _, _ in "Re-arm \(id)" },
        input: { before, written, _ in
            guard let at = written.schedule?.readingAt, written.schedule?.armed == true, before?.schedule?.armed == false else { return nil }
            return at
        },
        check: { before, readingAt, context, signing throws(DocumentsError) in
            guard let plan = before else { throw .notFound(record: "the PM plan") }
            guard signing.user == Signer.systemPrincipal else {
                throw .notPermitted(user: signing.user, action: "re-arm \(plan.id)", reason: "only the system re-arms plans, from readings")
            }
            let today = Day(checked: signing.day)
            guard try PMSchedule.next(plan, in: context, today: today, through: today) == .rearm(readingAt: readingAt) else {
                throw .notPermitted(user: signing.user, action: "re-arm \(plan.id)", reason: "no reading back inside its threshold calls for it")
            }
        },
        apply: { before, readingAt, _ throws(DocumentsError) in
            guard var plan = before else { throw .notFound(record: "the PM plan") }
            var schedule = plan.schedule ?? PMPlan.Schedule()
            schedule.armed = true
            schedule.readingAt = readingAt
            plan.schedule = schedule
            return plan
        })
}

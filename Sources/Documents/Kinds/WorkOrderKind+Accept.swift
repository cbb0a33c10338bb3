import Foundation
import RecordRepo

extension WorkOrderKind {
    /// A request accepted into a job: the job as `wo new` would create it, and the request it answers.
    public struct Acceptance: Sendable, Equatable {
        public var request: String
        public var job: Request

        public init(request: String, job: Request) {
            self.request = request
            self.job = job
        }
    }

    /// A supervisor accepts a request into a corrective job: the job is created, with every check
    /// `wo new` makes, and the request names it, in one act.
    public static let accept = RecordEvent<WorkOrder, Acceptance>(
        "accept", meaning: .authorship, permission: .woCreate, action: "accept maintenance requests", creates: true,
        summary: { id, acceptance, _ in "Accept \(acceptance.request) into \(id)" },
        input: { before, written, body in
            guard let request = written.request, let job = create.input(before, written, body) else { return nil }
            return Acceptance(request: request, job: job)
        },
        rests: { create.rests($0.job) },
        check: { _, acceptance, context, signing throws(DocumentsError) in
            let request = try RequestKind.open(context.record(MaintenanceRequest.self, kind: .request, id: acceptance.request))
            guard request.equipment == acceptance.job.equipment else {
                throw .invalidField(record: acceptance.job.id, field: "equipment",
                                    reason: "\(request.id) is about \(request.equipment), not \(acceptance.job.equipment)")
            }
            guard acceptance.job.type == .corrective else {
                throw .invalidField(record: acceptance.job.id, field: "type", reason: "a request is accepted into corrective work")
            }
            try create.check(nil, acceptance.job, context, signing)
        },
        apply: { _, acceptance, signing throws(DocumentsError) in
            var order = try create.apply(nil, acceptance.job, signing)
            order.request = acceptance.request
            return order
        },
        companions: { acceptance, context throws(DocumentsError) in
            let request = try RequestKind.open(context.record(MaintenanceRequest.self, kind: .request, id: acceptance.request))
            let job = acceptance.job.id
            return [try Companion.record(kind: .request, id: request.id) { signing in
                var accepted = request
                accepted.status = .accepted
                accepted.workOrder = job
                accepted.decidedBy = signing.user
                accepted.decidedAt = signing.time
                accepted.revision += 1
                return accepted
            }]
        })
}

import Documents
import Foundation

/// Sample records with every field in use, for schema and lifecycle tests.
enum Fixtures {
    static let time = "2026-11-25T09:00:00Z"
    static let commit = "0123456789abcdef0123456789abcdef01234567"

    /// An SOP whose revision 1 is superseded, 2 effective and 3 a draft by two authors.
    static func sop() -> SOP {
        SOP(id: "SOP-0001", title: "Calibration of pressure gauges — Ø 100 mm", revisions: [
            SOPRevision(number: 1, status: .superseded, authors: ["alice"], reviewer: "bob", approver: "carol",
                        effectiveDate: "2026-01-01"),
            SOPRevision(number: 2, status: .effective, authors: ["alice", "dave"], reviewer: "bob", approver: "carol",
                        effectiveDate: "2026-06-01"),
            SOPRevision(number: 3, status: .draft, authors: ["dave"]),
        ], createdBy: "alice", createdAt: time)
    }

    static func equipment() -> Equipment {
        Equipment(id: "PUMP-101", name: "Transfer pump", location: "Building 2, room 14", department: "utilities",
                  createdBy: "alice", createdAt: time)
    }

    /// A new, open work order assigned to `assignee`.
    static func openWorkOrder(assignee: String? = "tom") -> WorkOrder {
        WorkOrder(id: "WO-000001", title: "Quarterly PM of PUMP-101", sop: "SOP-0001", equipment: "PUMP-101",
                  assignee: assignee, createdBy: "sam", createdAt: time)
    }

    static let bound = WorkOrder.BoundSOP(id: "SOP-0001", revision: 2, commit: commit)

    /// A closed work order with every field set.
    static func closedWorkOrder() -> WorkOrder {
        var order = openWorkOrder()
        order.status = .closed
        order.boundSOP = bound
        order.steps = [
            .init(number: 1, text: "Isolate the pump", signedBy: "tom", signedAt: time, note: "LOTO tag 17"),
            .init(number: 2, text: "Check the seal\nfor leaks", signedBy: "tom", signedAt: time),
            .init(number: 3, text: "Restart", signedBy: "tom", signedAt: time, note: "ok"),
            .init(number: 4, text: "Read the outlet temperature reading: outlet temperature in °C, between 2 and 8", signedBy: "tom",
                  signedAt: time, note: "second probe", reading: WorkOrder.Reading(quantity: "outlet temperature", unit: "°C", low: 2, high: 8)),
            .init(number: 5, text: "Check the bypass", signedBy: "tom", signedAt: time),
        ]
        order.steps[3].value = 9.5
        order.steps[3].outOfLimits = true
        order.steps[3].deviation = "Read with the spare probe"
        order.steps[3].dispositions = [
            WorkOrder.Disposition(decision: .repeat, value: 9.4, reason: "Read again", by: "sam", at: time),
            WorkOrder.Disposition(decision: .accept, value: 9.5, reason: "Within the validated range", by: "sam", at: time),
        ]
        order.steps[3].corrections = [WorkOrder.Correction(previousValue: 9.4, previousNote: "first probe", value: 9.5, note: "second probe", reason: "Transcription", by: "tom", at: time)]
        order.steps[4].notApplicable = true
        order.steps[4].justification = "No bypass on this unit"
        order.startedAt = time
        (order.completedBy, order.completedAt) = ("tom", time)
        (order.reviewedBy, order.reviewedAt) = ("sam", time)
        (order.closedBy, order.closedAt) = ("quinn", time)
        order.revision = 7
        return order
    }

    /// A cancelled work order (the only path that sets the cancel fields).
    static func cancelledWorkOrder() -> WorkOrder {
        var order = openWorkOrder()
        order.status = .cancelled
        (order.cancelledBy, order.cancelledAt) = ("sam", time)
        order.revision = 2
        return order
    }
}

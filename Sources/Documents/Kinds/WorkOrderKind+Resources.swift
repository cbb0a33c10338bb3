import Foundation
import RecordRepo

/// The labour and parts recorded on a job while it is done: who worked how long, what was used.
extension WorkOrderKind {
    /// Whose time, and how many hours.
    public struct LabourEntry: Sendable, Equatable {
        public var user: String
        public var hours: Double

        public init(user: String, hours: Double) {
            self.user = user
            self.hours = hours
        }
    }

    /// What part, how many, which lot.
    public struct PartEntry: Sendable, Equatable {
        public var number: String
        public var description: String
        public var quantity: Double
        public var lot: String?

        public init(number: String, description: String, quantity: Double, lot: String?) {
            self.number = number
            self.description = description
            self.quantity = quantity
            self.lot = lot
        }
    }

    public static let labour = RecordEvent<WorkOrder, LabourEntry>(
        "labour", meaning: .execution, permission: nil, action: "record labour on jobs",
        summary: { id, labour, _ in "Labour on \(id): \(labour.user) \(CanonicalJSON.number(labour.hours)) h" },
        input: { before, written, _ in added(before?.labour, written.labour).map { LabourEntry(user: $0.user, hours: $0.hours) } },
        check: { before, labour, context, signing throws(DocumentsError) in
            let order = try recordable(before)
            try requireDoer(of: order, for: labour.user, in: context, signing: signing)
            try context.require(.woExecute, of: labour.user, to: "work on jobs")
            guard labour.hours.isFinite, labour.hours > 0, labour.hours <= 24, (labour.hours * 100).rounded() == labour.hours * 100 else {
                throw .invalidField(record: order.id, field: "hours", reason: "one entry is more than 0 and at most 24 hours, to the hundredth")
            }
        },
        apply: { before, labour, signing throws(DocumentsError) in
            var order = try recordable(before)
            order.labour = (order.labour ?? []) + [WorkOrder.Labour(user: labour.user, hours: labour.hours, by: signing.user, at: signing.time)]
            order.revision += 1
            return order
        })

    public static let part = RecordEvent<WorkOrder, PartEntry>(
        "part", meaning: .execution, permission: nil, action: "record parts used on jobs",
        summary: { id, part, _ in "Part on \(id): \(CanonicalJSON.number(part.quantity)) x \(part.number)" },
        input: { before, written, _ in
            added(before?.parts, written.parts).map { PartEntry(number: $0.number, description: $0.description, quantity: $0.quantity, lot: $0.lot) }
        },
        check: { before, part, context, signing throws(DocumentsError) in
            let order = try recordable(before)
            try requireDoer(of: order, for: signing.user, in: context, signing: signing)
            for (field, text, length) in [("part number", part.number, 64), ("description", part.description, 200), ("lot", part.lot ?? "x", 64)] {
                if let problem = TextRules.problem(with: text, maxLength: length) {
                    throw .invalidField(record: order.id, field: field, reason: problem)
                }
            }
            guard part.quantity.isFinite, part.quantity > 0 else {
                throw .invalidField(record: order.id, field: "quantity", reason: "a quantity is a number more than 0")
            }
        },
        apply: { before, part, signing throws(DocumentsError) in
            var order = try recordable(before)
            order.parts = (order.parts ?? []) + [WorkOrder.Part(number: part.number, description: part.description, quantity: part.quantity,
                                                                lot: part.lot, by: signing.user, at: signing.time)]
            order.revision += 1
            return order
        })

    /// The one entry `written` holds beyond `before`, or nil.
    static func added<T: Equatable>(_ before: [T]?, _ written: [T]?) -> T? {
        let old = before ?? [], new = written ?? []
        guard new.count == old.count + 1, Array(new.prefix(old.count)) == old else { return nil }
        return new.last
    }

    /// Labour and parts are recorded while the job is in progress or completed, before review.
    static func recordable(_ order: WorkOrder?) throws(DocumentsError) -> WorkOrder {
        guard let order else { throw .notFound(record: "the work order") }
        guard order.status == .inProgress || order.status == .completed else {
            throw .invalidTransition(record: order.id, from: order.status.rawValue, event: "record labour or parts",
                                     reason: "they are recorded while the job is in progress or completed, before its review")
        }
        return order
    }

    /// The assigned technician records their own; a reviewer (supervisor) may record anyone's.
    static func requireDoer(of order: WorkOrder, for user: String, in context: any RecordContext, signing: Signing) throws(DocumentsError) {
        if signing.user == order.assignee, user == signing.user {
            try context.require(.woExecute, of: signing.user, to: "record their own work on \(order.id)")
        } else {
            try context.require(.woReview, of: signing.user, to: "record work on \(order.id) for someone else")
        }
    }
}

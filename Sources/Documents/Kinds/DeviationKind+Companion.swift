import Foundation
import RecordRepo

// A deviation opened in another record's act, and the checks every opening makes.
extension DeviationKind {
    /// The companion record of a new deviation opened in the act of another kind's event (a job
    /// step signed with a deviation; a calibration whose as-found reading is out of tolerance),
    /// so that both records are written in one signed act.
    ///
    /// How to call it: from your event's `companions` closure,
    /// `companions: { input, context throws(DocumentsError) in [try DeviationKind.companion(opening(input), in: context)] }`,
    /// where `opening(input)` builds the `Opening` ONLY from your event's input, and your
    /// event's `input` closure recovers that input, deviation ID included, from the record the
    /// act wrote (store the DEV ID on your record, as a job step keeps `deviationID` and
    /// `deviationClass`): verify replays the companion from that input, so acts without an ID
    /// (signed before deviations existed) write no companion and still verify. Number the ID with
    /// `Records.withNewID(.deviation)` in your service. Your record should name the deviation and
    /// the deviation names yours (`Deviation.Links`).
    ///
    /// It checks what `dev open` checks: the ID is new, the title and description are one line
    /// of at most 200 and 2000 characters, and the linked equipment, work order (and its step) and
    /// SOP exist at the head the act is built on. The calibration link is checked for its form
    /// only (`CAL-` and 6 to 9 digits), so a calibration may open a deviation naming itself in the
    /// very act that creates it; keep it so if calibration records become a kind. The days to
    /// close come from the policy in force. Who signs is not known here: call
    /// `DeviationKind.checkOpener(signing.user, in: context)` from your event's `check` whenever
    /// the input opens a deviation, so that only someone with `dev.open` opens one.
    public static func companion(_ opening: Opening, in context: any RecordContext) throws(DocumentsError) -> Companion {
        try checkOpening(opening, context)
        let days = context.policy.deviationDays(opening.classification)
        return try Companion.record(kind: .deviation, id: opening.id) { signing in opening.deviation(days: days, at: signing) }
    }

    /// Refuses `user` unless their account is active and the policy lets them open deviations
    /// (`dev.open`); for events that open one as a companion (see `companion(_:in:)`).
    public static func checkOpener(_ user: String, in context: any RecordContext) throws(DocumentsError) {
        try context.require(.devOpen, of: user, to: "open deviations")
    }

    /// Refuses an opening whose ID exists, whose texts are not one line, or whose links name
    /// records that do not exist at the head (a calibration ID is checked for its form only).
    static func checkOpening(_ opening: Opening, _ context: any RecordContext) throws(DocumentsError) {
        try RecordID.validate(opening.id, kind: .deviation, field: "deviation ID")
        if context.record(Deviation.self, kind: .deviation, id: opening.id) != nil { throw .alreadyExists(record: "deviation \(opening.id)") }
        for (field, value, limit) in [("title", opening.title, 200), ("description", opening.description, 2000)] {
            if let problem = TextRules.problem(with: value, maxLength: limit) { throw .invalidField(record: opening.id, field: field, reason: problem) }
        }
        let links = opening.links
        if let equipment = links.equipment {
            try RecordID.validate(equipment, kind: .equipment, field: "equipment")
            guard context.record(Equipment.self, kind: .equipment, id: equipment) != nil else {
                throw .invalidField(record: opening.id, field: "equipment", reason: "\(equipment) is no equipment here")
            }
        }
        if let id = links.workOrder {
            try RecordID.validate(id, kind: .workOrder, field: "work order")
            guard let order = context.record(WorkOrder.self, kind: .workOrder, id: id) else {
                throw .invalidField(record: opening.id, field: "work order", reason: "\(id) is no work order here")
            }
            if let equipment = links.equipment, equipment != order.equipment {
                throw .invalidField(record: opening.id, field: "equipment", reason: "\(id) is on \(order.equipment), not \(equipment)")
            }
            if let step = links.step, !order.steps.contains(where: { $0.number == step }) {
                throw .invalidField(record: opening.id, field: "step", reason: "\(id) has no step \(step)")
            }
        } else if links.step != nil {
            throw .invalidField(record: opening.id, field: "step", reason: "a step is named with the work order it belongs to")
        }
        if let calibration = links.calibration, !isCalibrationID(calibration) {
            throw .invalidField(record: opening.id, field: "calibration",
                                reason: "\(RecordID.quoted(calibration)) is not a calibration ID: 'CAL-' and 6 to 9 digits, e.g. CAL-000001")
        }
        if let sop = links.sop {
            try RecordID.validate(sop, kind: .sop, field: "SOP")
            guard context.record(SOP.self, kind: .sop, id: sop) != nil else {
                throw .invalidField(record: opening.id, field: "SOP", reason: "\(sop) is no SOP here")
            }
        }
    }

    /// The records an opening rests on: if one changes before the act lands, it is refused.
    static func rests(_ opening: Opening) -> [(kind: RecordKind, id: String)] {
        [(RecordKind.equipment, opening.links.equipment), (.workOrder, opening.links.workOrder), (.sop, opening.links.sop)]
            .compactMap { kind, id in id.map { (kind, $0) } }
    }

    /// `CAL-` and 6 to 9 ASCII digits. Calibration records are not a kind in this release's
    /// registry yet; once they are, the link is checked like the others.
    static func isCalibrationID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count >= 10, bytes.count <= 13, bytes.starts(with: Array("CAL-".utf8)) else { return false }
        return bytes.dropFirst(4).allSatisfy { (48...57).contains($0) }
    }
}

import Foundation
import RecordRepo

extension Records {
    /// Opens a deviation of `classification` naming the records in `links` (each must exist;
    /// a calibration is checked for its ID's form only); `description` says what happened and is
    /// also the act's reason. The days to close come from the policy in force.
    public func openDeviation(title: String, classification: Deviation.Classification, links: Deviation.Links,
                              description: String, by session: Session) throws(DocumentsError) -> Deviation {
        try Self.validateLinks(links)
        return try withNewID(.deviation) { (id, basedOn) throws(DocumentsError) in
            let opening = DeviationKind.Opening(id: id, title: title, description: description, classification: classification, links: links)
            let days = try policy(at: basedOn).deviationDays(classification)
            return try perform(DeviationKind.open, of: DeviationKind.declaration, id: id,
                               input: DeviationKind.Open(opening: opening, closeWithinDays: days),
                               reason: Self.line(description), by: session, basedOn: basedOn)
        }
    }

    /// Signs the investigation's root cause (again, before approval, replacing the earlier one).
    public func investigateDeviation(_ id: String, rootCause: String, reason: String, by session: Session) throws(DocumentsError) -> Deviation {
        try RecordID.validate(id, kind: .deviation, field: "deviation ID")
        return try perform(DeviationKind.investigate, of: DeviationKind.declaration, id: id, input: rootCause, reason: reason, by: session)
    }

    /// Signs the product impact assessment (again, before approval, replacing the earlier one).
    public func assessDeviation(_ id: String, impact: String, reason: String, by session: Session) throws(DocumentsError) -> Deviation {
        try RecordID.validate(id, kind: .deviation, field: "deviation ID")
        return try perform(DeviationKind.assess, of: DeviationKind.declaration, id: id, input: impact, reason: reason, by: session)
    }

    /// QA's approval of the investigation and assessment (never by the opener).
    public func approveDeviation(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> Deviation {
        try RecordID.validate(id, kind: .deviation, field: "deviation ID")
        return try perform(DeviationKind.approve, of: DeviationKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// QA's closure of an approved deviation (never by the opener).
    public func closeDeviation(_ id: String, reason: String, by session: Session) throws(DocumentsError) -> Deviation {
        try RecordID.validate(id, kind: .deviation, field: "deviation ID")
        return try perform(DeviationKind.close, of: DeviationKind.declaration, id: id, input: (), reason: reason, by: session)
    }

    /// Every deviation, oldest first; only those not closed when `open`, only of `classification` when given.
    public func deviations(open: Bool = false, classification: Deviation.Classification? = nil) throws(DocumentsError) -> [Deviation] {
        try all(Deviation.self, of: .deviation).filter { (!open || $0.isOpen) && (classification == nil || $0.classification == classification) }
    }

    /// The IDs in `links` checked for their form before anything is read.
    static func validateLinks(_ links: Deviation.Links) throws(DocumentsError) {
        if let equipment = links.equipment { try RecordID.validate(equipment, kind: .equipment, field: "equipment") }
        if let order = links.workOrder { try RecordID.validate(order, kind: .workOrder, field: "work order") }
        if let sop = links.sop { try RecordID.validate(sop, kind: .sop, field: "SOP") }
        if let calibration = links.calibration, !DeviationKind.isCalibrationID(calibration) {
            throw .invalidField(record: "deviation", field: "calibration",
                                reason: "\(RecordID.quoted(calibration)) is not a calibration ID: 'CAL-' and 6 to 9 digits, e.g. CAL-000001")
        }
    }
}

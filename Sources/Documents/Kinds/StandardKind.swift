import Foundation
import RecordRepo

/// A reference standard's events: registered under the plant's own ID, and updated (a new
/// certificate after its own calibration, a corrected field), each with a reason.
public enum StandardKind {
    /// What describes a reference standard.
    public struct Definition: Sendable, Equatable {
        public var name: String
        public var certificate: String
        public var calibratedBy: String
        public var traceability: String
        public var calibrated: String?
        public var due: String
        public var uncertainty: ReferenceStandard.Quantity

        public init(name: String, certificate: String, calibratedBy: String, traceability: String, calibrated: String? = nil,
                    due: String, uncertainty: ReferenceStandard.Quantity) {
            self.name = name
            self.certificate = certificate
            self.calibratedBy = calibratedBy
            self.traceability = traceability
            self.calibrated = calibrated
            self.due = due
            self.uncertainty = uncertainty
        }

        init(of standard: ReferenceStandard) {
            self.init(name: standard.name, certificate: standard.certificate, calibratedBy: standard.calibratedBy,
                      traceability: standard.traceability, calibrated: standard.calibrated, due: standard.due,
                      uncertainty: standard.uncertainty)
        }

        func describing(_ standard: ReferenceStandard) -> ReferenceStandard {
            var next = standard
            next.name = name
            next.certificate = certificate
            next.calibratedBy = calibratedBy
            next.traceability = traceability
            next.calibrated = calibrated
            next.due = due
            next.uncertainty = uncertainty
            return next
        }

        /// Text within bounds, days that exist, a positive uncertainty.
        func check(of id: String) throws(DocumentsError) {
            let lines = [("name", name, 200), ("certificate", certificate, 100), ("calibrated by", calibratedBy, 200),
                         ("traceability", traceability, 1000), ("unit of uncertainty", uncertainty.unit, 20)]
            for (field, value, limit) in lines {
                if let problem = TextRules.problem(with: value, maxLength: limit) { throw .invalidField(record: id, field: field, reason: problem) }
            }
            let due = try Day(parsing: self.due, field: "due", record: id)
            if let calibrated {
                guard try Day(parsing: calibrated, field: "calibrated", record: id) <= due else {
                    throw .invalidField(record: id, field: "due", reason: "\(due) is before the day it was calibrated (\(calibrated))")
                }
            }
            guard uncertainty.value > 0, uncertainty.value.isFinite else {
                throw .invalidField(record: id, field: "uncertainty", reason: "give the certificate's expanded uncertainty, a number above 0 and its unit (\"0.05 bar\")")
            }
        }
    }

    public struct Registration: Sendable, Equatable {
        public var id: String
        public var definition: Definition

        public init(id: String, definition: Definition) {
            self.id = id
            self.definition = definition
        }
    }

    public static let add = RecordEvent<ReferenceStandard, Registration>(
        "add", meaning: .authorship, permission: .calManage, action: "register reference standards", creates: true,
        summary: { id, _, _ in "Add reference standard \(id)" },
        input: { _, written, _ in Registration(id: written.id, definition: Definition(of: written)) },
        check: { _, registration, context, _ throws(DocumentsError) in
            // Equipment and standards share the plant's form of ID: one ID names one thing.
            guard context.record(Equipment.self, kind: .equipment, id: registration.id) == nil else {
                throw .alreadyExists(record: "equipment \(registration.id) (give the standard an ID of its own)")
            }
            try registration.definition.check(of: registration.id)
        },
        apply: { _, registration, signing in
            let definition = registration.definition
            return ReferenceStandard(id: registration.id, name: definition.name, certificate: definition.certificate,
                                     calibratedBy: definition.calibratedBy, traceability: definition.traceability,
                                     calibrated: definition.calibrated, due: definition.due, uncertainty: definition.uncertainty,
                                     createdBy: signing.user, createdAt: signing.time)
        })

    public static let update = RecordEvent<ReferenceStandard, Definition>(
        "update", meaning: .authorship, permission: .calManage, action: "update reference standards",
        summary: { id, definition, _ in "Update reference standard \(id) (certificate \(definition.certificate), due \(definition.due))" },
        input: { _, written, _ in Definition(of: written) },
        check: { before, definition, _, _ throws(DocumentsError) in
            guard let before else { throw .notFound(record: "the reference standard") }
            guard Definition(of: before) != definition else {
                throw .invalidField(record: before.id, field: "definition", reason: "nothing would change; give the fields to change")
            }
            try definition.check(of: before.id)
        },
        apply: { before, definition, signing throws(DocumentsError) in
            guard let before else { throw .notFound(record: "the reference standard") }
            var next = definition.describing(before)
            next.updatedBy = signing.user
            next.updatedAt = signing.time
            next.revision += 1
            return next
        })

    public static let declaration = KindDeclaration<ReferenceStandard>(
        kind: .standard, events: [add.replayable, update.replayable], revision: \.revision,
        labels: ["calibratedBy": "calibrated by", "createdBy": "registered by", "createdAt": "registered at",
                 "updatedBy": "updated by", "updatedAt": "updated at"])
}

import Foundation
import RecordRepo

/// Equipment's events: registration under the plant's own ID, a change of its description, a
/// change of status, and a meter reading.
public enum EquipmentKind {
    /// What describes a piece of equipment: given at registration, changed by `update`.
    public struct Description: Sendable, Equatable {
        public var name: String
        public var type: String?
        public var make: String?
        public var model: String?
        public var serialNumber: String?
        public var location: String?
        public var department: String?
        public var parent: String?
        public var gmpCritical: Bool?
        public var documents: [String]?
        /// The meters' names, units and kinds (their readings are kept as they are).
        public var meters: [Equipment.Meter]?

        public init(name: String, type: String? = nil, make: String? = nil, model: String? = nil, serialNumber: String? = nil,
                    location: String? = nil, department: String? = nil, parent: String? = nil, gmpCritical: Bool? = nil,
                    documents: [String]? = nil, meters: [Equipment.Meter]? = nil) {
            self.name = name
            self.type = type
            self.make = make
            self.model = model
            self.serialNumber = serialNumber
            self.location = location
            self.department = department
            self.parent = parent
            self.gmpCritical = gmpCritical
            self.documents = documents
            self.meters = meters
        }

        init(of equipment: Equipment) {
            self.init(name: equipment.name, type: equipment.type, make: equipment.make, model: equipment.model,
                      serialNumber: equipment.serialNumber, location: equipment.location, department: equipment.department,
                      parent: equipment.parent, gmpCritical: equipment.gmpCritical, documents: equipment.documents,
                      meters: equipment.meters.map { $0.map { Equipment.Meter(name: $0.name, unit: $0.unit, kind: $0.kind) } })
        }

        /// `equipment` described by this, its readings kept.
        func describing(_ equipment: Equipment) -> Equipment {
            var next = equipment
            next.name = name
            next.type = type
            next.make = make
            next.model = model
            next.serialNumber = serialNumber
            next.location = location
            next.department = department
            next.parent = parent
            next.gmpCritical = gmpCritical
            next.documents = documents
            next.meters = meters.map { defined in
                defined.map { meter in
                    var kept = meter
                    kept.reading = equipment.meter(meter.name)?.meter.reading
                    return kept
                }
            }
            return next
        }
    }

    /// What a supervisor asks for when registering a piece of equipment.
    public struct Registration: Sendable, Equatable {
        public var id: String
        public var description: Description

        public init(id: String, description: Description) {
            self.id = id
            self.description = description
        }

        public init(id: String, name: String, location: String?, department: String?) {
            self.init(id: id, description: Description(name: name, location: location, department: department))
        }
    }

    public static let add = RecordEvent<Equipment, Registration>(
        "add", meaning: .authorship, permission: .equipmentAdd, action: "add equipment", creates: true,
        summary: { id, _, _ in "Add equipment \(id)" },
        input: { _, written, _ in Registration(id: written.id, description: Description(of: written)) },
        check: { _, request, context, _ throws(DocumentsError) in
            // Equipment and reference standards share the plant's form of ID: one ID names one thing.
            guard context.record(ReferenceStandard.self, kind: .standard, id: request.id) == nil else {
                throw .alreadyExists(record: "reference standard \(request.id) (give the equipment an ID of its own)")
            }
            try EquipmentRules.check(request.description, of: request.id, in: context)
        },
        apply: { _, request, signing in
            request.description.describing(Equipment(id: request.id, name: request.description.name,
                                                     createdBy: signing.user, createdAt: signing.time))
        })

    public static let update = RecordEvent<Equipment, Description>(
        "update", meaning: .authorship, permission: .equipmentAdd, action: "change equipment",
        summary: { id, _, _ in "Update equipment \(id)" },
        input: { _, written, _ in Description(of: written) },
        check: { before, description, context, _ throws(DocumentsError) in
            guard let before else { throw .notFound(record: "the equipment") }
            try EquipmentRules.requireNotRetired(before, to: "change")
            guard Description(of: before) != description else {
                throw .invalidField(record: before.id, field: "description", reason: "nothing would change; give the fields to change")
            }
            try EquipmentRules.check(description, of: before.id, in: context)
            for meter in before.meters ?? [] where meter.reading != nil && description.meters?.contains(where: { $0.name == meter.name }) != true {
                throw .invalidField(record: before.id, field: "meter \(meter.name)",
                                    reason: "it has readings, so it stays (its history is the equipment's)")
            }
        },
        apply: { before, description, _ throws(DocumentsError) in
            guard let before else { throw .notFound(record: "the equipment") }
            var next = description.describing(before)
            next.revision += 1
            return next
        })

    public static let status = RecordEvent<Equipment, Equipment.Status>(
        "status", meaning: .authorship, permission: .equipmentAdd, action: "change the status of equipment",
        summary: { id, status, _ in "Equipment \(id) \(status.word)" },
        input: { _, written, _ in written.status },
        check: { before, status, _, _ throws(DocumentsError) in
            guard let before else { throw .notFound(record: "the equipment") }
            try EquipmentRules.requireNotRetired(before, to: "change the status of")
            guard before.status != status else {
                throw .invalidTransition(record: before.id, from: before.status.word, event: status.word, reason: "it is \(status.word) already")
            }
        },
        apply: { before, status, _ throws(DocumentsError) in
            guard var next = before else { throw .notFound(record: "the equipment") }
            next.status = status
            next.revision += 1
            return next
        })

    /// A meter reading: which meter, the value, and whether the meter was replaced.
    public struct ReadingRequest: Sendable, Equatable {
        public var meter: String
        public var value: Double
        public var replacement: Bool

        public init(meter: String, value: Double, replacement: Bool) {
            self.meter = meter
            self.value = value
            self.replacement = replacement
        }
    }

    public static let reading = RecordEvent<Equipment, ReadingRequest>(
        "reading", meaning: .execution, permission: .meterRecord, action: "record meter readings",
        summary: { id, request, _ in "Reading of \(id) \(request.meter): \(CanonicalJSON.number(request.value))" },
        input: { before, written, _ in
            guard let changed = written.meters?.first(where: { meter in
                meter.reading != nil && before?.meter(meter.name)?.meter.reading != meter.reading
            }), let reading = changed.reading else { return nil }
            return ReadingRequest(meter: changed.name, value: reading.value, replacement: reading.replacement == true)
        },
        check: { before, request, _, _ throws(DocumentsError) in
            guard let before else { throw .notFound(record: "the equipment") }
            try EquipmentRules.requireNotRetired(before, to: "record readings on")
            try EquipmentRules.check(request, on: before)
        },
        apply: { before, request, signing throws(DocumentsError) in
            guard var next = before, let (index, _) = next.meter(request.meter) else { throw .notFound(record: "the meter") }
            next.meters?[index].reading = Equipment.Reading(value: request.value, by: signing.user, at: signing.time,
                                                            replacement: request.replacement ? true : nil)
            next.revision += 1
            return next
        })

    public static let declaration = KindDeclaration<Equipment>(
        kind: .equipment, events: [add.replayable, update.replayable, status.replayable, reading.replayable, attach.replayable,
                                     instrument.replayable],
        revision: \.revision,
        labels: ["meters[].reading.value": "meter {n} reading", "meters[].reading.by": "meter {n} read by",
                 "meters[].reading.at": "meter {n} read at", "meters[].reading.replacement": "meter {n} replaced",
                 "gmpCritical": "GMP-critical", "serialNumber": "serial number",
                 "instrument.state.calibration": "last calibration", "instrument.state.calibrated": "calibrated on",
                 "instrument.state.nextDue": "calibration due", "instrument.state.outOfTolerance": "out of tolerance"])
}

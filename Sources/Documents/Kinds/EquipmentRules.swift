import Foundation
import RecordRepo

/// The checks equipment's events share: one place for each, run by the service and by verify.
enum EquipmentRules {
    static let maxDepth = 20

    /// The description's text, parent, documents and meters, for equipment `id`.
    static func check(_ description: EquipmentKind.Description, of id: String, in context: any RecordContext) throws(DocumentsError) {
        let lines: [(String, String?)] = [
            ("name", description.name), ("type", description.type), ("make", description.make), ("model", description.model),
            ("serial number", description.serialNumber), ("location", description.location), ("department", description.department),
        ]
        for case let (field, value?) in lines {
            if let problem = TextRules.problem(with: value, maxLength: 200) {
                throw .invalidField(record: id, field: field, reason: problem)
            }
        }
        if let parent = description.parent { try checkParent(parent, of: id, in: context) }
        for sop in description.documents ?? [] where context.record(SOP.self, kind: .sop, id: sop) == nil {
            throw .invalidField(record: id, field: "documents", reason: "\(sop) is no SOP here")
        }
        var names = Set<String>()
        for meter in description.meters ?? [] {
            guard meter.name.range(of: "^[a-z][a-z0-9-]{0,31}$", options: .regularExpression) != nil else {
                throw .invalidField(record: id, field: "meter \(meter.name.debugDescription)",
                                    reason: "a meter's name is 1 to 32 lowercase letters, digits or '-', starting with a letter (hours, cycles)")
            }
            guard names.insert(meter.name).inserted else {
                throw .invalidField(record: id, field: "meter \(meter.name)", reason: "it is named twice")
            }
            if let problem = TextRules.problem(with: meter.unit, maxLength: 20) {
                throw .invalidField(record: id, field: "unit of meter \(meter.name)", reason: problem)
            }
        }
    }

    /// A parent must exist, be in use, and not be the equipment itself or one of its components.
    static func checkParent(_ parent: String, of id: String, in context: any RecordContext) throws(DocumentsError) {
        var next: String? = parent
        var depth = 0
        while let current = next {
            guard current != id else {
                throw .invalidField(record: id, field: "parent", reason: "\(parent) is \(id) or one of its components; a system cannot be its own part")
            }
            guard let unit = context.record(Equipment.self, kind: .equipment, id: current) else {
                throw .invalidField(record: id, field: "parent", reason: "\(current) is no equipment here")
            }
            if current == parent, unit.status == .retired {
                throw .invalidField(record: id, field: "parent", reason: "\(parent) is retired")
            }
            depth += 1
            guard depth <= maxDepth else {
                throw .invalidField(record: id, field: "parent", reason: "systems nest at most \(maxDepth) levels deep")
            }
            next = unit.parent
        }
    }

    static func requireNotRetired(_ equipment: Equipment, to action: String) throws(DocumentsError) {
        guard equipment.status != .retired else {
            throw .invalidTransition(record: equipment.id, from: "retired", event: action,
                                     reason: "retired equipment keeps its history but changes no more")
        }
    }

    /// A reading names a meter of the equipment, is a finite number, and a counter goes down only
    /// when the meter was replaced.
    static func check(_ request: EquipmentKind.ReadingRequest, on equipment: Equipment) throws(DocumentsError) {
        guard let (_, meter) = equipment.meter(request.meter) else {
            let known = (equipment.meters ?? []).map(\.name)
            throw .invalidField(record: equipment.id, field: "meter", reason: "\(equipment.id) has no meter \(request.meter.debugDescription)"
                                + (known.isEmpty ? "; add one with 'recrepo equipment update --meter NAME:UNIT:counter'" : "; its meters are \(known.joined(separator: ", "))"))
        }
        guard request.value.isFinite else {
            throw .invalidField(record: equipment.id, field: "value", reason: "a reading is a finite number")
        }
        if meter.kind == .counter, !request.replacement, let last = meter.reading, request.value < last.value {
            throw .invalidField(record: equipment.id, field: "meter \(meter.name)",
                                reason: "a counter does not go down: the last reading was \(CanonicalJSON.number(last.value)) \(meter.unit) at \(last.at); if the meter was replaced, record the reading with --replacement and a reason")
        }
    }
}

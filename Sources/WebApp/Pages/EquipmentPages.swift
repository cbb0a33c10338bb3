import Documents
import Foundation
import Hummingbird
import RecordIndex
import RecordRepo

/// The equipment register for everyone, and one piece of equipment with its jobs, its PM plans
/// and, for an instrument, its calibration status and calibrations.
enum EquipmentPages {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/equipment") { _, context in
            let session = try context.signedIn()
            let (viewer, all) = try await site.read { records in (try records.viewer(session), try records.allEquipment()) }
            let main = HTML.table(caption: "Equipment register", header: ["ID", "Name", "Status", "Type", "Location", "Department", "Part of"],
                                  rows: all.map { unit in
                [HTML.link("/equipment/\(HTML.path(unit.id))", unit.id), HTML.e(unit.name), HTML.e(unit.status.word), HTML.e(unit.type ?? ""),
                 HTML.e(unit.location ?? ""), HTML.e(unit.department ?? ""), unit.parent.map { HTML.link("/equipment/\(HTML.path($0))", $0) } ?? ""]
            })
            return Response.html(Page("Equipment", main).html(for: viewer))
        }
        router.get("/equipment/:id") { _, context in
            let session = try context.signedIn()
            let id = try context.parameters.require("id")
            let page = try await site.index { records, index in
                let viewer = try records.viewer(session)
                let all = try records.allEquipment()
                guard let unit = all.first(where: { $0.id == id }) else { throw WebError.notFound("equipment \(id)") }
                let jobs = try index.jobs(JobQuery(equipment: id))
                let plans = try records.plans().filter { $0.definition.equipment == id }
                let instrument = try records.instruments().first { $0.equipment == id }
                let calibrations = unit.instrument == nil ? [] : try records.calibrations(equipment: id)
                return (viewer, Self.html(unit, components: all.filter { $0.parent == id }.map(\.id), jobs: jobs, plans: plans,
                                          instrument: instrument, calibrations: calibrations))
            }
            return Response.html(Page("Equipment \(id)", page.1).html(for: page.0))
        }
    }

    static func html(_ unit: Equipment, components: [String], jobs: [IndexedJob], plans: [PMPlan], instrument: InstrumentStatus?,
                     calibrations: [Calibration]) -> String {
        var rows: [(String, String)] = [("Name", unit.name), ("Status", unit.status.word)]
        let optional: [(String, String?)] = [
            ("Type", unit.type), ("Make", unit.make), ("Model", unit.model), ("Serial number", unit.serialNumber),
            ("Location", unit.location), ("Department", unit.department), ("Part of", unit.parent),
            ("GMP-critical", unit.gmpCritical.map { $0 ? "yes" : "no" }), ("SOPs", unit.documents.map { $0.joined(separator: ", ") }),
            ("Components", components.isEmpty ? nil : components.joined(separator: ", ")),
        ]
        rows += optional.compactMap { label, value in value.map { (label, $0) } }
        for meter in unit.meters ?? [] {
            let reading = meter.reading.map { "\(CanonicalJSON.number($0.value)) \(meter.unit) at \($0.at) by \($0.by)" }
            rows.append(("Meter \(meter.name)", "\(meter.kind.rawValue) in \(meter.unit); last reading: \(reading ?? "none yet")"))
        }
        rows.append(("Created", "\(unit.createdAt) by \(unit.createdBy); revision \(unit.revision)"))
        var out = HTML.facts(rows)
        if let instrument {
            out += "<h2>Calibration</h2>\n" + HTML.facts([("Status", instrument.status.rawValue), ("Procedure", instrument.procedure),
                                                           ("Last calibration", instrument.lastCalibration ?? "none yet"), ("Next due", instrument.nextDue ?? "-")])
            out += HTML.table(caption: "Calibrations", header: ["Calibration", "Performed", "Result", "Status", "Next due"], rows: calibrations.map {
                [HTML.record($0.id), HTML.e("\($0.performedAt) by \($0.performedBy)"), HTML.e($0.result.rawValue), HTML.e($0.status.rawValue), HTML.e($0.nextDue ?? "")]
            })
        }
        out += "<h2>PM plans</h2>\n" + (plans.isEmpty ? "<p class=\"muted\">None.</p>\n" : HTML.table(header: ["Plan", "Title", "Trigger", "Status"], rows: plans.map {
            [HTML.record($0.id), HTML.e($0.definition.title), HTML.e(PlansPages.trigger($0.definition.trigger)), HTML.e($0.status.rawValue)]
        }))
        out += "<h2>Jobs</h2>\n" + (jobs.isEmpty ? "<p class=\"muted\">None.</p>\n" : HTML.table(header: ["Job", "Title", "Status", "Due", "Completed"], rows: jobs.map {
            [HTML.link("/jobs/\(HTML.path($0.id))", $0.id), HTML.e($0.title ?? ""), HTML.e($0.status ?? ""), HTML.e($0.due ?? ""), HTML.e($0.completed ?? "")]
        }))
        return out
    }
}

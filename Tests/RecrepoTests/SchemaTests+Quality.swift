@testable import Documents
import Foundation

extension SchemaTests {
    /// A deviation with every field in use, or one just opened.
    static func deviation(full: Bool) -> Deviation {
        let links = full ? Deviation.Links(equipment: "AC-101", workOrder: "WO-000001", step: 2, calibration: "CAL-000001", sop: "SOP-0001")
            : Deviation.Links()
        var deviation = Deviation(id: "DEV-000001", title: "Door seal", description: "Step 2 done with a spare gasket", classification: .major,
                                  links: links, openedBy: "tess", openedAt: Fixtures.time, openedOn: "2026-11-25", closeWithinDays: 30)
        guard full else { return deviation }
        deviation.status = .closed
        deviation.investigation = .init(text: "Stock-out of gaskets", by: "sam", at: Fixtures.time)
        deviation.assessment = .init(text: "No product in the chamber", by: "sam", at: Fixtures.time)
        deviation.approvedBy = "quinn"
        deviation.approvedAt = Fixtures.time
        deviation.closedBy = "quinn"
        deviation.closedAt = Fixtures.time
        deviation.capas = ["CAPA-000001"]
        deviation.revision = 6
        return deviation
    }

    /// A CAPA with every field in use, or one just opened.
    static func capa(full: Bool) -> CAPA {
        var capa = CAPA(id: "CAPA-000001", title: "Gasket stock", deviation: full ? "DEV-000001" : nil, openedBy: "sam", openedAt: Fixtures.time)
        guard full else { return capa }
        var action = CAPA.Action(number: 1, text: "Keep two spare gaskets", owner: "tom", due: "2026-12-31", plannedBy: "sam",
                                 plannedAt: Fixtures.time)
        action.implementedBy = "tom"
        action.implementedAt = Fixtures.time
        action.implementedOn = "2026-11-26"
        action.evidence = "Stock card 12"
        capa.actions = [action]
        capa.verifications = [.init(effective: true, by: "quinn", at: Fixtures.time)]
        capa.status = .closed
        capa.closedBy = "quinn"
        capa.closedAt = Fixtures.time
        capa.revision = 5
        return capa
    }
}

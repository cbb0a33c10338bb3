import Documents
import Foundation
import RecordRepo
import SOPRender

/// A repository with the people of a small plant, each able to sign:
/// document control `dora` and `dan`, QA `quinn` and `quentin`, supervisor `sam`,
/// technicians `tess` and `tom`, and the equipment `AC-101`.
public final class Plant {
    public let repo: TestRepository
    public var records: Records { repo.records }
    public let dora: Session, dan: Session, quinn: Session, quentin: Session, sam: Session, tess: Session, tom: Session

    /// - Parameter start: when the plant's clock starts (a fixed day in 2025 unless told).
    public init(start: Date? = nil) throws {
        repo = try TestRepository(start: start)
        dora = try repo.addUser("dora", roles: [.documentControl])
        dan = try repo.addUser("dan", roles: [.documentControl])
        quinn = try repo.addUser("quinn", roles: [.qa])
        quentin = try repo.addUser("quentin", roles: [.qa])
        sam = try repo.addUser("sam", roles: [.supervisor])
        tess = try repo.addUser("tess", roles: [.technician])
        tom = try repo.addUser("tom", roles: [.technician])
        tick()
        _ = try records.addEquipment("AC-101", name: "Autoclave 1", location: "Building 2", department: "Sterile",
                                     reason: "Commissioned", by: sam)
    }

    /// Moves the clock on a minute, as people take time between acts.
    public func tick(_ seconds: TimeInterval = 60) { repo.clock.advance(seconds) }

    /// Creates an SOP and takes revision 1 through submit, review and approval (effective today).
    public func effectiveSOP(_ body: String, title: String = "Autoclave cycle check") throws -> SOP {
        tick()
        let sop = try records.createSOP(title: title, body: Data(body.utf8), reason: "New procedure", by: dora)
        try approve(sop.id)
        return try records.sopRecord(sop.id)
    }

    /// Submits (dora), reviews (dan) and approves (quinn) the latest revision.
    public func approve(_ id: String, effective: String? = nil) throws {
        tick(); _ = try records.submitSOP(id, reason: "Ready for review", by: dora)
        tick(); _ = try records.reviewSOP(id, reason: "Checked against the manual", by: dan)
        tick(); _ = try records.approveSOP(id, effective: effective, reason: "Approved for use", by: quinn)
    }

    /// A work order on `sop` for AC-101 assigned to tess.
    public func job(_ sop: String) throws -> WorkOrder {
        tick()
        return try records.createWorkOrder(sop: sop, equipment: "AC-101", title: "Monthly cycle check", assignee: "tess",
                                           reason: "Monthly PM", by: sam)
    }

    public static let checklist = """
        # Autoclave cycle check

        | Setting | Value |
        | --- | --- |
        | Temperature | 121 °C |

        - [ ] Check the door seal
        - [ ] Run a Bowie-Dick test
        - [ ] Record the chamber pressure

        """
}

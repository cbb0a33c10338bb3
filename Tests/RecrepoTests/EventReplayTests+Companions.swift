import Documents
import Foundation
@testable import RecordRepo
import Testing

extension EventReplayTests {
    /// A supervisor's cancellation, allowed in itself, that also moves AC-101 to another
    /// building in the same commit: an event that writes no other record may change no other file.
    static func cancelThatAlsoMovesEquipment() throws -> (Plant, ObjectID) {
        let (plant, job) = try plantWithJob()
        plant.tick()
        let at = Timestamp.iso(plant.repo.clock.now)
        let cancelled = try job.applying(.cancel(by: "sam", at: at))
        var unit = try #require(try plant.records.record(Equipment.self, kind: .equipment, id: "AC-101"))
        unit.location = "Building 9"
        let act = Act(record: job.id, revision: cancelled.revision, meaning: .cancellation, event: "wo.cancel", reason: "Forged",
                      summary: "Forged act on \(job.id)",
                      changes: [(try RecordPath(try RecordID.path(kind: .workOrder, id: job.id)), try CanonicalJSON.encode(cancelled)),
                                (try RecordPath(try RecordID.path(kind: .equipment, id: "AC-101")), try CanonicalJSON.encode(unit))])
        return (plant, try plant.records.ledger.append(act, by: plant.sam.signer, basedOn: try plant.repo.head()).commit)
    }
}

import Documents
import Foundation
import RecordRepo
import SOPRender

/// The benchmark's plant: an admin, the people of document control, QA, a supervisor and a
/// technician, an effective SOP with a checklist, and 40 autoclaves. Every act the benchmark
/// signs is one the services would sign, so `recrepo verify` replays all of them.
struct BenchPlant {
    static let password = "timing pass 01"
    let records: Records
    let supervisor: Session
    let technician: Session
    let author: Session, reviewer: Session, qa: Session
    let sop: String

    init(at path: String) throws {
        let records = try Records.initialize(at: path, admin: "bench", name: "Bench Admin", password: Self.password,
                                             kdf: KDFParameters(logN: 10), checklist: { Checklist.steps(in: $0).map(\.text) })
        let admin = try records.authenticate("bench", password: Self.password)
        func person(_ id: String, _ role: Role) throws -> Session {
            // The qa account comes last, so that no custodian is needed: every credential is issued whole.
            _ = try records.addUser(id, name: "Bench \(id)", roles: [role], department: "Maintenance",
                                    identity: Account.Identity(method: "badge", reference: "B-\(id)"), custodian: nil,
                                    password: Self.password, reason: "Benchmark staff", by: admin)
            try records.acknowledge(by: try records.authenticate(id, password: Self.password))
            try records.changePassword(try records.authenticate(id, password: Self.password), to: "second pass for bench",
                                       oldPassword: Self.password)
            return try records.authenticate(id, password: "second pass for bench")
        }
        let author = try person("dora", .documentControl), reviewer = try person("dan", .documentControl)
        let supervisor = try person("sam", .supervisor)
        let technician = try person("tess", .technician)
        let qa = try person("quinn", .qa)
        let body = try Data(contentsOf: URL(fileURLWithPath: "Tests/RecrepoTests/Fixtures/corpus/openregulatory/sop-capa.md"))
            + Data("\n## Checklist\n\n- [ ] Isolate the autoclave\n- [ ] Check the door seal\n- [ ] Run a Bowie-Dick test\n".utf8)
        let sop = try records.createSOP(title: "Autoclave preventive maintenance", body: body, reason: "Benchmark", by: author).id
        _ = try records.submitSOP(sop, reason: "Ready", by: author)
        _ = try records.reviewSOP(sop, reason: "Checked", by: reviewer)
        _ = try records.approveSOP(sop, effective: nil, reason: "Approved", by: qa)
        for unit in 0..<40 {
            _ = try records.addEquipment(Self.equipment(unit), name: "Autoclave \(unit)", location: "Building 2",
                                         department: "Sterile", reason: "Commissioned", by: supervisor)
        }
        self.records = records
        self.supervisor = supervisor
        self.technician = technician
        self.author = author
        self.reviewer = reviewer
        self.qa = qa
        self.sop = sop
    }

    static func equipment(_ index: Int) -> String { "AC-\(100 + index % 40)" }

    /// The act that creates work order `number` as the supervisor would, for a batch migration.
    func creation(_ number: Int) throws -> SignedAct {
        let id = try RecordID.generatedID(kind: .workOrder, number: number)
        let order = WorkOrder(id: id, title: "Preventive maintenance of autoclave \(number % 40)", sop: sop,
                              equipment: Self.equipment(number), assignee: "tess", createdBy: "sam", createdAt: "")
        let act = Act(record: id, revision: 1, meaning: WorkOrderKind.create.meaning,
                      event: WorkOrderKind.declaration.trailer(of: WorkOrderKind.create), reason: "Migrated from the paper archive",
                      summary: "Create \(id)", paths: [try RecordPath(try RecordID.path(kind: .workOrder, id: id))]) { at in
            var stamped = order
            stamped.createdAt = Timestamp.iso(at)
            return [try CanonicalJSON.encode(stamped)]
        }
        return SignedAct(act, by: supervisor.signer)
    }
}

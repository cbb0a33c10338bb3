import Documents
import Foundation
import RecordRepo
import WebApp

/// The web benchmark's plant, built through the services with the standard key-derivation cost
/// (what a plant signs with): 20 technicians, each with a started job of `steps` checklist steps on
/// an SOP rendered from the corpus, and one job for the page measured.
struct WebBenchPlant {
    static let password = "Floor-signing-2026"
    static let technicians = 20
    let path: String
    let jobs: [(user: String, job: String)]
    let page: (user: String, job: String)
    let steps: Int

    init(at path: String, steps: Int = 10) throws {
        let records = try Records.initialize(at: path, admin: "bench", name: "Bench Admin", password: Self.password,
                                             checklist: JobChecklist.reader)
        let admin = try records.authenticate("bench", password: Self.password)
        func person(_ id: String, _ role: Role) throws -> Session {
            _ = try records.addUser(id, name: "Bench \(id)", roles: [role], department: "Maintenance",
                                    identity: Account.Identity(method: "badge", reference: "B-\(id)"), custodian: nil,
                                    password: "One-time-floor-1", reason: "Benchmark staff", by: admin)
            try records.acknowledge(by: try records.authenticate(id, password: "One-time-floor-1"))
            try records.changePassword(try records.authenticate(id, password: "One-time-floor-1"), to: Self.password,
                                       oldPassword: "One-time-floor-1")
            return try records.authenticate(id, password: Self.password)
        }
        let author = try person("dora", .documentControl), reviewer = try person("dan", .documentControl)
        let supervisor = try person("sam", .supervisor)
        let people = try (1...Self.technicians).map { try person(String(format: "tech%02d", $0), .technician) }
        let qa = try person("quinn", .qa)
        let checklist = (1...steps).map { "- [ ] Check point \($0) `reading: pressure in bar, between 1.0 and 3.0`\n" }.joined()
        let body = try Data(contentsOf: URL(fileURLWithPath: "Tests/RecrepoTests/Fixtures/corpus/openregulatory/sop-capa.md"))
            + Data("\n## Checklist\n\n\(checklist)".utf8)
        let sop = try records.createSOP(title: "Autoclave preventive maintenance", body: body, reason: "Benchmark", by: author).id
        _ = try records.submitSOP(sop, reason: "Ready", by: author)
        _ = try records.reviewSOP(sop, reason: "Checked", by: reviewer)
        _ = try records.approveSOP(sop, effective: nil, reason: "Approved", by: qa)
        _ = try records.addEquipment("AC-100", name: "Autoclave", location: "Building 2", department: "Sterile",
                                     reason: "Commissioned", by: supervisor)
        var jobs: [(String, String)] = []
        for person in people + [people[0]] {
            let order = try records.createWorkOrder(sop: sop, equipment: "AC-100", title: "Monthly check", assignee: person.account.id,
                                                    reason: "Benchmark", by: supervisor)
            _ = try records.startWorkOrder(order.id, reason: "On site", by: person)
            jobs.append((person.account.id, order.id))
        }
        self.path = path
        self.page = jobs.removeLast()
        self.jobs = jobs
        self.steps = steps
    }
}

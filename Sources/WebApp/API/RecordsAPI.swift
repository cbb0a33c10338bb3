import Documents
import Foundation
import Hummingbird
import RecordIndex

/// Reads through the API, each in the shape the CLI's `--format json` prints: any record by ID
/// (`recrepo show`), its history (`recrepo history`), the dashboard, equipment, SOPs and QA's queue.
enum RecordsAPI {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/api/v1/records/:id") { _, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            let export = try await site.read { records in
                let (export, _) = try records.recordExport(id)
                try mayRead(export.kind, id, try APIRequest.account(records, session))
                return export
            }
            return Response.json(data: export.json)
        }
        router.get("/api/v1/records/:id/history") { _, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            let rows = try await site.index { records, index in
                try mayRead(try records.kind(of: id), id, try APIRequest.account(records, session))
                let rows = try index.history(of: id)
                try index.confirm(rows.map(\.shown))
                return rows
            }
            return try Response.json(rows)
        }
        router.get("/api/v1/dashboard") { request, _ in
            let query = try APIRequest.query(request, allowed: ["from", "to", "equipment", "area", "department", "user"])
            if let user = query["user"] { try RecordID.validateUser(user, field: "user") }
            let filter = DashboardFilter(from: try APIRequest.day(query, "from"), to: try APIRequest.day(query, "to"), equipment: query["equipment"],
                                         area: query["area"], department: query["department"], user: query["user"])
            return try Response.json(try await site.index { records, index in try index.dashboard(filter, records: records) })
        }
        router.get("/api/v1/equipment") { request, _ in
            let query = try APIRequest.query(request, allowed: ["location", "department", "status", "parent"])
            let wanted = try query["status"].map { word in
                guard let status = Equipment.Status(word: word) else {
                    throw WebError.badInput(field: "status", reason: "in-service, out-of-service or retired, not \(word.debugDescription)")
                }
                return status
            }
            let found = try await site.read { records in
                try records.allEquipment().filter { unit in
                    (query["location"] == nil || unit.location == query["location"]) && (query["department"] == nil || unit.department == query["department"])
                        && (wanted == nil || unit.status == wanted) && (query["parent"] == nil || unit.parent == query["parent"])
                }
            }
            return try Response.json(found)
        }
        router.get("/api/v1/equipment/:id") { _, context in
            let id = try context.parameters.require("id")
            let unit = try await site.read { records in try records.allEquipment().first { $0.id == id } }
            guard let unit else { throw WebError.notFound("equipment \(id.debugDescription)") }
            return try Response.json(unit)
        }
        router.get("/api/v1/sops") { _, _ in
            let listings = try await site.read { [site] records in
                let today = try records.policy().day(of: site.now)
                return try records.sops().map { sop in
                    SOPListing(id: sop.id, title: sop.title, effectiveRevision: sop.effectiveRevision(today: today)?.number,
                               revisions: sop.revisions.map { .init(revision: $0.number, status: sop.status(of: $0, today: today).rawValue) })
                }
            }
            return try Response.json(listings)
        }
        router.get("/api/v1/queue") { _, context in
            let session = try context.signedIn()
            let queue = try await site.index { records, index in
                guard try APIRequest.account(records, session).has(.qa) else {
                    throw WebError.forbidden("the approval queue is QA's; your roles do not include qa")
                }
                return Queue(jobsToClose: try index.jobs(JobQuery(statuses: [WorkOrder.Status.reviewed.rawValue])))
            }
            return try Response.json(queue)
        }
    }

    /// What waits for a QA signature.
    struct Queue: Encodable {
        let jobsToClose: [IndexedJob]
    }

    /// `recrepo sop list --format json`: each SOP and the state of its revisions.
    struct SOPListing: Encodable {
        struct Revision: Encodable { let revision: Int; let status: String }
        let id: String
        let title: String
        let effectiveRevision: Int?
        let revisions: [Revision]
    }

    /// Accounts (identity evidence) and security alerts are read by the person themselves and by
    /// admin, QA and auditors only; every other record by anyone signed in.
    static func mayRead(_ kind: RecordKind, _ id: String, _ account: Account) throws {
        guard kind == .account || kind == .alert else { return }
        if kind == .account, id == account.id { return }
        guard account.has(.admin) || account.has(.qa) || account.has(.auditor) else {
            throw WebError.forbidden("\(id) is a \(kind.noun) record, read by admin, qa and auditors only; your roles do not include them")
        }
    }
}

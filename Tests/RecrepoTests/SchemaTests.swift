@testable import Documents
import RecordRepo
import Foundation
import Testing

@Suite struct SchemaTests {
    /// A sample document of each kind with every field in use.
    static func sample(_ kind: RecordKind) throws -> JSONValue {
        switch kind {
        case .sop: try .of(Fixtures.sop())
        case .equipment: try .of(Fixtures.equipment())
        case .workOrder: try .of(Fixtures.closedWorkOrder())
        case .drill: try .of(Drill(id: "DRILL-000001", result: .fail, source: "/backups/site-b", head: String(repeating: "a", count: 40),
                                   commits: 10, objects: 50, bytes: 4096, restoreMilliseconds: 12, verifyMilliseconds: 30,
                                   totalMilliseconds: 45, problems: ["verify [objects] a: missing"], performedBy: "alice",
                                   performedAt: Fixtures.time,
                                   lag: Drill.Lag(acts: 3, copyEndsAt: Fixtures.time, newest: "main here",
                                                  newestCommit: String(repeating: "b", count: 40), newestAt: Fixtures.time)))
        case .review: try .of(AuditReview(id: "AR-000001", first: String(repeating: "a", count: 40), last: String(repeating: "b", count: 40),
                                          acts: 12, reviewedBy: "quinn", reviewedAt: Fixtures.time))
        case .account: try .of(Self.account(minimal: false))
        case .alert:
            try .of(Alert(id: "ALERT-000001", kind: .failedSignIn, user: "bob", message: "wrong password", raisedAt: Fixtures.time,
                          acknowledgedBy: "quinn", acknowledgedAt: Fixtures.time, revision: 2))
        case .clock: try .of(Self.incident(decided: true))
        case .pm: try .of(Self.plan(full: true))
        case .request: try .of(Self.request(decided: true))
        case .train: try .of(Self.training(acknowledged: true))
        case .deviation: try .of(Self.deviation(full: true))
        case .capa: try .of(Self.capa(full: true))
        case .history: try .of(Self.imported(full: true))
        case .reconciliation: try .of(Self.reconciliation(full: true))
        case .standard: try .of(Self.referenceStandard(minimal: false))
        case .calibration: try .of(Self.calibration(minimal: false))
        case .policy:
            try .of({ () -> Policy in
                var policy = Policy.standard
                policy.pending = PolicyChange(grant: [.init(permission: .woCancel, role: .qa)], revoke: [],
                                              set: [.init(key: .lockoutThreshold, value: 3)], proposedBy: "alice", proposedAt: Fixtures.time)
                return policy
            }())
        default: throw NoSample(kind: kind)
        }
    }

    /// A training record acknowledged by its trainee, or one just recorded.
    static func training(acknowledged: Bool) -> TrainingRecord {
        var training = TrainingRecord(id: "TRN-000001", user: "tess", sop: "SOP-0001", sopRevision: 2, trainer: "sam",
                                      trainedAt: Fixtures.time, trainedOn: "2026-06-01")
        if acknowledged {
            training.status = .acknowledged
            training.acknowledgedAt = Fixtures.time
            training.revision = 2
        }
        return training
    }

    /// A maintenance request with every field in use, or one just raised.
    static func request(decided: Bool) -> MaintenanceRequest {
        var request = MaintenanceRequest(id: "REQ-000001", equipment: "AC-101", title: "Door seal", description: "Steam at the door",
                                         raisedBy: "tess", raisedAt: Fixtures.time)
        if decided {
            request.status = .accepted
            request.decidedBy = "sam"
            request.decidedAt = Fixtures.time
            request.workOrder = "WO-000001"
            request.declined = "kept for the sample"
            request.revision = 2
        }
        return request
    }

    /// A PM plan with every field in use, or a fresh draft.
    static func plan(full: Bool) -> PMPlan {
        let definition = PMPlan.Definition(title: "Weekly check", equipment: "AC-101", sop: "SOP-0001", assignee: full ? "tess" : nil,
                                           assigneeRole: full ? nil : .technician,
                                           trigger: .init(kind: .calendar, every: 1, unit: .weeks, from: "2026-01-05"))
        var plan = PMPlan(id: "PM-0001", definition: definition, draftedBy: "sam", draftedAt: Fixtures.time)
        guard full else { return plan }
        plan.status = .retired
        plan.pending = definition
        plan.approvedRevisions = 1
        plan.approvedBy = "quinn"
        plan.approvedAt = Fixtures.time
        plan.meterBase = 0
        plan.retiredBy = "quinn"
        plan.retiredAt = Fixtures.time
        var schedule = PMPlan.Schedule(generated: 2)
        schedule.lastOrder = "WO-000002"
        schedule.lastDue = "2026-01-12"
        schedule.base = 1500
        schedule.armed = false
        schedule.readingAt = Fixtures.time
        plan.schedule = schedule
        plan.revision = 3
        return plan
    }

    /// An imported maintenance record with every field, or only the required ones.
    static func imported(full: Bool) -> MaintenanceHistory {
        let hash = String(repeating: "a", count: 64)
        return MaintenanceHistory(id: "MH-000001", equipment: "AC-101", date: "2019-03-04", time: full ? "2019-03-04T09:30:00Z" : nil,
                                  dateAsWritten: full ? "2019-03-04 10:30:00" : "2019-03-04", description: "Seal replaced\nand tested",
                                  type: full ? "corrective" : nil, technician: full ? "J. Smith" : nil, part: full ? "Seal 12" : nil,
                                  source: .init(file: hash, row: 2, checksum: hash, equipment: "101"), importedBy: "sam",
                                  importedAt: Fixtures.time, revision: 1)
    }

    /// An import's reconciliation that wrote records (with the first and last), or one that did not.
    static func reconciliation(full: Bool) -> ImportReconciliation {
        ImportReconciliation(id: "IMP-000001", file: "legacy.csv", sha256: String(repeating: "b", count: 64),
                             columns: .init(date: "Date", equipment: "Asset", description: "Work done", type: "Type"),
                             equipmentMapping: "prefix AC-", rowsRead: 3, imported: full ? 2 : 0, first: full ? "MH-000001" : nil,
                             last: full ? "MH-000002" : nil, alreadyImported: full ? 0 : 2, refused: [.init(row: 4, reason: "unknown")],
                             equipmentCreated: full ? ["AC-102"] : [], compared: full ? 2 : 0, matched: full ? 1 : 0,
                             mismatches: full ? [.init(record: "MH-000002", field: "description")] : [], reconciledBy: "sam",
                             reconciledAt: Fixtures.time, revision: 1)
    }

    /// A clock incident, decided or still proposed.
    static func incident(decided: Bool) -> ClockIncident {
        ClockIncident(id: "CLK-000001", status: decided ? .approved : .proposed,
                      disputed: [.init(commit: String(repeating: "c", count: 40), signedAt: Fixtures.time, signer: "sam", record: "AC-102")],
                      proposedBy: "alice", proposedAt: Fixtures.time, decidedBy: decided ? "quinn" : nil,
                      decidedAt: decided ? Fixtures.time : nil, revision: decided ? 2 : 1)
    }

    /// An account with every field in use, or only the required ones.
    static func account(minimal: Bool) -> Account {
        let key = KeyGrant(id: "0123456789abcdef", publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID9Ye6/vVfAX3VgrN+QkDYwzG9ol9IFhbRfgZywuANHE",
                           validAfter: Fixtures.time, validBefore: Fixtures.time)
        return Account(id: "bob", name: "Bob", roles: [.technician], department: minimal ? nil : "Maintenance", status: .active,
                       keys: [key], mustChangePassword: false, passwordSetAt: Fixtures.time, identityVerifiedBy: "alice",
                       signatureAcknowledgement: Account.acknowledgement, createdAt: Fixtures.time, revision: 1,
                       identity: minimal ? nil : Account.Identity(method: "passport", reference: "P1"),
                       acknowledgedAt: minimal ? nil : Fixtures.time, custodian: minimal ? nil : "quinn")
    }

    /// A kind was added to the registry without a sample here.
    struct NoSample: Error { let kind: RecordKind }

    /// Expects `document` to be refused with a schema violation at `path` whose reason contains `reason`.
    static func expectViolation(_ document: JSONValue, kind: RecordKind, path: String, reason: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try Schemas.validate(document.data, kind: kind, record: "REC-1")
        } throws: { error in
            guard case DocumentsError.schemaViolation(let record, let at, let why) = error else { return false }
            return record == "REC-1" && at == path && why.contains(reason)
        }
    }

    @Test("schemas/ holds exactly one schema per record kind and each compiles")
    func schemasCompile() throws {
        #expect(Schemas.names == RecordKind.allCases.map(\.schemaName).sorted())
        #expect(Schemas.names.count == 18)
        for kind in RecordKind.allCases { _ = try Schemas.schema(for: kind) }
    }

    @Test("a correctly encoded record of each kind validates", arguments: RecordKind.allCases)
    func encodedRecordsValidate(kind: RecordKind) throws {
        try Schemas.validate(try Self.sample(kind).data, kind: kind, record: "sample")
    }

    @Test("records with no optional field set validate too")
    func minimalRecordsValidate() throws {
        let sop = try SOP.draft(id: "SOP-0002", title: "T", author: "alice", at: Fixtures.time)
        try Schemas.validate(try CanonicalJSON.encode(sop), kind: .sop, record: sop.id)
        let equipment = Equipment(id: "AB-1", name: "x", createdBy: "alice", createdAt: Fixtures.time)
        try Schemas.validate(try CanonicalJSON.encode(equipment), kind: .equipment, record: equipment.id)
        let order = Fixtures.openWorkOrder(assignee: nil)
        try Schemas.validate(try CanonicalJSON.encode(order), kind: .workOrder, record: order.id)
        try Schemas.validate(try CanonicalJSON.encode(Fixtures.cancelledWorkOrder()), kind: .workOrder, record: order.id)
    }

    @Test("every field of the minimal record is required; every other field is optional", arguments: RecordKind.allCases)
    func requiredMatchesTheSwiftType(kind: RecordKind) throws {
        let minimal: JSONValue =
            switch kind {
            case .sop: try .of(SOP.draft(id: "SOP-0002", title: "T", author: "alice", at: Fixtures.time))
            case .equipment: try .of(Equipment(id: "AB-1", name: "x", createdBy: "alice", createdAt: Fixtures.time))
            case .workOrder: try .of(Fixtures.openWorkOrder(assignee: nil))
            case .drill: try .of(Drill(id: "DRILL-000001", result: .pass, source: "this repository", head: nil, commits: 0,
                                       objects: 0, bytes: 0, restoreMilliseconds: 0, verifyMilliseconds: 0, totalMilliseconds: 0,
                                       problems: [], performedBy: "alice", performedAt: Fixtures.time))
            case .review: try Self.sample(.review)
            case .account: try .of(Self.account(minimal: true))
            case .alert: try .of(Alert(id: "ALERT-000001", kind: .lockout, user: "bob", message: "locked", raisedAt: Fixtures.time, revision: 1))
            case .clock: try .of(Self.incident(decided: false))
            case .pm: try .of(Self.plan(full: false))
            case .request: try .of(Self.request(decided: false))
            case .train: try .of(Self.training(acknowledged: false))
            case .deviation: try .of(Self.deviation(full: false))
            case .capa: try .of(Self.capa(full: false))
            case .history: try .of(Self.imported(full: false))
            case .reconciliation: try .of(Self.reconciliation(full: false))
            case .standard: try .of(Self.referenceStandard(minimal: true))
            case .calibration: try .of(Self.calibration(minimal: true))
            case .policy:
                try .of({ () -> Policy in
                    var policy = Policy.standard
                    policy.passwordHistory = nil
                    return policy
                }())
            default: throw NoSample(kind: kind)
            }
        for key in minimal.keys {
            Self.expectViolation(minimal.replacing([.key(key)], with: nil), kind: kind, path: key, reason: "is required but missing")
        }
        let full = try Self.sample(kind)
        for key in full.keys where !minimal.keys.contains(key) {
            try Schemas.validate(full.replacing([.key(key)], with: nil).data, kind: kind, record: "sample")
        }
        #expect(full.keys.count > minimal.keys.count || kind == .sop || kind == .review, "a review has no optional field")
    }

    @Test("a field the schema does not know is refused, at any depth", arguments: [
        (RecordKind.sop, ["comment"] as [JSONKey], "comment"),
        (.sop, ["revisions", 1, "signature"], "revisions[1].signature"),
        (.equipment, ["serial number"], "[\"serial number\"]"),
        (.workOrder, ["steps", 2, "photo"], "steps[2].photo"),
        (.workOrder, ["boundSOP", "blob"], "boundSOP.blob"),
    ])
    func unknownFields(kind: RecordKind, path: [JSONKey], expected: String) throws {
        Self.expectViolation(try Self.sample(kind).replacing(path, with: .string("x")), kind: kind, path: expected,
                             reason: "is not a known field")
    }

    @Test("wrong types, missing fields and broken patterns name the field and say why", arguments: [
        (RecordKind.workOrder, ["revision"] as [JSONKey], JSONValue?.some(.string("7")), "revision", "must be an integer, not a string"),
        (.workOrder, ["revision"], .some(.number(1.5)), "revision", "must be an integer"),
        (.workOrder, ["revision"], .some(.integer(0)), "revision", "must be at least 1"),
        (.workOrder, ["assignee"], .some(.null), "assignee", "must be a string, not null"),
        (.workOrder, ["steps"], .some(.object([:])), "steps", "must be an array, not an object"),
        (.workOrder, ["steps", 2, "signedBy"], .some(.string("Tom Smith")), "steps[2].signedBy", "must match the pattern"),
        (.workOrder, ["steps", 0, "number"], .some(.integer(0)), "steps[0].number", "must be at least 1"),
        (.workOrder, ["boundSOP", "commit"], .some(.string("ABC")), "boundSOP.commit", "must match the pattern ^[0-9a-f]{40}$"),
        (.workOrder, ["boundSOP", "commit"], .none, "boundSOP.commit", "is required but missing"),
        (.workOrder, ["status"], .some(.string("done")), "status", "must be one of"),
        (.workOrder, ["closedAt"], .some(.string("2026-11-25 09:00:00")), "closedAt", "must match the pattern"),
        (.workOrder, ["closedAt"], .some(.string("2026-13-25T09:00:00Z")), "closedAt", "must match the pattern"),
        (.sop, ["id"], .some(.string("SOP-1")), "id", "must match the pattern ^SOP-[0-9]{4,9}$"),
        (.sop, ["id"], .some(.string("SOP-0001\n")), "id", "must match the pattern"),
        (.sop, ["title"], .some(.string("Two\nlines")), "title", "must match the pattern"),
        (.sop, ["title"], .some(.string("")), "title", "must have at least 1 character"),
        (.sop, ["title"], .some(.string(String(repeating: "é", count: 201))), "title", "at most 200 characters, not 201"),
        (.sop, ["revisions"], .some(.array([])), "revisions", "must have at least 1 item"),
        (.sop, ["revisions", 1, "authors", 1], .some(.string("alice")), "revisions[1].authors", "must not repeat an item"),
        (.sop, ["revisions", 1, "authors"], .some(.array([])), "revisions[1].authors", "must have at least 1 item"),
        (.sop, ["revisions", 1, "status"], .some(.string("in_review")), "revisions[1].status", "must be one of"),
        (.sop, ["revisions", 1, "effectiveDate"], .some(.string("2026-6-1")), "revisions[1].effectiveDate", "must match the pattern"),
        (.equipment, ["id"], .some(.string("../x")), "id", "must match the pattern"),
        (.equipment, ["status"], .some(.bool(true)), "status", "must be a string, not a boolean"),
        (.equipment, ["location"], .some(.string("tab\there")), "location", "must match the pattern"),
    ] as [(RecordKind, [JSONKey], JSONValue?, String, String)])
    func violations(kind: RecordKind, edit: [JSONKey], value: JSONValue?, path: String, reason: String) throws {
        Self.expectViolation(try Self.sample(kind).replacing(edit, with: value), kind: kind, path: path, reason: reason)
    }

    @Test("a title of exactly 200 characters (code points, not bytes) is accepted")
    func lengthInCharacters() throws {
        let sample = try Self.sample(.sop).replacing(["title"], with: .string(String(repeating: "é", count: 200)))
        try Schemas.validate(sample.data, kind: .sop, record: "SOP-0001")
    }

    @Test("malformed JSON and a document that is not an object are clear errors")
    func notJSON() {
        for (text, reason) in [("{\"id\": ", "is not well-formed JSON"), ("", "is not well-formed JSON"), ("[]", "must be an object, not an array")] {
            #expect {
                try Schemas.validate(Data(text.utf8), kind: .equipment, record: "PUMP-101")
            } throws: { error in
                guard case DocumentsError.schemaViolation(_, let path, let why) = error else { return false }
                return path.isEmpty && why.contains(reason)
            }
        }
    }

    @Test("the error sentence names the record and the field")
    func sentence() throws {
        let document = try Self.sample(.workOrder).replacing(["steps", 2, "signedBy"], with: .string("Tom"))
        do {
            try Schemas.validate(document.data, kind: .workOrder, record: "WO-000001")
            Issue.record("a bad signer was accepted")
        } catch {
            #expect(error.description.hasPrefix("WO-000001: the field steps[2].signedBy must match the pattern"))
        }
    }

    @Test("validation from many tasks at once loads the schemas once and agrees")
    func concurrentUse() async throws {
        let data = try Self.sample(.workOrder).data
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 {
                group.addTask { (try? Schemas.validate(data, kind: .workOrder, record: "WO-000001")) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }
}

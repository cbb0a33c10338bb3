import Foundation
import RecordRepo

/// Check 3 for SOPs, equipment, work orders, drills and audit-trail reviews: each act is replayed through the lifecycle and
/// the policy in force at its parent, and must produce exactly the record it wrote. An act that
/// the service would have refused, or whose record differs from what the lifecycle gives, fails.
public final class DocumentReplay: ActReplay {
    let checklist: @Sendable (String) -> [ChecklistItem]
    private var policies: [ObjectID: Policy] = [:]
    /// Accounts, SOPs and equipment decoded once per version (blob), as they change rarely.
    private var decoded: [ObjectID: any Sendable] = [:]
    /// Recent work-order versions by blob: the version one act writes is the one the next act on
    /// that job reads. Emptied when it grows large.
    private var recentOrders: [ObjectID: WorkOrder] = [:]
    /// The commits replayed so far, oldest first from the root: on a first-parent history, a
    /// commit is an ancestor of the act being replayed exactly when it is in here.
    private(set) var replayed = Set<ObjectID>()

    /// Rules of the declared events left out: empty in verify; tests switch each off in turn.
    let skipping: Set<EventRefusal.Rule>

    /// `checklist` reads an SOP's task-list items, exactly as jobs were started with.
    public convenience init(checklist: @escaping @Sendable (String) -> [ChecklistItem]) { self.init(checklist: checklist, skipping: []) }

    init(checklist: @escaping @Sendable (String) -> [ChecklistItem], skipping: Set<EventRefusal.Rule>) {
        self.checklist = checklist
        self.skipping = skipping
    }

    /// What one act touched: its record, the kind and the files that belong to it, and the
    /// blobs of its JSON before (nil: created by the act) and after the act.
    struct Touched {
        let kind: RecordKind
        let id: String
        let json: String
        let body: String?
        let jsonBefore: ObjectID?
        let jsonAfter: ObjectID
    }

    public func refusal(of act: ActInfo, before: TreeView, after: TreeView, isRoot: Bool) -> String? {
        defer { replayed.insert(act.commit) }
        // Before events were declared, accounts and the policy were replayed apart (`PolicyReplay`).
        let changed = before.changedFiles(to: after).filter {
            act.event != nil || (!$0.path.hasPrefix(RecordKind.account.rawValue + "/") && $0.path != Policy.path.value)
        }
        guard let first = changed.first?.path else {
            return act.meaning == .auditReview ? "an act with the meaning audit-review must create a review record" : nil
        }
        // The kind whose path for the act's Record is a file the act changed.
        func files(_ kind: RecordKind) -> (json: String, body: String?)? {
            guard let json = try? RecordID.path(kind: kind, id: act.record) else { return nil }
            return (json, (try? RecordID.bodyPath(kind: kind, id: act.record)) ?? nil)
        }
        guard let kind = RecordKind.allCases.first(where: { kind in
                  files(kind).map { own in changed.contains { $0.path == own.json || $0.path == own.body } } ?? false
              }), let (json, body) = files(kind) else {
            return "the act changed \(first), which belongs to no record kind that \(act.record) could own"
        }
        // Files of other records: only a declared event may write them (verified below, against
        // what the event writes with its own record).
        let others = changed.filter { $0.path != json && $0.path != body }
        if act.event == nil, let file = others.first {
            return "the act on \(act.record) also changed \(file.path), which does not belong to it"
        }
        if act.meaning == .auditReview, kind != .review { return "only an audit-trail review may carry the meaning audit-review" }
        // The JSON's blobs come from the change itself when the act wrote it (no path lookups).
        let written = changed.first { $0.path == json }
        guard let blob = written.map(\.new) ?? after.id(of: json), let data = after.blob(blob) else {
            return "the act removed \(json); records are never removed"
        }
        let touched = Touched(kind: kind, id: act.record, json: json, body: body,
                              jsonBefore: written.map(\.old) ?? before.id(of: json), jsonAfter: blob)
        do {
            let value = try Schemas.parse(data, record: act.record)
            try Schemas.schema(for: kind).validate(value, record: act.record)
            guard CanonicalJSON.bytes(of: value) == data else { return "\(json) is not in canonical JSON form" }
        } catch {
            return error.description
        }
        guard let path = try? Account.path(act.signer), let signer = cached(Account.self, path.value, in: before) else {
            return "\(act.signer) had no account"
        }
        guard readablePolicy(in: before) != nil else {
            return "policy.json at the parent cannot be read, so no act could have been signed on it"
        }
        if let event = act.event {
            guard let declared = Kinds.declaration(of: kind) else {
                return "\(act.record) names the event \(event), but a \(kind.noun) has no declared events"
            }
            let context = TreeContext(replay: self, tree: before, act: act)
            let bodies = Bodies(before: body.flatMap(before.read), after: body.flatMap(after.read))
            let written = Dictionary(others.map { ($0.path, $0.new.flatMap(after.blob)) }, uniquingKeysWith: { first, _ in first })
            return declared.refusal(event: event, act: act, before: touched.jsonBefore.flatMap(before.blob), written: data,
                                    bodies: bodies, others: written, context: context, skipping: skipping)?.description
        }
        // Acts signed before events were declared carry no Event trailer: they are replayed by the
        // rules of that time, which read the event back from the act's Meaning.
        let policy = policy(in: before)
        switch kind {
        case .sop: return sopRefusal(act, touched, before: before, after: after, signer: signer, policy: policy)
        case .equipment: return equipmentRefusal(act, touched, before: before, data: data, signer: signer, policy: policy)
        case .workOrder: return workOrderRefusal(act, touched, before: before, data: data, signer: signer, policy: policy)
        case .drill: return drillRefusal(act, touched, before: before, data: data, signer: signer, policy: policy)
        case .review: return reviewRefusal(act, touched, before: before, data: data, signer: signer, policy: policy)
        default: return "\(act.record): a \(kind.noun) act must name its event in an Event trailer"
        }
    }

    /// The record at `path` in `tree`, decoded once per blob.
    func cached<T: Decodable & Sendable>(_ type: T.Type, _ path: String, in tree: TreeView) -> T? {
        guard let id = tree.id(of: path) else { return nil }
        if let hit = decoded[id] as? T { return hit }
        guard let data = tree.read(path), let value = try? JSONDecoder().decode(T.self, from: data) else { return nil }
        decoded[id] = value
        return value
    }

    /// A work-order version, decoded once (`data`: its bytes when already read).
    func workOrder(_ blob: ObjectID, data: Data? = nil, in tree: TreeView) -> WorkOrder? {
        if let hit = recentOrders[blob] { return hit }
        guard let data = data ?? tree.blob(blob), let order = try? JSONDecoder().decode(WorkOrder.self, from: data) else { return nil }
        if recentOrders.count >= 4_096 { recentOrders.removeAll(keepingCapacity: true) }
        recentOrders[blob] = order
        return order
    }

    func policy(in tree: TreeView) -> Policy { readablePolicy(in: tree) ?? .standard }

    /// The policy at `tree` (the standard one before there is any), or nil when a `policy.json`
    /// is there but cannot be read: the program refuses every act then, and so does the replay.
    func readablePolicy(in tree: TreeView) -> Policy? {
        guard let id = tree.id(of: Policy.path.value) else { return .standard }
        if let known = policies[id] { return known }
        guard let decoded = tree.read(Policy.path.value).flatMap({ try? JSONDecoder().decode(Policy.self, from: $0) }) else { return nil }
        policies[id] = decoded
        return decoded
    }

    /// nil when the record written (`data`, already checked to be canonical and schema-valid, so
    /// one value has one form) is the `expected` one, else why not.
    static func mismatch<T: Equatable>(_ expected: T, _ written: T, _ id: String) -> String? {
        written == expected ? nil : "\(id) as written differs from what the lifecycle gives for this act"
    }

    func equipmentRefusal(_ act: ActInfo, _ touched: Touched, before: TreeView, data: Data, signer: Account,
                          policy: Policy) -> String? {
        if let refusal = Self.permission(.equipmentAdd, signer, policy) { return refusal }
        guard before.id(of: touched.json) == nil else { return "equipment records are only ever created" }
        guard act.meaning == .authorship, let stored = try? JSONDecoder().decode(Equipment.self, from: data) else {
            return "adding equipment is an act of authorship"
        }
        let expected = Equipment(id: act.record, name: stored.name, location: stored.location, department: stored.department,
                                 createdBy: act.signer, createdAt: Timestamp.iso(act.time))
        return Self.mismatch(expected, stored, act.record)
    }

    func drillRefusal(_ act: ActInfo, _ touched: Touched, before: TreeView, data: Data, signer: Account,
                      policy: Policy) -> String? {
        if let refusal = Self.permission(.backupDrill, signer, policy) { return refusal }
        guard before.id(of: touched.json) == nil, act.meaning == .backupDrill else {
            return "a drill result is created once, as an act with the meaning backup-drill"
        }
        guard let stored = try? JSONDecoder().decode(Drill.self, from: data), stored.id == act.record,
              stored.performedBy == act.signer, stored.performedAt == Timestamp.iso(act.time),
              (stored.result == .pass) == stored.problems.isEmpty else {
            return "\(act.record) does not name its signer and signing time, or its result contradicts its problems"
        }
        return nil
    }

    static func permission(_ permission: Permission, _ signer: Account, _ policy: Policy) -> String? {
        do { try policy.require(permission, of: signer, to: permission.rawValue) } catch { return error.description }
        return nil
    }
}

/// Check 3 for everything recorded so far: accounts and the policy, then SOPs, equipment and jobs.
public struct RecordsReplay: ActReplay {
    let parts: [any ActReplay]

    public init(checklist: @escaping @Sendable (String) -> [ChecklistItem]) { self.init(checklist: checklist, skipping: []) }

    /// Verify's replay for a checklist reader that gives the steps' text only: jobs whose steps
    /// ask for readings fail it.
    public init(checklist: @escaping @Sendable (String) -> [String]) { self.init(checklist: ChecklistItem.plain(checklist), skipping: []) }

    /// Verify's replay with some rules of the declared events left out, for tests that show each one matters.
    init(checklist: @escaping @Sendable (String) -> [ChecklistItem], skipping: Set<EventRefusal.Rule>) {
        parts = [PolicyReplay(), DocumentReplay(checklist: checklist, skipping: skipping)]
    }

    init(checklist: @escaping @Sendable (String) -> [String], skipping: Set<EventRefusal.Rule>) {
        self.init(checklist: ChecklistItem.plain(checklist), skipping: skipping)
    }

    public func refusal(of act: ActInfo, before: TreeView, after: TreeView, isRoot: Bool) -> String? {
        // Acts that name no event form the start of a history; after the first act that names one,
        // an act without one is refused rather than replayed by the rules of older versions.
        if !isRoot, act.event == nil, let parent = act.parent, let previous = before.act(parent), previous.event != nil {
            return "\(act.record): the act names no event (Event trailer), but the act before it (\(parent.short)) does; every act since then must"
        }
        for part in parts {
            if let refusal = part.refusal(of: act, before: before, after: after, isRoot: isRoot) { return refusal }
        }
        return nil
    }
}

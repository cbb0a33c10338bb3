import Foundation
import RecordRepo

extension DocumentReplay {
    func sopRefusal(_ act: ActInfo, _ touched: Touched, before: TreeView, after: TreeView, signer: Account,
                    policy: Policy) -> String? {
        guard let data = after.read(touched.json), let stored = try? JSONDecoder().decode(SOP.self, from: data),
              let bodyPath = touched.body, let body = after.read(bodyPath) else { return "\(act.record) cannot be read" }
        let bodyChanged = before.id(of: bodyPath) != after.id(of: bodyPath)
        if bodyChanged, (try? Records.checkBody(body, record: act.record)) == nil { return "the body of \(act.record) is not valid markdown text" }
        let today = Records.day(act.time)
        let user = signer.id
        guard let oldData = before.read(touched.json) else {
            if let refusal = Self.permission(.sopAuthor, signer, policy) { return refusal }
            guard act.meaning == .authorship, bodyChanged,
                  let expected = try? SOP.draft(id: act.record, title: stored.title, author: user, at: Timestamp.iso(act.time))
            else { return "creating an SOP is an act of authorship with a body" }
            return Self.mismatch(expected, stored, act.record)
        }
        guard let old = try? JSONDecoder().decode(SOP.self, from: oldData) else { return "\(act.record) before this act cannot be read" }
        var expected = old
        expected.settle(today: today)
        let permission: Permission
        do throws(DocumentsError) {
            switch act.meaning {
            case .authorship where bodyChanged: permission = .sopAuthor; try expected.revise(by: user)
            case .authorship: permission = .sopAuthor; try expected.submit(by: user)
            case .review: permission = .sopReview; try expected.review(by: user)
            case .rejection: permission = .sopReview; try expected.reject(by: user)
            case .approval:
                permission = .sopApprove
                guard let date = stored.latest?.effectiveDate, date >= today else {
                    return "an approval of \(act.record) without an effective date, or backdated"
                }
                _ = try expected.approve(by: user, effectiveDate: date, today: today)
            case .retirement: permission = .sopRetire; _ = try expected.retire(by: user)
            default: return "an act with the meaning \(act.meaning.rawValue) may not change an SOP"
            }
        } catch {
            return error.description
        }
        if bodyChanged, act.meaning != .authorship { return "only authorship may change the text of \(act.record)" }
        if let refusal = Self.permission(permission, signer, policy) { return refusal }
        return Self.mismatch(expected, stored, act.record)
    }

    func workOrderRefusal(_ act: ActInfo, _ touched: Touched, before: TreeView, data: Data, signer: Account,
                          policy: Policy) -> String? {
        guard let stored = workOrder(touched.jsonAfter, data: data, in: before) else { return "\(act.record) cannot be read" }
        let time = Timestamp.iso(act.time)
        guard let oldBlob = touched.jsonBefore else {
            if let refusal = Self.permission(.woCreate, signer, policy) { return refusal }
            guard act.meaning == .authorship else { return "creating a work order is an act of authorship" }
            guard let sop = record(SOP.self, .sop, stored.sop, in: before), !sop.isRetired else {
                return "\(act.record) follows \(stored.sop), which did not exist or was retired"
            }
            guard let unit = record(Equipment.self, .equipment, stored.equipment, in: before), unit.status == .active else {
                return "\(act.record) is for equipment \(stored.equipment), which did not exist or was retired"
            }
            if let assignee = stored.assignee {
                guard let path = try? Account.path(assignee), let account = cached(Account.self, path.value, in: before),
                      account.status == .active,
                      Self.permission(.woExecute, account, policy) == nil else {
                    return "\(act.record) was assigned to \(assignee), who may not execute work orders"
                }
            }
            let expected = WorkOrder(id: act.record, title: stored.title, sop: stored.sop, equipment: stored.equipment,
                                     assignee: stored.assignee, createdBy: signer.id, createdAt: time)
            return Self.mismatch(expected, stored, act.record)
        }
        guard let old = workOrder(oldBlob, in: before) else { return "\(act.record) before this act cannot be read" }
        let event: WorkOrder.Event
        let permission: Permission
        switch act.meaning {
        case .execution where old.status == .open:
            permission = .woExecute
            guard let bound = stored.boundSOP else { return "\(act.record) was started without binding an SOP revision" }
            if let refusal = bindingRefusal(bound, act: act, before: before, today: Records.day(act.time)) { return refusal }
            guard let commit = ObjectID(hex: bound.commit), let view = before.view(at: commit),
                  let body = view.read((try? RecordID.sopBodyPath(id: bound.id)) ?? "") else {
                return "the SOP revision bound to \(act.record) cannot be read"
            }
            event = .start(by: signer.id, bound: bound, steps: checklist(String(decoding: body, as: UTF8.self)).map(\.text), at: time)
        case .execution:
            permission = .woExecute
            guard let next = old.nextStep, stored.steps.indices.contains(next.number - 1) else { return "no step of \(act.record) was left to sign" }
            event = .signStep(number: next.number, by: signer.id, note: stored.steps[next.number - 1].note, at: time)
        case .completion: permission = .woExecute; event = .complete(by: signer.id, at: time)
        case .review: permission = .woReview; event = .review(by: signer.id, at: time)
        case .approval: permission = .woClose; event = .close(by: signer.id, at: time)
        default: return "an act with the meaning \(act.meaning.rawValue) may not change a work order"
        }
        if let refusal = Self.permission(permission, signer, policy) { return refusal }
        do {
            return Self.mismatch(try old.applying(event), stored, act.record)
        } catch {
            return error.description
        }
    }

    /// Why a job's binding is not the SOP's effective revision and the commit of its approval.
    func bindingRefusal(_ bound: WorkOrder.BoundSOP, act: ActInfo, before: TreeView, today: String) -> String? {
        guard let sop = record(SOP.self, .sop, bound.id, in: before), !sop.isRetired,
              sop.effectiveRevision(today: today)?.number == bound.revision else {
            return "the job was bound to \(bound.id) revision \(bound.revision), which was not the effective revision"
        }
        // Replayed before this act: on the history before it, without a walk back through the graph.
        guard let commit = ObjectID(hex: bound.commit), let parent = act.parent,
              let approval = replayed.contains(commit) ? before.act(commit) : before.act(commit, before: parent),
              approval.record == bound.id,
              approval.revision == bound.revision, approval.meaning == .approval else {
            return "the job's SOP binding does not name the approval of \(bound.id) revision \(bound.revision)"
        }
        return nil
    }

    func record<T: Decodable & Sendable>(_ type: T.Type, _ kind: RecordKind, _ id: String, in tree: TreeView) -> T? {
        guard let path = try? RecordID.path(kind: kind, id: id) else { return nil }
        return cached(type, path, in: tree)
    }
}

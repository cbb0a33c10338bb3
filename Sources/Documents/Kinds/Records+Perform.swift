import Foundation
import RecordRepo

extension Records {
    /// Makes one act of a declared event: the policy and the event's checks against the head it is
    /// built on, the event applied to the record at that head, and the result signed, with the
    /// `Event` trailer naming the event so that verify replays exactly this declaration.
    ///
    /// - Parameter basedOn: the head the caller decided on (a new ID was numbered on it), or nil
    ///   to read the head now.
    @discardableResult
    func perform<Record, Input>(_ event: RecordEvent<Record, Input>, of declaration: KindDeclaration<Record>, id: String,
                                input: Input, reason: String, by session: Session,
                                basedOn known: ObjectID?? = nil) throws(DocumentsError) -> Record {
        if !event.duringPasswordChange { try session.requireSigningAllowed() }
        let kind = declaration.kind
        try RecordID.validate(id, kind: kind, field: "\(kind.noun) ID")
        let basedOn: ObjectID?
        if let known { basedOn = known } else { basedOn = try head() }
        let context = HeadContext(records: self, commit: basedOn, policy: try policy(at: basedOn))
        // Roles as they stand at the head the act is built on, not as they were at sign-in.
        let signer = context.account(session.account.id) ?? session.account
        if let permission = event.permission { try context.policy.require(permission, of: signer, to: event.action) }
        // A session held open past the password's age signs nothing verify would refuse.
        let maxAge = Double(context.policy.passwordMaxAgeDays) * 86_400
        if !event.duringPasswordChange, signer.id != Signer.systemPrincipal, let set = Timestamp.parse(signer.passwordSetAt),
           now.timeIntervalSince(set) > maxAge {
            throw .passwordChangeRequired(user: signer.id, why: "the password is older than \(context.policy.passwordMaxAgeDays) days")
        }
        let before = try record(Record.self, kind: kind, id: id, at: basedOn)
        var act = try prepare(event, of: declaration, id: id, input: input, before: before, reason: reason, user: session.account.id,
                              context: context, guards: try Self.guards(for: session))
        act.pinnedToBase = event.pinned
        try sign(act, by: session.signer, basedOn: basedOn, session: session)
        guard let stored = try record(Record.self, kind: kind, id: id) else { throw .notFound(record: id) }
        return stored
    }

    /// The act of `event` on the record `id` (`before`: as it stands in `context`), signed by
    /// `user`, not yet signed: the event's checks against `context`, the record it gives, the
    /// files it writes and the files the decision rests on (`guards` and the event's own).
    ///
    /// A batch that has already run the event's checks against `context` and the record's schema
    /// passes the record they gave as `checked`, and may pass a faster encoding of it as `bytes`
    /// (an import builds each record's JSON directly).
    func prepare<Record, Input>(_ event: RecordEvent<Record, Input>, of declaration: KindDeclaration<Record>, id: String,
                                input: Input, before: Record?, reason: String, user: String, context: any RecordContext,
                                guards: [RecordPath], checked: Record? = nil,
                                bytes: (@Sendable (Record) -> Data)? = nil) throws(DocumentsError) -> Act {
        let kind = declaration.kind
        if event.creates, before != nil { throw .alreadyExists(record: "\(kind.noun) \(id)") }
        if !event.creates, before == nil { throw .notFound(record: id) }
        let zone = context.policy.zone
        let preview: Record
        if let checked {
            preview = checked
        } else {
            preview = try event.perform(before, input, context, Signing(user: user, at: now, in: zone))
            _ = try Self.encode(preview, kind: kind, record: id)
        }
        var guards = guards
        for (other, otherID) in event.rests(input) { guards.append(try Self.path(kind: other, id: otherID)) }
        let body = event.body(input)
        var paths = [try Self.path(kind: kind, id: id)]
        if body != nil {
            guard let bodyPath = try RecordID.bodyPath(kind: kind, id: id) else {
                throw .invalidField(record: id, field: "body", reason: "a \(kind.noun) has no file beside its record")
            }
            do { paths.append(try RecordPath(bodyPath)) } catch { throw .ledger(error) }
        }
        // Other records written with this one: from the input and the records at the head, made at the signing.
        let companions = try event.companions(input, context)
        for other in companions {
            do { paths.append(try RecordPath(other.path)) } catch { throw .ledger(error) }
            guard let make = other.make else { throw .invalidField(record: id, field: other.path, reason: "its contents are not given") }
            let data = try make(Signing(user: user, at: now, in: zone))
            if let (kind, record) = other.schema { try Schemas.validate(data, kind: kind, record: record) }
        }
        let act = Act(record: id, revision: declaration.revision(preview), meaning: event.meaning,
                      event: declaration.trailer(of: event), reason: reason, summary: event.summary(id, input, preview),
                      paths: paths, guards: guards) { at in
            let signing = Signing(user: user, at: at, in: zone)
            // Checked against the schema above, at `now`: at the signing only the times differ.
            let after = try event.apply(before, input, signing)
            return [try bytes.map { $0(after) } ?? Self.encode(after)]
                + (body.map { [$0] } ?? []) + (try companions.map { try $0.make?(signing) })
        }
        return act
    }
}

/// The records as of the head a service builds an act on.
struct HeadContext: RecordContext {
    let records: Records
    let commit: ObjectID?
    let policy: Policy

    func account(_ id: String) -> Account? { try? records.account(id, at: commit) }

    func record<T: Decodable & Sendable>(_ type: T.Type, kind: RecordKind, id: String) -> T? {
        (try? RecordID.validate(id, kind: kind)) == nil ? nil : (try? records.record(type, kind: kind, id: id, at: commit)) ?? nil
    }

    func file<T: Decodable & Sendable>(_ type: T.Type, at path: String) -> T? {
        guard let path = try? RecordPath(path), let data = (try? records.ledger.read(path, at: commit)) ?? nil else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }

    func act(_ hex: String) -> ActInfo? {
        guard let id = ObjectID(hex: hex), let commit, (try? records.ledger.isAncestor(id, of: commit)) == true else { return nil }
        return try? records.ledger.act(id)
    }

    var base: ObjectID? { commit }

    func accountIDs() -> [String] {
        guard let folder = try? RecordPath(RecordKind.account.rawValue),
              let names = try? records.ledger.list(folder, at: commit) else { return [] }
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    }

    func walkBack(_ visit: (ActInfo) -> Bool) {
        guard let commit else { return }
        try? records.ledger.walkBack(from: commit) { visit($0) }
    }

    func checklist(sop: String, at hex: String) -> [ChecklistItem]? {
        guard let id = ObjectID(hex: hex), let path = try? Records.bodyPath(sop: sop),
              let body = (try? records.ledger.read(path, at: id)) ?? nil else { return nil }
        return records.checklist(String(decoding: body, as: UTF8.self))
    }
}

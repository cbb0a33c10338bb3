import Foundation
import RecordRepo

/// The CAPA's events. Its lifecycle is the table `CAPA.Status.takes(_:)`; these declarations add
/// who may sign each event and segregation of duties: an action is implemented by its owner, and
/// effectiveness is verified by someone who implemented none of the actions, only once the
/// policy's waiting period has passed since the last implementation.
public enum CAPAKind {
    /// A new CAPA: its ID, title, and the deviation it answers.
    public struct Opening: Sendable, Equatable {
        public var id: String
        public var title: String
        public var deviation: String?

        public init(id: String, title: String, deviation: String?) {
            self.id = id
            self.title = title
            self.deviation = deviation
        }
    }

    /// An action planned: what, by whom, by when (`YYYY-MM-DD`).
    public struct Plan: Sendable, Equatable {
        public var text: String
        public var owner: String
        public var due: String

        public init(text: String, owner: String, due: String) {
            self.text = text
            self.owner = owner
            self.due = due
        }
    }

    /// Action `number` implemented, with the evidence.
    public struct Implementation: Sendable, Equatable {
        public var number: Int
        public var evidence: String

        public init(number: Int, evidence: String) {
            self.number = number
            self.evidence = evidence
        }
    }

    /// Opened by a supervisor or qa; one opened from a deviation is listed on it in the same act.
    public static let open = RecordEvent<CAPA, Opening>(
        "open", meaning: .authorship, permission: .capaOpen, action: "open CAPAs", creates: true,
        summary: { id, opening, _ in "Open \(id)\(opening.deviation.map { " for \($0)" } ?? ""): \(opening.title)" },
        input: { _, written, _ in Opening(id: written.id, title: written.title, deviation: written.deviation) },
        rests: { opening in opening.deviation.map { [(.deviation, $0)] } ?? [] },
        check: { _, opening, context, _ throws(DocumentsError) in
            if let problem = TextRules.problem(with: opening.title, maxLength: 200) {
                throw .invalidField(record: opening.id, field: "title", reason: problem)
            }
            if let id = opening.deviation { _ = try deviation(id, for: opening.id, context) }
        },
        apply: { _, opening, signing in
            CAPA(id: opening.id, title: opening.title, deviation: opening.deviation, openedBy: signing.user, openedAt: signing.time)
        },
        companions: { opening, context throws(DocumentsError) in
            guard let id = opening.deviation else { return [] }
            var listing = try deviation(id, for: opening.id, context)
            listing.capas = (listing.capas ?? []) + [opening.id]
            listing.revision += 1
            return [try Companion.record(kind: .deviation, id: id, value: listing)]
        })

    /// Adds a numbered action; while the CAPA is open, or once implemented (it is open again).
    public static let plan = RecordEvent<CAPA, Plan>(
        "plan", meaning: .authorship, permission: .capaOpen, action: "plan CAPA actions",
        summary: { id, plan, capa in "Plan action \(capa.actions.count) of \(id) for \(plan.owner) by \(plan.due)" },
        input: { before, written, _ in
            guard let before, written.actions.count == before.actions.count + 1, let action = written.actions.last else { return nil }
            return Plan(text: action.text, owner: action.owner, due: action.due)
        },
        check: { before, plan, context, signing throws(DocumentsError) in
            let capa = try transition(before, .plan)
            if let problem = TextRules.problem(with: plan.text, maxLength: 1000) { throw .invalidField(record: capa.id, field: "action", reason: problem) }
            try RecordID.validateUser(plan.owner, field: "owner")
            guard context.account(plan.owner)?.status == .active else {
                throw .invalidField(record: capa.id, field: "owner", reason: "\(plan.owner) has no active account here")
            }
            let due = try Day(parsing: plan.due, field: "due", record: capa.id)
            guard due.text >= signing.day else {
                throw .invalidField(record: capa.id, field: "due", reason: "\(plan.due) is before today (\(signing.day))")
            }
        },
        apply: { before, plan, signing throws(DocumentsError) in
            var capa = try existing(before)
            capa.actions.append(CAPA.Action(number: capa.actions.count + 1, text: plan.text, owner: plan.owner, due: plan.due,
                                            plannedBy: signing.user, plannedAt: signing.time))
            capa.status = .open
            capa.revision += 1
            return capa
        })

    /// Action `number` implemented by its owner, with evidence; the CAPA is implemented once no
    /// action remains.
    public static let implement = RecordEvent<CAPA, Implementation>(
        "implement", meaning: .execution, permission: nil, action: "implement CAPA actions",
        summary: { id, implementation, _ in "Implement action \(implementation.number) of \(id)" },
        input: { before, written, _ in
            guard let before, before.actions.count == written.actions.count else { return nil }
            for (old, new) in zip(before.actions, written.actions) where !old.isImplemented && new.isImplemented {
                return new.evidence.map { Implementation(number: new.number, evidence: $0) }
            }
            return nil
        },
        check: { before, implementation, context, signing throws(DocumentsError) in
            let capa = try transition(before, .implement)
            guard let action = capa.actions.first(where: { $0.number == implementation.number }) else {
                throw .invalidField(record: capa.id, field: "action", reason: "it has no action \(implementation.number); its actions are 1 to \(capa.actions.count)")
            }
            guard !action.isImplemented else {
                throw .invalidField(record: capa.id, field: "action",
                                    reason: "action \(action.number) was implemented by \(action.implementedBy ?? "?") at \(action.implementedAt ?? "?")")
            }
            guard action.owner == signing.user, context.account(signing.user)?.status == .active else {
                throw .notPermitted(user: signing.user, action: "implement action \(action.number) of \(capa.id)",
                                    reason: "the action is \(action.owner)'s: its owner implements it")
            }
            if let problem = TextRules.problem(with: implementation.evidence, maxLength: 2000) {
                throw .invalidField(record: capa.id, field: "evidence", reason: problem)
            }
        },
        apply: { before, implementation, signing throws(DocumentsError) in
            var capa = try existing(before)
            guard let index = capa.actions.firstIndex(where: { $0.number == implementation.number }) else {
                throw .invalidField(record: capa.id, field: "action", reason: "it has no action \(implementation.number)")
            }
            capa.actions[index].implementedBy = signing.user
            capa.actions[index].implementedAt = signing.time
            capa.actions[index].implementedOn = signing.day
            capa.actions[index].evidence = implementation.evidence
            capa.status = capa.actions.allSatisfy(\.isImplemented) ? .implemented : .open
            capa.revision += 1
            return capa
        })

    public static let declaration = KindDeclaration<CAPA>(
        kind: .capa, events: [open.replayable, plan.replayable, implement.replayable, verify.replayable, close.replayable],
        revision: \.revision,
        labels: ["openedBy": "opened by", "openedAt": "opened at", "closedBy": "closed by", "closedAt": "closed at",
                 "actions[].number": "action {n} number", "actions[].text": "action {n}", "actions[].owner": "action {n} owner",
                 "actions[].due": "action {n} due", "actions[].plannedBy": "action {n} planned by", "actions[].plannedAt": "action {n} planned at",
                 "actions[].implementedBy": "action {n} implemented by", "actions[].implementedAt": "action {n} implemented at",
                 "actions[].implementedOn": "action {n} implemented on", "actions[].evidence": "action {n} evidence",
                 "verifications[].effective": "check {n} effective", "verifications[].by": "check {n} by",
                 "verifications[].at": "check {n} at"])

    /// The CAPA, when its lifecycle takes `event` in its state.
    static func transition(_ before: CAPA?, _ event: CAPA.Event) throws(DocumentsError) -> CAPA {
        let capa = try existing(before)
        guard capa.status.takes(event) else {
            throw .invalidTransition(record: capa.id, from: capa.status.rawValue, event: event.rawValue,
                                     reason: "a CAPA that is \(capa.status.rawValue) takes \(capa.status.events)")
        }
        return capa
    }

    static func existing(_ capa: CAPA?) throws(DocumentsError) -> CAPA {
        guard let capa else { throw .notFound(record: "the CAPA") }
        return capa
    }

    /// Deviation `id`, which CAPA `capa` answers: it must exist and not be closed.
    static func deviation(_ id: String, for capa: String, _ context: any RecordContext) throws(DocumentsError) -> Deviation {
        try RecordID.validate(id, kind: .deviation, field: "deviation")
        guard let deviation = context.record(Deviation.self, kind: .deviation, id: id) else {
            throw .invalidField(record: capa, field: "deviation", reason: "\(id) is no deviation here")
        }
        guard deviation.status != .closed else {
            throw .invalidField(record: capa, field: "deviation", reason: "\(id) is closed; a closed deviation takes no new CAPA")
        }
        return deviation
    }
}

import Foundation
import RecordRepo

/// The training record's events (§11.10(i)): the trainer records a person's training on one SOP
/// revision; the trainee alone acknowledges it, and only then is the training complete. The
/// acknowledgement writes the mark the training gate of a job reads (`TrainingMark`).
public enum TrainingKind {
    /// What the trainer records.
    public struct Training: Sendable, Equatable {
        public var id: String
        public var user: String
        public var sop: String
        public var revision: Int

        public init(id: String, user: String, sop: String, revision: Int) {
            self.id = id
            self.user = user
            self.sop = sop
            self.revision = revision
        }
    }

    /// The revision must be approved or effective on the signing day: a person may be trained on a
    /// revision approved for a later date, before it takes effect, but never on a draft, one in
    /// review, or one that is superseded or retired.
    public static let record = RecordEvent<TrainingRecord, Training>(
        "record", meaning: .authorship, permission: .trainRecord, action: "record training", creates: true,
        summary: { id, training, _ in "Training \(id): \(training.user) on \(training.sop) revision \(training.revision)" },
        input: { _, written, _ in Training(id: written.id, user: written.user, sop: written.sop, revision: written.sopRevision) },
        rests: { [(.sop, $0.sop), (.account, $0.user)] },
        check: { _, training, context, signing throws(DocumentsError) in
            guard training.user != signing.user else {
                throw .notPermitted(user: signing.user, action: "record training of \(training.user)",
                                    reason: "a trainer never records their own training; another supervisor or qa records it")
            }
            guard training.user != Signer.systemPrincipal, let trainee = context.account(training.user), trainee.status == .active else {
                throw .invalidField(record: training.id, field: "user", reason: "\(training.user) has no active account here")
            }
            guard let sop = context.record(SOP.self, kind: .sop, id: training.sop) else {
                throw .invalidField(record: training.id, field: "SOP", reason: "\(training.sop) is no SOP here")
            }
            guard let status = sop.status(ofRevision: training.revision, today: signing.day) else {
                throw .invalidField(record: training.id, field: "revision",
                                    reason: "\(training.sop) has no revision \(training.revision); it has 1 to \(sop.latest?.number ?? 1)")
            }
            guard status == .effective || status == .approved else {
                throw .invalidField(record: training.id, field: "revision",
                                    reason: "\(training.sop) revision \(training.revision) is \(status.rawValue); training is on an approved or effective revision")
            }
        },
        apply: { _, training, signing in
            TrainingRecord(id: training.id, user: training.user, sop: training.sop, sopRevision: training.revision,
                           trainer: signing.user, trainedAt: signing.time, trainedOn: signing.day)
        })

    /// The trainee's own signature that they were trained and take responsibility for following
    /// the revision; nobody signs it for them. Input: the training record's ID.
    public static let acknowledge = RecordEvent<TrainingRecord, String>(
        "acknowledge", meaning: .acknowledgement, permission: nil, action: "acknowledge training",
        summary: { id, _, training in "Acknowledge \(id): \(training.user) trained on \(training.sop) revision \(training.sopRevision)" },
        input: { _, written, _ in written.id },
        check: { before, _, context, signing throws(DocumentsError) in
            let training = try recorded(before)
            guard training.user == signing.user else {
                throw .notPermitted(user: signing.user, action: "acknowledge \(training.id)",
                                    reason: "only the trainee, \(training.user), acknowledges their own training")
            }
            guard context.account(signing.user)?.status == .active else {
                throw .notPermitted(user: signing.user, action: "acknowledge \(training.id)", reason: "the account is not active")
            }
        },
        apply: { before, _, signing throws(DocumentsError) in
            var training = try recorded(before)
            training.status = .acknowledged
            training.acknowledgedAt = signing.time
            training.revision += 1
            return training
        },
        companions: { id, context throws(DocumentsError) in
            let training = try recorded(context.record(TrainingRecord.self, kind: .train, id: id))
            let path = try TrainingMark.path(user: training.user, sop: training.sop, revision: training.sopRevision)
            return [Companion(path: path, make: { signing throws(DocumentsError) in
                try Records.encode(TrainingMark(user: training.user, sop: training.sop, revision: training.sopRevision,
                                                training: training.id, acknowledgedAt: signing.time))
            }, digest: nil, schema: nil)]
        })

    public static let declaration = KindDeclaration<TrainingRecord>(
        kind: .train, events: [record.replayable, acknowledge.replayable], revision: \.revision,
        labels: ["sopRevision": "SOP revision", "trainedAt": "trained at", "trainedOn": "trained on",
                 "acknowledgedAt": "acknowledged at"])

    /// The training record, recorded and not yet acknowledged.
    static func recorded(_ training: TrainingRecord?) throws(DocumentsError) -> TrainingRecord {
        guard let training else { throw .notFound(record: "the training record") }
        guard training.status == .recorded else {
            throw .invalidTransition(record: training.id, from: training.status.rawValue, event: "acknowledge",
                                     reason: "\(training.user) acknowledged it at \(training.acknowledgedAt ?? "?")")
        }
        return training
    }
}

extension RecordContext {
    /// The training gate (§11.10(i)): with the policy's `training-gate` on, refuses `user` unless
    /// an acknowledged training on exactly `sop` revision `revision` left its mark. One read of a
    /// path fixed by the three, never a scan of the training records.
    func requireTrained(_ user: String, on sop: String, revision: Int, to action: String) throws(DocumentsError) {
        guard policy.gatesTraining else { return }
        if let path = try? TrainingMark.path(user: user, sop: sop, revision: revision),
           let mark = file(TrainingMark.self, at: path), mark.user == user, mark.sop == sop, mark.revision == revision {
            return
        }
        throw .notPermitted(user: user, action: action, reason:
            "\(user) is not trained on \(sop) revision \(revision): the training gate is on, so a trainer records the training "
            + "('recrepo train record \(user) \(sop) --revision \(revision)') and \(user) acknowledges it first")
    }
}

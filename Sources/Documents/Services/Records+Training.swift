import Foundation
import RecordRepo

extension Records {
    /// Records that `user` was trained on revision `revision` of `sop`, signed by the trainer
    /// (`train.record`; never the trainee). The training is complete once `user` acknowledges it.
    public func recordTraining(user: String, sop: String, revision: Int, reason: String,
                               by session: Session) throws(DocumentsError) -> TrainingRecord {
        try RecordID.validateUser(user, field: "user")
        try RecordID.validate(sop, kind: .sop, field: "SOP ID")
        guard revision >= 1 else { throw .invalidField(record: sop, field: "revision", reason: "a revision is a whole number from 1") }
        return try withNewID(.train) { (id, basedOn) throws(DocumentsError) in
            try perform(TrainingKind.record, of: TrainingKind.declaration, id: id,
                        input: TrainingKind.Training(id: id, user: user, sop: sop, revision: revision),
                        reason: reason, by: session, basedOn: basedOn)
        }
    }

    /// The trainee's acknowledgement of training record `id`: only they may sign it.
    public func acknowledgeTraining(_ id: String, reason: String?, by session: Session) throws(DocumentsError) -> TrainingRecord {
        try RecordID.validate(id, kind: .train, field: "training ID")
        guard let training = try record(TrainingRecord.self, kind: .train, id: id) else { throw .notFound(record: id) }
        let why = reason ?? "I was trained on \(training.sop) revision \(training.sopRevision) and will follow it"
        return try perform(TrainingKind.acknowledge, of: TrainingKind.declaration, id: id, input: id, reason: why, by: session)
    }

    /// Every training record, oldest first.
    public func trainingRecords() throws(DocumentsError) -> [TrainingRecord] {
        try all(TrainingRecord.self, of: .train).sorted { $0.id < $1.id }
    }

    /// Who must be trained on the effective revision of each SOP and is not yet (complete,
    /// acknowledged training on exactly that revision): see `TrainingStanding` for who that is.
    public func trainingDue(user: String? = nil, sop: String? = nil) throws(DocumentsError) -> [TrainingDue] {
        if let user { try RecordID.validateUser(user, field: "user") }
        if let sop { try RecordID.validate(sop, kind: .sop, field: "SOP ID") }
        let standing = try trainingStanding()
        if let sop, !standing.sops.contains(where: { $0.id == sop }) {
            guard try record(SOP.self, kind: .sop, id: sop) != nil else { throw .notFound(record: sop) }
        }
        return standing.due.filter { due in (user.map { $0 == due.user } ?? true) && (sop.map { $0 == due.sop } ?? true) }
    }

    /// People × SOPs: the revision each person is trained on, and whether it is the effective one.
    public func trainingMatrix() throws(DocumentsError) -> TrainingStanding { try trainingStanding() }

    /// The training standing as of the head, on the plant's day today.
    func trainingStanding() throws(DocumentsError) -> TrainingStanding {
        let today = try today().text
        let policy = try policy(at: try head())
        let executors = Set(policy.roles(for: .woExecute))
        return TrainingStanding(sops: try sops(), accounts: try accounts(), records: try trainingRecords(), today: today,
                                needsAll: { account in account.roles.contains(where: executors.contains) })
    }
}

/// One person who must be trained on an SOP's effective revision and is not yet.
public struct TrainingDue: Codable, Sendable, Equatable {
    public var user: String
    public var sop: String
    public var title: String
    /// The effective revision they must be trained on.
    public var revision: Int
    /// The day that revision took effect: the training is due since then.
    public var effectiveDate: String?
    /// The newest revision they completed training on, if any.
    public var trainedRevision: Int?
    /// A training on the effective revision recorded and waiting for their acknowledgement.
    public var awaitingAcknowledgement: String?
}

/// Who is trained on what. A person must be trained on the effective revision of an SOP when
/// they hold a role that may execute jobs (`wo.execute` in the policy: technicians by the
/// standard policy), since any job may follow any SOP; or when they were ever trained on that
/// SOP (a supervisor or engineer trained on an earlier revision must be retrained on the new
/// one). Disabled accounts need nothing.
public struct TrainingStanding: Sendable {
    /// One cell: a person's training on an SOP.
    public struct Cell: Sendable, Equatable {
        /// The newest revision with complete training, if any.
        public var trained: Int?
        /// Whether that is the SOP's effective revision.
        public var current: Bool
        /// Whether they must be trained on this SOP.
        public var required: Bool
        /// A training on the effective revision waiting for the trainee's acknowledgement.
        public var awaiting: String?
    }

    /// The SOPs with an effective revision or any training, not retired, by ID.
    public let sops: [SOP]
    /// The people in the matrix: active accounts that must be trained on something or were trained.
    public let people: [String]
    /// The effective revision of each SOP in `sops` today.
    public let effective: [String: Int]
    public let cells: [String: [String: Cell]]
    public let due: [TrainingDue]

    init(sops all: [SOP], accounts: [Account], records: [TrainingRecord], today: String, needsAll: (Account) -> Bool) {
        let active = accounts.filter { $0.status == .active }
        var completed: [String: [String: Int]] = [:], pending: [String: [String: [TrainingRecord]]] = [:]
        for record in records {
            if record.isComplete {
                completed[record.user, default: [:]][record.sop] = max(completed[record.user]?[record.sop] ?? 0, record.sopRevision)
            } else {
                pending[record.user, default: [:]][record.sop, default: []].append(record)
            }
        }
        let trainedOn = Set(records.map(\.sop))
        let complete = Set(records.filter(\.isComplete).map { "\($0.user) \($0.sop) \($0.sopRevision)" })
        let ever = Set(records.map { "\($0.user) \($0.sop)" })
        sops = all.filter { !$0.isRetired && ($0.effectiveRevision(today: today) != nil || trainedOn.contains($0.id)) }
        effective = Dictionary(uniqueKeysWithValues: sops.compactMap { sop in sop.effectiveRevision(today: today).map { (sop.id, $0.number) } })
        let everyone = Set(records.map(\.user))
        let inMatrix = active.filter { needsAll($0) || everyone.contains($0.id) }.sorted { $0.id < $1.id }
        people = inMatrix.map(\.id)
        var cells: [String: [String: Cell]] = [:], due: [TrainingDue] = []
        for sop in sops {
            let current = effective[sop.id]
            for account in inMatrix {
                let user = account.id
                let trained = completed[user]?[sop.id]
                // Complete training on exactly the effective revision: no other revision counts.
                let isCurrent = current.map { complete.contains("\(user) \(sop.id) \($0)") } ?? false
                let required = needsAll(account) || ever.contains("\(user) \(sop.id)")
                let awaiting = current.flatMap { revision in pending[user]?[sop.id]?.first { $0.sopRevision == revision }?.id }
                cells[user, default: [:]][sop.id] = Cell(trained: trained, current: isCurrent, required: required, awaiting: awaiting)
                if required, let current, !isCurrent {
                    due.append(TrainingDue(user: user, sop: sop.id, title: sop.title, revision: current,
                                           effectiveDate: sop.revision(current)?.effectiveDate, trainedRevision: trained,
                                           awaitingAcknowledgement: awaiting))
                }
            }
        }
        self.cells = cells
        self.due = due.sorted { ($0.user, $0.sop) < ($1.user, $1.sop) }
    }
}

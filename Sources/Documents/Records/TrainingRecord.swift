/// A person's training on one revision of an SOP (§11.10(i)): recorded by the trainer, complete
/// only once the trainee has acknowledged it. Stored at `train/<shard>/TRN-000001.json`.
///
/// The acknowledgement also writes a small mark at a path fixed by the trainee, the SOP and the
/// revision (`TrainingMark.path`), so that the training gate of a job finds the training with one
/// read instead of a scan of every training record.
public struct TrainingRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Recorded by the trainer; the trainee has not yet acknowledged it.
        case recorded
        /// Acknowledged by the trainee: the training is complete.
        case acknowledged
    }

    /// `^TRN-[0-9]{6,9}$`.
    public var id: String
    /// The trainee.
    public var user: String
    public var sop: String
    /// The SOP revision the training was on.
    public var sopRevision: Int
    public var status: Status
    /// Who trained the trainee and signed the record; never the trainee.
    public var trainer: String
    public var trainedAt: String
    /// The signing day of the trainer's record in the plant's time zone.
    public var trainedOn: String
    public var acknowledgedAt: String?
    /// 1 when recorded, 2 once acknowledged.
    public var revision: Int

    public init(id: String, user: String, sop: String, sopRevision: Int, trainer: String, trainedAt: String, trainedOn: String) {
        self.id = id
        self.user = user
        self.sop = sop
        self.sopRevision = sopRevision
        self.status = .recorded
        self.trainer = trainer
        self.trainedAt = trainedAt
        self.trainedOn = trainedOn
        self.revision = 1
    }

    /// Whether the training is complete: acknowledged by the trainee.
    public var isComplete: Bool { status == .acknowledged }
}

/// The mark an acknowledged training leaves at `trained/<user>/<user>.<SOP-ID>.r<N>`: which
/// training record made `user` trained on revision N of the SOP. Only the acknowledgement of a
/// training record writes one (verify requires every file an act changes to be written by its
/// declared event), and its contents name the record, so the gate trusts it as it trusts a record.
public struct TrainingMark: Codable, Sendable, Equatable {
    public var user: String
    public var sop: String
    public var revision: Int
    public var training: String
    public var acknowledgedAt: String

    /// Where the mark of `user`'s training on `sop` revision `revision` lives. The IDs are checked
    /// first, so only an allowlisted ID ever becomes part of the path.
    public static func path(user: String, sop: String, revision: Int) throws(DocumentsError) -> String {
        try RecordID.validateUser(user, field: "user")
        try RecordID.validate(sop, kind: .sop, field: "SOP ID")
        return "\(folder)/\(user)/\(user).\(sop).r\(revision)"
    }

    /// The top-level folder of the marks.
    public static let folder = "trained"
}

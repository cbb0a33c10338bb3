import RecordRepo

/// What one act adds to the index, worked out from git alone: its field changes as text and the
/// writes it makes to the records table. Everything that needs the index's own state (the seq, the
/// equipment and department read from the records table) is left to `ActWriter`, so that these
/// can be worked out on another thread, ahead of the writes.
struct ActRows: Sendable {
    let act: ActInfo
    /// The records the act changed, ordered by kind and ID.
    let records: [RecordRows]
    /// The record the act is about: the one its `Record` trailer names, else its first.
    let primary: Int?
    /// One row of `changes` per record ID the act changed, in the order of `records`.
    let changes: [ChangeRow]
}

/// The writes to the records table of one record that an act changed.
struct RecordRows: Sendable {
    let kind: String
    let id: String
    /// Set when the act wrote or removed the record's JSON.
    let json: JSONWrite?
    /// Set when the act wrote or removed the record's body: the new blob, nil when removed.
    let body: BodyWrite?
}

/// One row of `changes`: what one act changed in the record with this ID.
struct ChangeRow: Sendable {
    let record: String
    /// `ChangeList` text: the record's changed fields, in order.
    let fields: String
}

/// The record's JSON after the act: at `path`, in `blob` (nil: removed), saying `summary`.
struct JSONWrite: Sendable {
    let path: String
    let blob: String?
    let summary: RecordSummary
}

/// The record's body after the act, in `blob` (nil: removed).
struct BodyWrite: Sendable {
    let blob: String?
}

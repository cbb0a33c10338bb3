/// A maintenance record brought in from a legacy system (Annex 11 §4.8): what was done on which
/// equipment on which date, as the source says, with the row it came from. Read-only: its one
/// event creates it. Stored at `mh/<shard>/MH-000001.json`.
///
/// The act's own time is the import's; the work's date is `date` (and `time` when the source
/// gave one), with `dateAsWritten` keeping the source's text exactly.
public struct MaintenanceHistory: Codable, Sendable, Equatable {
    /// Where the record came from: the file, the row, and the row's bytes by their SHA-256.
    public struct Source: Codable, Sendable, Equatable {
        /// The SHA-256 of the whole source file.
        public var file: String
        /// The row in the file, counted as a spreadsheet does (the header is row 1).
        public var row: Int
        /// The SHA-256 of the row's bytes as they are in the file (without the line break).
        public var checksum: String
        /// The equipment as the source names it, before it was mapped to an equipment ID.
        public var equipment: String

        public init(file: String, row: Int, checksum: String, equipment: String) {
            self.file = file
            self.row = row
            self.checksum = checksum
            self.equipment = equipment
        }
    }

    /// `^MH-[0-9]{6,9}$`.
    public var id: String
    /// The equipment ID it was done on.
    public var equipment: String
    /// The day of the work, `YYYY-MM-DD`, in the plant's time zone.
    public var date: String
    /// The moment of the work, ISO 8601 UTC, when the source gave a time of day.
    public var time: String?
    /// The date exactly as the source wrote it.
    public var dateAsWritten: String
    /// What was done, as the source says (it may span lines).
    public var description: String
    public var type: String?
    /// Who did it, as the source names them (not necessarily a recrepo user).
    public var technician: String?
    /// Parts used, as the source lists them.
    public var part: String?
    public var source: Source
    public var importedBy: String
    /// The signing time of the import act.
    public var importedAt: String
    /// Always 1: nothing changes an imported record.
    public var revision: Int
}

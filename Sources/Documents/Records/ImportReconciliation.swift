/// The reconciliation of one import of legacy history, signed when it ends: which file (by its
/// SHA-256), how it was read, what came of every row, and the re-read of every record it wrote
/// compared field by field with its source row. Stored at `imp/<shard>/IMP-000001.json`.
public struct ImportReconciliation: Codable, Sendable, Equatable {
    /// The columns of the file that were read.
    public struct Columns: Codable, Sendable, Equatable {
        public var date: String
        public var equipment: String
        public var description: String
        public var type: String?
        public var technician: String?
        public var part: String?

        public init(date: String, equipment: String, description: String, type: String? = nil, technician: String? = nil,
                    part: String? = nil) {
            self.date = date
            self.equipment = equipment
            self.description = description
            self.type = type
            self.technician = technician
            self.part = part
        }
    }

    /// A row that was not imported, and why.
    public struct Refusal: Codable, Sendable, Equatable {
        public var row: Int
        public var reason: String
    }

    /// A field of an imported record that differs from its source row on re-reading.
    public struct Mismatch: Codable, Sendable, Equatable {
        public var record: String
        public var field: String
    }

    /// `^IMP-[0-9]{6,9}$`.
    public var id: String
    /// The file's name (its last path component) as given.
    public var file: String
    /// The SHA-256 of the file's bytes.
    public var sha256: String
    public var columns: Columns
    /// How the source's equipment became equipment IDs: `as written`, `prefix EQ-`, or
    /// `map <SHA-256 of the mapping file>` (with the prefix for values the map does not name).
    public var equipmentMapping: String
    /// Rows after the header.
    public var rowsRead: Int
    /// Records this import wrote: `MH-…` from `first` to `last`.
    public var imported: Int
    public var first: String?
    public var last: String?
    /// Rows whose bytes an earlier import brought in already.
    public var alreadyImported: Int
    public var refused: [Refusal]
    /// Equipment registered by this import (`--create-equipment`).
    public var equipmentCreated: [String]
    /// Records re-read after the import and compared with their rows, and how many matched.
    public var compared: Int
    public var matched: Int
    public var mismatches: [Mismatch]
    public var reconciledBy: String
    public var reconciledAt: String
    /// Always 1.
    public var revision: Int
}

/// A reference standard: the measuring device of known accuracy that instruments are calibrated
/// against, itself calibrated by an outside body with a certificate traceable to a national
/// standard. Stored at `std/<shard>/<ID>.json` under the plant's own ID (`STD-1`).
public struct ReferenceStandard: Codable, Sendable, Equatable {
    /// A value and its unit: `0.05 bar`.
    public struct Quantity: Codable, Sendable, Equatable {
        public var value: Double
        public var unit: String

        public init(value: Double, unit: String) {
            self.value = value
            self.unit = unit
        }

        public var text: String { "\(CanonicalJSON.number(value)) \(unit)" }
    }

    /// `^[A-Z][A-Z0-9]{1,11}-[0-9]{1,9}$`, chosen by the plant.
    public var id: String
    public var name: String
    /// The calibration certificate's number.
    public var certificate: String
    /// The body that calibrated it (an accredited laboratory).
    public var calibratedBy: String
    /// The certificate's statement of traceability to a national standard.
    public var traceability: String
    /// The day of its last calibration (the certificate's date), when given.
    public var calibrated: String?
    /// The last day it may be used: after this day it is out of calibration.
    public var due: String
    /// Its expanded measurement uncertainty.
    public var uncertainty: Quantity
    public var createdBy: String
    public var createdAt: String
    public var updatedBy: String?
    public var updatedAt: String?
    public var revision: Int

    public init(id: String, name: String, certificate: String, calibratedBy: String, traceability: String, calibrated: String?,
                due: String, uncertainty: Quantity, createdBy: String, createdAt: String) {
        self.id = id
        self.name = name
        self.certificate = certificate
        self.calibratedBy = calibratedBy
        self.traceability = traceability
        self.calibrated = calibrated
        self.due = due
        self.uncertainty = uncertainty
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.revision = 1
    }
}

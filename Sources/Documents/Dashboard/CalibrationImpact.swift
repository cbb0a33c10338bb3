/// What a failed reference standard may have affected: the calibrations that used it and the jobs
/// whose readings rest on those calibrations (`cal impact`).
///
/// The rule: a calibration made with the standard on or after `since` is affected; a job's
/// readings rest on it when the job is on its instrument or on the equipment the instrument is
/// installed in (its parent), and a step holding a value was signed from that calibration until
/// the instrument's next one.
public struct CalibrationImpact: Sendable, Equatable, Encodable {
    /// A calibration that used the standard.
    public struct Used: Sendable, Equatable, Encodable {
        public let id: String
        public let equipment: String
        /// When it was recorded (ISO 8601 UTC).
        public let calibrated: String
        public let result: String?
        public let status: String?

        public init(id: String, equipment: String, calibrated: String, result: String?, status: String?) {
            self.id = id
            self.equipment = equipment
            self.calibrated = calibrated
            self.result = result
            self.status = status
        }
    }

    /// A job with readings taken while an instrument stood on a calibration made with the standard.
    public struct Job: Sendable, Equatable, Encodable {
        public let workOrder: String
        public let equipment: String
        /// The calibration its readings rest on.
        public let calibration: String
        /// The readings taken (steps with a value), by step number.
        public let steps: [Int]

        public init(workOrder: String, equipment: String, calibration: String, steps: [Int]) {
            self.workOrder = workOrder
            self.equipment = equipment
            self.calibration = calibration
            self.steps = steps
        }
    }

    public let standard: String
    /// The first day looked at: `--since`, else the standard's last calibration; nil: all time.
    public let since: String?
    public let calibrations: [Used]
    public let workOrders: [Job]

    public init(standard: String, since: String?, calibrations: [Used], workOrders: [Job]) {
        self.standard = standard
        self.since = since
        self.calibrations = calibrations
        self.workOrders = workOrders
    }

    /// The steps whose readings rest on a calibration recorded at `from` until the instrument's
    /// next one at `until` (nil: none yet): of the steps holding a value (`taken`, with their
    /// signing times), those signed in between.
    public static func readings(_ taken: [(step: Int, at: String)], from: String, until: String?) -> [Int] {
        taken.filter { reading in reading.at >= from && until.map { reading.at < $0 } ?? true }.map(\.step)
    }
}

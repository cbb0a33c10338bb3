/// The policy's quality settings: how long a deviation may stay open by its class, and how long a
/// CAPA's actions must have been in place before their effectiveness is verified. Each is nil in
/// policies signed before it existed and then has its standard value.
extension Policy {
    /// Days to close a deviation when the policy does not say: minor 30, major 30, critical 15.
    public static let standardDeviationDays: [Deviation.Classification: Int] = [.minor: 30, .major: 30, .critical: 15]
    /// Days from a CAPA's last implemented action to its effectiveness check when the policy does not say.
    public static let standardCAPAEffectivenessDays = 30

    /// The days a deviation of `classification` has to be closed in, from the day it was opened.
    public func deviationDays(_ classification: Deviation.Classification) -> Int {
        let set: Int? =
            switch classification {
            case .minor: deviationMinorDays
            case .major: deviationMajorDays
            case .critical: deviationCriticalDays
            }
        return set ?? Self.standardDeviationDays[classification] ?? 30
    }

    var deviationMinor: Int {
        get { deviationDays(.minor) }
        set { deviationMinorDays = newValue }
    }

    var deviationMajor: Int {
        get { deviationDays(.major) }
        set { deviationMajorDays = newValue }
    }

    var deviationCritical: Int {
        get { deviationDays(.critical) }
        set { deviationCriticalDays = newValue }
    }

    /// The days a CAPA's last implemented action must be in place before its effectiveness is verified.
    public var capaEffectiveness: Int {
        get { capaEffectivenessDays ?? Self.standardCAPAEffectivenessDays }
        set { capaEffectivenessDays = newValue }
    }
}

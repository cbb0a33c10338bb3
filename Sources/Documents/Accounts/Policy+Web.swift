/// The web server's settings: how long a session lasts, and when the day's scheduled work runs.
extension Policy {
    static let standardSessionIdleMinutes = 15
    static let standardSessionMaxHours = 12
    static let standardDailyRunHour = 2

    /// Minutes without a request after which a web session ends.
    public var sessionIdle: Int {
        get { sessionIdleMinutes ?? Self.standardSessionIdleMinutes }
        set { sessionIdleMinutes = newValue }
    }

    /// Hours after sign-in after which a web session ends, however active.
    public var sessionMax: Int {
        get { sessionMaxHours ?? Self.standardSessionMaxHours }
        set { sessionMaxHours = newValue }
    }

    /// The hour of the plant's day at which the server generates preventive maintenance and checkpoints.
    public var dailyRun: Int {
        get { dailyRunHour ?? Self.standardDailyRunHour }
        set { dailyRunHour = newValue }
    }
}

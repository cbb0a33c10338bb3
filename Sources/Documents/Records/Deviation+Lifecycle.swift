/// The deviation's lifecycle as a table: which event each state takes, and the state after it.
extension Deviation {
    /// The events after the opening.
    public enum Event: String, Sendable, CaseIterable {
        case investigate, assess, approve, close
    }
}

extension Deviation.Status {
    /// The state after `event`, or nil when this state does not take it.
    ///
    /// | state        | investigate  | assess   | approve  | close  |
    /// |--------------|--------------|----------|----------|--------|
    /// | open         | investigated | –        | –        | –      |
    /// | investigated | investigated | assessed | –        | –      |
    /// | assessed     | investigated | assessed | approved | –      |
    /// | approved     | –            | –        | –        | closed |
    /// | closed       | –            | –        | –        | –      |
    ///
    /// Before approval the investigation and the assessment may be signed again; a new
    /// investigation returns the deviation to investigated, so that its impact is assessed again.
    public func after(_ event: Deviation.Event) -> Deviation.Status? {
        switch (self, event) {
        case (.open, .investigate), (.investigated, .investigate), (.assessed, .investigate): .investigated
        case (.investigated, .assess), (.assessed, .assess): .assessed
        case (.assessed, .approve): .approved
        case (.approved, .close): .closed
        default: nil
        }
    }

    /// The events this state takes, in words, for refusals.
    var events: String {
        let names = Deviation.Event.allCases.filter { after($0) != nil }.map(\.rawValue)
        return names.isEmpty ? "no further event" : names.joined(separator: " or ")
    }
}

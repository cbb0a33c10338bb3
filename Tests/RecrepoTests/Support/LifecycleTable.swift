import Documents
import RecordRepo
import Testing

/// One cell of a lifecycle's state × event table, acted out on `record`: an allowed event gives
/// `next` (and verify passes); any other is refused as an invalid transition from `state`, naming
/// the record and the event, and `main` stays where it was.
func expectTransition<State: RawRepresentable & Equatable, Event: RawRepresentable>(
    _ plant: Plant, record id: String, from state: State, on event: Event, next: State?, perform: () throws -> State,
    sourceLocation: SourceLocation = #_sourceLocation
) throws where State.RawValue == String, Event.RawValue == String {
    let head = try plant.repo.head()
    if let next {
        #expect(try perform() == next, sourceLocation: sourceLocation)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)", sourceLocation: sourceLocation)
    } else {
        #expect(sourceLocation: sourceLocation) {
            _ = try perform()
        } throws: { error in
            guard case DocumentsError.invalidTransition(let record, let from, let name, _) = error else { return false }
            return record == id && from == state.rawValue && name == event.rawValue
        }
        #expect(try plant.repo.head() == head, sourceLocation: sourceLocation)
    }
}

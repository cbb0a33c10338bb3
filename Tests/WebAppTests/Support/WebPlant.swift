import Documents
import Foundation
import Hummingbird
import HummingbirdTesting
import RecordRepo
import RecrepoTestSupport
import WebApp

/// The test plant served by the router in process: its clock is the plant's, so a test moves the
/// server's time by hand.
struct WebPlant: @unchecked Sendable {
    let plant: Plant
    let server: WebApp.Site

    init(start: Date? = nil) throws {
        plant = try Plant(start: start)
        server = WebApp.Site(WebConfiguration(repository: plant.repo.path, clock: plant.repo.clock.ledgerClock))
    }

    static let password = "user password 1"

    var head: String { (try? plant.records.ledger.head()?.hex) ?? "" }

    /// Runs `body` against the application's router, with a fresh browser per call of `browser()`.
    func test(_ body: @escaping @Sendable (@Sendable () -> WebClient) async throws -> Void) async throws {
        let app = Application(router: WebServer.router(server))
        try await app.test(.router) { client in
            try await body { WebClient(client) }
        }
    }

    /// An effective SOP whose third step asks for a reading between 2.0 and 2.4 bar, and a job on it for tess.
    func job() throws -> WorkOrder {
        let sop = try plant.effectiveSOP("""
            # Autoclave cycle check

            - [ ] Check the door seal
            - [ ] Run a Bowie-Dick test
            - [ ] Read the chamber pressure `reading: pressure in bar, between 2.0 and 2.4`

            """)
        return try plant.job(sop.id)
    }
}

import Foundation
import Hummingbird

/// The JSON API under `/api/v1/`, over the same services as the CLI, and its OpenAPI 3.1
/// description at `/openapi.json` (kept true by `APIDocumentTests`).
enum API {
    static let prefix = "/api/v1"

    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/openapi.json") { _, _ in
            Response.json(data: Data((EmbeddedFiles.contents["openapi.json"] ?? "{}").utf8))
        }
        SessionAPI.register(on: router, site: site)
        JobsAPI.register(on: router, site: site)
        RecordsAPI.register(on: router, site: site)
        RequestsAPI.register(on: router, site: site)
    }
}

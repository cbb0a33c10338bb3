import Foundation
import HTTPTypes
import Testing

/// The text every form test types into a field: it must come back escaped, never as markup.
let scriptProbe = "<script>alert(1)</script>"

extension WebClient {
    /// `path` answers 403 to this person, and no page they can open offers a link to it.
    func expectForbidden(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let page = try await get(path)
        #expect(page.status == .forbidden, "\(path) answered \(page.status)", sourceLocation: sourceLocation)
        let home = try await get("/")
        #expect(!home.body.contains("href=\"\(path)\""), "the nav offers \(path)", sourceLocation: sourceLocation)
    }

    /// `path` answers 200 and the nav offers a link to it.
    func expectOffered(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Page {
        let page = try await get(path)
        #expect(page.status == .ok, "\(path) answered \(page.status): \(page.body)", sourceLocation: sourceLocation)
        #expect(page.body.contains("href=\"\(path)\""), "the nav does not offer \(path)", sourceLocation: sourceLocation)
        return page
    }
}

extension WebClient.Page {
    /// The page carries no raw script tag (what a person typed came back escaped, if at all).
    var escapesProbe: Bool { !body.contains("<script") }
}

import Foundation
import HTTPTypes
import Hummingbird
import RecrepoTestSupport
import Testing
import WebApp

/// The OpenAPI document is served as built, and stays true: every route under /api/v1 is in it,
/// every path in it is routed, every body refuses unknown fields, and the check that every router
/// test's responses pass can tell a wrong response from a right one.
@Suite struct APIDocumentTests {
    @Test func theDocumentIsServedAsJSONAsItIsInTheRepository() async throws {
        let web = try WebPlant()
        let document = try #require(OpenAPIDocument.shared)
        try await web.test { browser in
            let served = try await browser().get("/openapi.json")
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "application/json")
            #expect(Data(served.body.utf8) == document.data)
        }
        #expect(document.root["openapi"] as? String == "3.1.0")
    }

    @Test func everyRouteUnderTheAPIIsDocumentedAndEveryDocumentedPathIsRouted() throws {
        let web = try WebPlant()
        let routed = Set(WebServer.router(web.server).routes.filter { $0.path.description.hasPrefix("/api/v1/") }
            .map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = try #require(OpenAPIDocument.shared).operations
        #expect(routed.subtracting(documented).sorted() == [], "routed but not documented")
        #expect(documented.subtracting(routed).sorted() == [], "documented but not routed")
        #expect(routed.count >= 20)
    }

    @Test func everyBodyRefusesUnknownFieldsAndEveryCallDocumentsItsRefusals() throws {
        let document = try #require(OpenAPIDocument.shared)
        for (path, item) in document.paths {
            for (method, value) in item {
                let operation = try #require(value as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: Any])
                let call = "\(method.uppercased()) \(path)"
                #expect(responses["401"] != nil, "\(call) documents no 401")
                if let body = operation["requestBody"] as? [String: Any] {
                    let schema = (((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]) ?? [:]
                    #expect(schema["additionalProperties"] as? Bool == false, "\(call) takes unknown fields")
                    #expect(responses["400"] != nil && responses["413"] != nil, "\(call) documents no 400 or 413")
                }
                let isSignIn = path == "/api/v1/session" && method == "post"
                if method != "get", !isSignIn {
                    let security = (operation["security"] as? [[String: Any]]) ?? []
                    #expect(security.contains { $0["csrf"] != nil && $0["session"] != nil }, "\(call) does not ask for the X-CSRF-Token")
                    #expect(responses["403"] != nil, "\(call) documents no 403")
                }
            }
        }
    }

    @Test func theResponseCheckRefusesWhatBreaksTheSchema() throws {
        let document = try #require(OpenAPIDocument.shared)
        let session = Data(#"{"user":"tess","csrf":"abc"}"#.utf8)
        #expect(document.problems(method: "GET", path: "/api/v1/session", status: 200, body: session).isEmpty)
        #expect(!document.problems(method: "GET", path: "/api/v1/session", status: 200, body: Data(#"{"user":"tess"}"#.utf8)).isEmpty)
        #expect(!document.problems(method: "GET", path: "/api/v1/session", status: 200, body: Data(#"{"user":1,"csrf":"a"}"#.utf8)).isEmpty)
        #expect(!document.problems(method: "GET", path: "/api/v1/session", status: 200, body: Data(#"{"user":"t","csrf":"a","key":"k"}"#.utf8)).isEmpty)
        #expect(!document.problems(method: "GET", path: "/api/v1/session", status: 418, body: session).isEmpty)
        #expect(!document.problems(method: "GET", path: "/api/v1/nothing", status: 200, body: session).isEmpty)
        let error = Data(#"{"error":"no","status":404}"#.utf8)
        #expect(document.problems(method: "GET", path: "/api/v1/jobs/WO-000001?x=1", status: 404, body: error).isEmpty)
        #expect(!document.problems(method: "GET", path: "/api/v1/jobs/WO-000001", status: 404, body: Data(#"{"error":"no"}"#.utf8)).isEmpty)
        #expect(!document.problems(method: "GET", path: "/api/v1/jobs", status: 200, body: Data(#"[{"id":"WO-1"}]"#.utf8)).isEmpty)
    }
}

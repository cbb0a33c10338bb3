import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error into a clear answer that reveals no internals: an HTML page, or for
/// `/api/` a JSON object `{"error": …, "status": …}`. A request that needs a session and has none
/// is sent to the sign-in page. Anything unforeseen is logged and answered with a plain 500.
struct ErrorPages: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let api = request.uri.path.hasPrefix("/api/")
            let (status, message) = Self.describe(error, logger: context.logger)
            if api { return Self.json(status: status, message: message) }
            if status == .unauthorized, request.method == .get {
                return Response(status: .seeOther, headers: [.location: "/sign-in"])
            }
            let page = Page(status.reasonPhrase, notice: .error(message),
                            "<p>\(HTML.link("/", "Back to my jobs"))</p>")
            return .html(page.html(for: nil), status: status)
        }
    }

    static func describe(_ error: any Error, logger: Logger) -> (HTTPResponse.Status, String) {
        if let error = WebError.from(error) {
            if error.status == .serviceUnavailable { logger.error("\(error)") }
            return (error.status, error.description)
        }
        if let error = error as? any HTTPResponseError {
            switch error.status {
            case .notFound: return (.notFound, "there is no page at this address")
            case .contentTooLarge: return (.contentTooLarge, "the request is larger than this server reads; nothing was recorded")
            case .methodNotAllowed: return (.methodNotAllowed, "this address does not take that method")
            default: return (error.status.code < 500 ? error.status : .internalServerError, "the request could not be handled")
            }
        }
        logger.error("unexpected error: \(String(reflecting: error))")
        return (.internalServerError, "the server could not handle this request; nothing was recorded")
    }

    static func json(status: HTTPResponse.Status, message: String) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: ["error": message, "status": status.code], options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Response {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// The parts of a `multipart/form-data` body, read with MultipartKit's parser: each field's text,
/// and the one file with its name.
struct MultipartForm {
    var fields: [String: String] = [:]
    var file: (name: String, bytes: Data)?

    /// Reads a `multipart/form-data` body of at most `limit` bytes and checks its CSRF token
    /// against the session's: its text fields (to be taken by name) and its one file, if any.
    static func read(_ request: Request, context: WebContext, limit: Int) async throws -> (FormBody, file: (name: String, bytes: Data)?) {
        let session = try context.signedIn()
        guard let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
              let boundary = type.split(separator: "boundary=").last.map(String.init) else {
            throw WebError.badInput(field: "form", reason: "a file is sent as multipart/form-data")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch { throw WebError.tooLarge(limit: limit) }
        let upload = try MultipartForm(buffer, boundary: boundary)
        let form = FormBody(fields: upload.fields)
        try form.checkToken(session.csrf)
        return (form, upload.file)
    }

    init(_ buffer: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var headers: [(String, String)] = []
        var body = ByteBuffer()
        var parts: [([(String, String)], ByteBuffer)] = []
        parser.onHeader = { headers.append(($0, $1)) }
        parser.onBody = { body.writeBuffer(&$0) }
        parser.onPartComplete = {
            parts.append((headers, body))
            headers = []
            body = ByteBuffer()
        }
        do { try parser.execute(buffer) } catch { throw WebError.badInput(field: "form", reason: "the multipart form could not be read") }
        for (headers, body) in parts {
            guard let disposition = headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                  let name = Self.parameter("name", in: disposition) else { continue }
            if let fileName = Self.parameter("filename", in: disposition) {
                guard file == nil else { throw WebError.badInput(field: name, reason: "send one file at a time") }
                file = (fileName.isEmpty ? "photo.jpg" : fileName, Data(body.readableBytesView))
            } else {
                guard fields[name] == nil else { throw WebError.badInput(field: name, reason: "the field is given twice") }
                fields[name] = String(buffer: body)
            }
        }
    }

    /// A quoted parameter of a Content-Disposition header (`name="reason"`).
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\(key)=") else { continue }
            return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: ["\""])
        }
        return nil
    }
}

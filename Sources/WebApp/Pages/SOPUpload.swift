import Documents
import Foundation
import Hummingbird

/// A revision of an SOP uploaded as a markdown file (multipart/form-data): the file's bytes are
/// the revision's body exactly as signed, through the same service as `recrepo sop revise --file`.
enum SOPUpload {
    static func register(on router: Router<WebContext>, site: Site) {
        router.post("/sops/:id/upload") { request, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            let limit = SOPPages.bodyLimit + site.configuration.formAllowance
            do {
                guard let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
                      let boundary = type.split(separator: "boundary=").last.map(String.init) else {
                    throw WebError.badInput(field: "form", reason: "a file is sent as multipart/form-data")
                }
                let buffer: ByteBuffer
                do { buffer = try await request.body.collect(upTo: limit) } catch { throw WebError.tooLarge(limit: limit) }
                let upload = try MultipartForm(buffer, boundary: boundary)
                var form = FormBody(fields: upload.fields)
                try form.checkToken(session.csrf)
                let reason = try form.required("reason", label: "Reason")
                let password = try form.required("password")
                try form.finish()
                guard let (_, bytes) = upload.file, !bytes.isEmpty else {
                    throw WebError.badInput(field: "Markdown file", reason: "choose the markdown file of the revision")
                }
                guard String(data: bytes, encoding: .utf8) != nil else {
                    throw WebError.badInput(field: "Markdown file", reason: "the file is not UTF-8 text; save the markdown as UTF-8 and send it again")
                }
                try await site.sign(as: session.user, password: password, from: context.clientAddress) { records, signer in
                    _ = try records.reviseSOP(id, body: bytes, reason: reason, by: signer)
                }
                return Response.redirect("/sops/\(HTML.path(id))?done=revised")
            } catch {
                return try await PageActs.refused(error, context) { context, notice, status in
                    try await SOPPages.show(site, context, request: nil, notice, status)
                }
            }
        }
    }
}

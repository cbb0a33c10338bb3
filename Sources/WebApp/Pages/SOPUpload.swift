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
                var (form, file) = try await MultipartForm.read(request, context: context, limit: limit)
                let reason = try form.required("reason", label: "Reason")
                let password = try form.required("password")
                try form.finish()
                guard let (_, bytes) = file, !bytes.isEmpty else {
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

import Documents
import Foundation
import Hummingbird

/// A photo or file attached to a job from the phone (a plain file input, `capture` opening the
/// camera), and attachments served back with the type that cannot run in the page.
enum AttachmentRoutes {
    static func register(on router: Router<WebContext>, site: Site) {
        router.post("/jobs/:id/attachments") { request, context in
            let id = try context.parameters.require("id")
            let session = try context.signedIn()
            let policy = try await site.policy()
            let limit = policy.attachmentKiB * 1024 + site.configuration.formAllowance
            var (form, file) = try await MultipartForm.read(request, context: context, limit: limit)
            let reason = try form.required("reason")
            let password = try form.required("password")
            try form.finish()
            guard let (name, bytes) = file else { throw WebError.badInput(field: "file", reason: "choose a photo or file to attach") }
            do {
                try await site.sign(as: session.user, password: password, from: context.clientAddress) { records, signer in
                    _ = try records.attach(bytes, name: name, to: id, reason: reason, by: signer)
                }
            } catch {
                guard let refusal = WebError.from(error), refusal.status.code < 500, !JobPages.isPageless(refusal) else { throw error }
                return try await JobPages.render(id, site: site, context: context, notice: .error(refusal.description), status: refusal.status)
            }
            return Response.redirect("/jobs/\(HTML.path(id))?done=attached")
        }
        router.get("/jobs/:id/attachments/:digest") { _, context in
            _ = try context.signedIn()
            let id = try context.parameters.require("id")
            let digest = try context.parameters.require("digest")
            let (entry, bytes) = try await site.read { records in try records.attachment(id, digest) }
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: Array(bytes))))
            // Served as a download of opaque bytes, so that nothing attached can run in the page.
            response.headers[.contentType] = "application/octet-stream"
            response.headers[.contentDisposition] = "attachment; filename=\"\(safeName(entry.name))\""
            return response
        }
    }

    /// A name safe inside a quoted header value.
    static func safeName(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }.map(Character.init))
    }
}

import Documents
import Foundation
import HTTPTypes
import NIOCore
import RecrepoTestSupport
import Testing
import WebApp

/// A photo attached to a job from the phone: a multipart form with the file, the reason, the
/// password and the session's token.
@Suite struct AttachmentUploadTests {
    static func multipart(_ fields: [(String, String)], file: (String, [UInt8])) -> (ByteBuffer, String) {
        let boundary = "----recrepo-test-boundary"
        var body = ""
        for (name, value) in fields { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        var buffer = ByteBuffer(string: body + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.0)\"\r\n"
                                + "Content-Type: image/png\r\n\r\n")
        buffer.writeBytes(file.1)
        buffer.writeString("\r\n--\(boundary)--\r\n")
        return (buffer, "multipart/form-data; boundary=\(boundary)")
    }

    @Test("a photo is attached byte for byte with its name and digest; served back only as a download")
    func photoAttached() async throws {
        let web = try WebPlant()
        let order = try web.job()
        let photo: [UInt8] = [0x89, 0x50, 0x4E, 0x47] + (0..<2000).map { UInt8($0 % 251) }
        try await web.test { browser in
            let tess = browser()
            try await HostileInputTests.started(web, tess, order)
            let (body, type) = Self.multipart([("csrf", tess.token ?? ""), ("reason", "Seal photographed"), ("password", WebPlant.password)],
                                              file: ("seal.png", photo))
            let done = try await tess.send("/jobs/\(order.id)/attachments", method: .post, bytes: body, type: type)
            #expect(done.status == .seeOther, "\(done.body)")
            let attached = try #require(try web.plant.records.workOrder(order.id).attachments?.first)
            #expect(attached.name == "seal.png" && attached.size == photo.count)
            let served = try await tess.get("/jobs/\(order.id)/attachments/\(attached.sha256)")
            #expect(Array(served.body.utf8).count > 0)
            #expect(served.headers[.contentType] == "application/octet-stream")
            #expect(served.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
        }
    }

    @Test("a file larger than the policy's attachment size is refused with 413 and nothing is recorded; a forged token signs nothing")
    func refusals() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await HostileInputTests.started(web, tess, order)
            let before = web.head
            let big = [UInt8](repeating: 7, count: 10_240 * 1024 + 128 * 1024)
            var (body, type) = Self.multipart([("csrf", tess.token ?? ""), ("reason", "Big"), ("password", WebPlant.password)], file: ("big.bin", big))
            #expect(try await tess.send("/jobs/\(order.id)/attachments", method: .post, bytes: body, type: type).status == .contentTooLarge)
            (body, type) = Self.multipart([("csrf", "forged"), ("reason", "Photo"), ("password", WebPlant.password)], file: ("a.png", [1, 2, 3]))
            #expect(try await tess.send("/jobs/\(order.id)/attachments", method: .post, bytes: body, type: type).status == .forbidden)
            #expect(web.head == before)
        }
    }
}

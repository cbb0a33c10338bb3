import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// The site's web application: the pages and the JSON API over the same services as the CLI.
public enum WebServer {
    /// The router with every page, API call and middleware, for `application` and for tests.
    public static func router(_ site: Site) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages())
        let cookie = SessionCookieParameters(name: "recrepo_session", path: "/", secure: site.configuration.secure, sameSite: .strict)
        router.add(middleware: SessionMiddleware(storage: MemoryPersistDriver(),
                                                 configuration: .init(sessionCookieParameters: cookie, keyPrefix: "session.")))
        router.add(middleware: SignInGate(site: site))
        router.get("/static/app.css") { _, _ in
            var response = Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: EmbeddedFiles.contents["app.css"] ?? "")))
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
        SignInPages.register(on: router, site: site)
        HomePage.register(on: router, site: site)
        JobPages.register(on: router, site: site)
        QueuePage.register(on: router, site: site)
        API.register(on: router, site: site)
        return router
    }

    /// The application on the configured address, with TLS when a certificate and key are given.
    public static func application(_ site: Site, tls: (certificate: String, key: String)? = nil,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let configuration = ApplicationConfiguration(address: .hostname(site.configuration.host, port: site.configuration.port),
                                                     serverName: "recrepo")
        var logger = Logger(label: "recrepo")
        logger.logLevel = .notice
        let server: HTTPServerBuilder
        if let tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            server = try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        } else {
            server = .http1()
        }
        return Application(router: router(site), server: server, configuration: configuration,
                           services: [DailyRun(site: site, logger: logger)],
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }
}

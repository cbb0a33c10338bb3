import ArgumentParser
import Documents
import Foundation
import Hummingbird
import WebApp

extension RecRepo {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the site's web application: pages for every role and the JSON API.",
            discussion: """
                One process serves the repository; the CLI may act on it at the same time. Sign-in is by user ID and \
                password, and every signature asks for the password again. Give --tls-cert and --tls-key to serve HTTPS \
                (the session cookie is then Secure). Stop it with Ctrl-C or SIGTERM.
                """)
        @OptionGroup var repo: RepoOptions
        @Option(help: "The address and port to listen on.") var listen: String = "127.0.0.1:8080"
        @Option(help: "A PEM certificate chain, to serve HTTPS.") var tlsCert: String?
        @Option(help: "The PEM private key of --tls-cert.") var tlsKey: String?

        func validate() throws {
            guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("give --tls-cert and --tls-key together") }
            _ = try address()
        }

        func address() throws -> (host: String, port: Int) {
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65_535).contains(port) else {
                throw ValidationError("--listen takes HOST:PORT, such as 127.0.0.1:8080; \(listen.debugDescription) is not one")
            }
            return (String(listen[..<colon]).trimmingCharacters(in: ["[", "]"]), port)
        }

        /// `main` calls `serve()` for this command, the only one that runs asynchronously.
        func run() throws { throw CLIError.usage("recrepo serve runs from the recrepo binary's main") }

        func serve() async throws {
            _ = try repo.open()
            let (host, port) = try address()
            let site = Site(WebConfiguration(repository: repo.path, host: host, port: port, secure: tlsCert != nil))
            let tls = tlsCert.flatMap { cert in tlsKey.map { (certificate: cert, key: $0) } }
            let scheme = tls == nil ? "http" : "https"
            let app = try WebServer.application(site, tls: tls) { port in
                print("Serving \(repo.path) at \(scheme)://\(host):\(port) (stop with Ctrl-C)")
            }
            try await app.runService()
        }
    }
}

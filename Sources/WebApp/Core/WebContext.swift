import Hummingbird
import HummingbirdAuth
import NIOCore

/// What the server knows of one request: its session, the client's address, and (once the sign-in
/// gate has let it through) the person signed in.
public struct WebContext: SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    /// The client's IP address, recorded in the Terminal trailer of every act it signs.
    public let clientAddress: String
    /// The person signed in, with the CSRF token of their session; nil before the sign-in gate.
    public var person: WebSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        person = nil
    }

    /// Bodies are read explicitly, each against its own limit (`WebBody`); this one bounds what
    /// Hummingbird's own decoders would read.
    public var maxUploadSize: Int { 64 * 1024 }
}

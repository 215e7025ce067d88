import BackupAPIModels
import BackupCore
public import Foundation
public import Hummingbird
public import NIOCore

/// The request context of every pgbm route: JSON with snake_case keys and ISO-8601 UTC dates.
///
/// `identity` is the caller, set by the authentication middleware before the resource routes (`nil` on
/// the public ones: health, setup, login).
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, or `nil` on a public route.
    public var identity: Identity?
    /// The socket peer (the client, or the reverse proxy in front of the server); `nil` in router tests.
    public let remoteAddress: SocketAddress?

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Decodes snake_case keys and ISO-8601 dates.
    public var requestDecoder: JSONDecoder { APIJSON.decoder() }

    /// Encodes snake_case keys and ISO-8601 UTC dates; the list pages write their own JSON (the same bytes).
    public var responseEncoder: APIResponseEncoder { APIResponseEncoder() }
}

extension APIRequestContext {
    /// Who sent the request, for the use cases' audit events: the signed-in user, the token, or
    /// `system`/`api` before anyone signed in.
    var caller: Caller {
        identity?.caller ?? .system("api")
    }
}

public import Foundation
public import Hummingbird

/// The request context of every pgbm route: JSON with snake_case keys and ISO-8601 UTC dates.
///
/// The authentication of issue 9 adds the caller's identity (user, role, token) here, set by an
/// `AuthMiddleware` before the resource routes.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Decodes snake_case keys and ISO-8601 dates.
    public var requestDecoder: JSONDecoder { APIJSON.decoder() }

    /// Encodes snake_case keys and ISO-8601 UTC dates.
    public var responseEncoder: JSONEncoder { APIJSON.encoder() }
}

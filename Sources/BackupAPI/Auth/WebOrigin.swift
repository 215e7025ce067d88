import Foundation
import HTTPTypes
import Hummingbird

/// A web origin as browsers send it in the `Origin` header: scheme, host and port (`https://backups.example.com`
/// is `https`, `backups.example.com`, 443). Two origins are the same site only when all three are equal.
///
/// ```swift
/// WebOrigin("https://backups.example.com") == WebOrigin(url: "https://backups.example.com:443/pgbm/")  // true
/// WebOrigin("null")                                                                                   // nil
/// ```
struct WebOrigin: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`.
    let scheme: String
    /// The host in lower case (an IPv6 address in brackets).
    let host: String
    /// The port, the scheme's default when none is written.
    let port: Int

    /// Parses an `Origin` header: `scheme://host[:port]` with nothing after it; `nil` for `null`, another
    /// scheme, or anything else.
    init?(_ header: String) {
        guard let components = URLComponents(string: header), components.path.isEmpty, components.query == nil,
            components.fragment == nil, components.user == nil
        else { return nil }
        self.init(components)
    }

    /// The origin of a URL such as `general.public_base_url` (its path, query and fragment do not matter).
    init?(url: String) {
        guard let components = URLComponents(string: url.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(components)
    }

    /// The origin a browser sees this server at when it sent `request`: the `Host` header's host and
    /// port, over https when the request came through a TLS-terminating proxy (`X-Forwarded-Proto:
    /// https`, as for the `Secure` cookie), else over the request's own scheme.
    init?(servedBy request: Request) {
        guard let authority = request.head.authority else { return nil }
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.split(separator: ",").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let scheme = forwarded.flatMap { ["http", "https"].contains($0) ? $0 : nil } ?? request.head.scheme ?? "http"
        guard let components = URLComponents(string: "\(scheme)://\(authority)") else { return nil }
        self.init(components)
    }

    private init?(_ components: URLComponents) {
        guard let scheme = components.scheme?.lowercased(), let host = components.percentEncodedHost?.lowercased(), !host.isEmpty
        else { return nil }
        switch scheme {
        case "http": port = components.port ?? 80
        case "https": port = components.port ?? 443
        default: return nil
        }
        self.scheme = scheme
        self.host = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    /// `https://backups.example.com:443`.
    var description: String { "\(scheme)://\(host):\(port)" }
}

/// Where the HTTP API listens and what it reports about itself.
///
/// ```swift
/// let configuration = APIConfiguration(host: "0.0.0.0", port: 8000)
/// let app = buildApplication(configuration: configuration, store: store, logger: logger)
/// ```
public struct APIConfiguration: Sendable {
    /// The address to bind (`127.0.0.1` by default: reachable from this machine only).
    public var host: String
    /// The TCP port; `0` lets the kernel pick a free one.
    public var port: Int
    /// The version `GET /api/health` reports.
    public var version: String
    /// The address users reach the server at (`PGBM_BASE_URL`, e.g. `https://backups.example.com`);
    /// an `https` address marks session cookies `Secure`.
    public var baseURL: String?
    /// How long a login session lasts (12 hours by default); expired sessions are refused.
    public var sessionLifetime: Duration
    /// Whether the login rate limit takes the client address from the last `X-Forwarded-For` entry
    /// (set it only behind a reverse proxy that sets that header); otherwise it is the socket peer.
    public var trustForwardedFor: Bool
    /// How many login attempts an address or a username gets, and for how long a lockout lasts
    /// (5 within 15 minutes by default).
    public var loginRateLimit: LoginRateLimit
    /// Timeouts and the connection limit of the HTTP server (``ConnectionLimits``' defaults unless set).
    public var connections = ConnectionLimits()

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The TCP port (`0`: any free port).
    ///   - version: The version the health route reports.
    ///   - baseURL: The address users reach the server at; `https` makes session cookies `Secure`.
    ///   - sessionLifetime: How long a login session lasts.
    ///   - trustForwardedFor: Whether to rate-limit logins by the `X-Forwarded-For` address.
    ///   - loginRateLimit: The login attempts allowed per address and username, and the lockout.
    public init(
        host: String = "127.0.0.1", port: Int = 8000, version: String = BackupAPI.version, baseURL: String? = nil,
        sessionLifetime: Duration = .seconds(12 * 3600), trustForwardedFor: Bool = false,
        loginRateLimit: LoginRateLimit = LoginRateLimit()
    ) {
        self.host = host
        self.port = port
        self.version = version
        self.baseURL = baseURL
        self.sessionLifetime = sessionLifetime
        self.trustForwardedFor = trustForwardedFor
        self.loginRateLimit = loginRateLimit
    }

    /// Whether session cookies are always `Secure` (the base URL is `https`).
    public var secureCookies: Bool { baseURL?.lowercased().hasPrefix("https://") == true }
}

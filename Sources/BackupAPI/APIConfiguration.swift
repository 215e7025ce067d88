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

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The TCP port (`0`: any free port).
    ///   - version: The version the health route reports.
    public init(host: String = "127.0.0.1", port: Int = 8000, version: String = BackupAPI.version) {
        self.host = host
        self.port = port
        self.version = version
    }
}

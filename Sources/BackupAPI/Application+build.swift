public import Hummingbird
public import Logging
import BackupCore
import NIOCore
public import ServiceLifecycle

/// Builds pgbm's HTTP application: every route of the API on `configuration`'s address, with `services`
/// (the scheduler, …) run beside the server in its service group.
///
/// ```swift
/// let app = buildApplication(configuration: APIConfiguration(port: 8000), services: services, logger: logger)
/// try await app.run()   // or put it in a ServiceGroup
/// ```
///
/// - Parameters:
///   - configuration: Address, port, reported version, and the connections' timeouts and limit.
///   - services: The store and the workers the routes act on.
///   - background: Long-running work to run with the server (started before it, stopped after it).
///   - logger: The server's logger; each request adds `hb.request.id`.
/// - Returns: The application, a `Service`; `test(.router)` of HummingbirdTesting drives it in tests.
public func buildApplication(
    configuration: APIConfiguration,
    services: APIServices,
    background: [any Service] = [],
    logger: Logger
) -> some ApplicationProtocol {
    let router = buildRouter(configuration: configuration, services: services)
    let registry = ConnectionRegistry(maximum: configuration.connections.maxConnections, metrics: services.metrics, logger: logger)
    return Application(
        router: router,
        server: .guardedHTTP1(limits: configuration.connections, registry: registry),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "pgbm/\(configuration.version)",
            availableConnectionsDelegate: registry),
        services: background,
        onServerRunning: { channel in
            let address = channel.localAddress
            logger.info(
                "HTTP API listening",
                metadata: [
                    "pgbm.http.address": "\(address?.ipAddress ?? configuration.host)",
                    "pgbm.http.port": "\(address?.port ?? configuration.port)",
                ])
        },
        logger: logger
    )
}

/// The router: error mapping for every route, the `Origin` check of every change, the web UI's files (every
/// path outside `/api/` and `/metrics`), authentication, the query parameters' text check, then one route
/// collection per resource.
func buildRouter(configuration: APIConfiguration, services: APIServices) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: MetricsMiddleware(metrics: services.metrics))
    router.add(middleware: ErrorMiddleware())
    let settings = services.manager.settings
    router.add(middleware: OriginMiddleware(configuration: configuration) { try await settings.publicBaseURL() })
    router.add(middleware: UIMiddleware(assets: .bundled))
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: AuthMiddleware(sessions: services.manager.sessions))
    router.add(middleware: QueryTextMiddleware())
    let report = HealthReport(version: configuration.version, startedAt: services.startedAt, health: services.manager.health)
    router.addRoutes(HealthController(version: configuration.version, report: report).routes, atPath: "/api/health")
    router.addRoutes(MetricsController(metrics: services.metrics).routes, atPath: "/metrics")
    router.addRoutes(OpenAPIController(version: configuration.version).routes, atPath: "/api/openapi.json")
    let manager = services.manager
    router.addRoutes(
        AuthController(
            sessions: manager.sessions, users: manager.users, gate: services.setupGate,
            limiter: LoginRateLimiter(limit: configuration.loginRateLimit.failures, window: configuration.loginRateLimit.window),
            configuration: configuration
        ).routes, atPath: "/api/auth")
    router.addRoutes(UserController(users: manager.users).routes, atPath: "/api/users")
    router.addRoutes(TokenController(tokens: manager.tokens).routes, atPath: "/api/tokens")
    router.addRoutes(
        DatabaseController(databases: manager.databases).routes,
        atPath: "/api/config/databases")
    router.addRoutes(BackupController(backups: manager.backups).routes, atPath: "/api/backups")
    router.addRoutes(BackupFileController(backups: manager.backups).routes, atPath: "/api/backups/files")
    router.addRoutes(ScheduleController(schedules: manager.schedules, backups: manager.backups).routes, atPath: "/api/schedules")
    router.addRoutes(RetentionController(backups: manager.backups).routes, atPath: "/api/retention")
    router.addRoutes(AuditController(audit: manager.audit).routes, atPath: "/api/audit")
    router.addRoutes(SettingsController(settings: manager.settings).routes, atPath: "/api/config/settings")
    router.addRoutes(RestoreCatalogController(restoreJobs: manager.restoreJobs).routes, atPath: "/api/restore")
    router.addRoutes(RestoreController(services: services).routes, atPath: "/api/restore")
    router.addRoutes(RestoreJobsController(restoreJobs: manager.restoreJobs).routes, atPath: "/api/restore")
    return router
}

public import Hummingbird
public import Logging
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
///   - configuration: Address, port and reported version.
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
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "pgbm/\(configuration.version)"),
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

/// The router: error mapping for every route, then one route collection per resource.
func buildRouter(configuration: APIConfiguration, services: APIServices) -> Router<APIRequestContext> {
    let store = StoreAccess(store: services.store)
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.addRoutes(HealthController(version: configuration.version).routes, atPath: "/api/health")
    // Authentication (issue 9) goes here: an AuthMiddleware on the collections below; health stays public.
    router.addRoutes(DatabaseController(store: store, tester: services.connectionTester).routes, atPath: "/api/config/databases")
    router.addRoutes(SettingsController(store: store, services: services).routes, atPath: "/api/config/settings")
    router.addRoutes(RestoreCatalogController(store: store, services: services).routes, atPath: "/api/restore")
    router.addRoutes(RestoreController(store: store, services: services).routes, atPath: "/api/restore")
    router.addRoutes(RestoreJobsController(store: store, services: services).routes, atPath: "/api/restore")
    return router
}

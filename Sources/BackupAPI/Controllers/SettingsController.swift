import BackupAPIModels
import BackupCore
import BackupRepository
import BackupStorage
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `/api/config/settings`: the settings sections (show, partial update), the S3 connection test, key
/// generation and the alert test sends. Secrets are write-only.
struct SettingsController: Sendable {
    let store: StoreAccess
    let services: APIServices

    /// The routes, to mount at `/api/config/settings`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: show)
        routes.put(use: update)
        routes.post("s3/test", use: testS3)
        routes.post("encryption/generate-key", use: generateKey)
        routes.post("email/test", use: testAlert)
        return routes
    }

    /// `GET`: every section, secrets as `<name>_set`.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> SettingsView {
        try await store { store in try await SettingsView.load(store) }
    }

    /// `PUT`: changes the sections given (`{"s3": {...}}` changes only S3); `200` with every section.
    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> SettingsView {
        let update = try SettingsUpdate(body: try await Self.body(request, context: context))
        let changes = try await store { store in try await update.apply(to: store) }
        for change in changes {
            var details = change.secrets
            if !change.fields.isEmpty { details["changed"] = change.fields.joined(separator: ",") }
            try await store.audit(context, "settings.update", target: "settings", id: change.section, details: details)
        }
        if let general = changes.first(where: { $0.section == GeneralSettings.key }),
            general.fields.contains(where: { ["concurrency", "missed_run_grace_seconds"].contains($0) })
        {
            let settings = try await store { store in try await store.settings(GeneralSettings.self) }
            await services.scheduler.update(configuration: SchedulerConfiguration(settings))
        }
        context.logger.info("settings updated", metadata: ["pgbm.settings.sections": "\(changes.map(\.section))"])
        return try await store { store in try await SettingsView.load(store) }
    }

    /// `POST s3/test`: the stored S3 settings, or the body's S3 fields over them (the stored secret key
    /// when the body has none), against the bucket; `200` with `ok`.
    @Sendable func testS3(_ request: Request, context: APIRequestContext) async throws -> SettingsTestResponse {
        let given = try Self.object(try await Self.body(request, context: context), what: "S3 settings")
        let (settings, secret) = try await store { store in try await Self.s3Settings(given, store: store) }
        do {
            try await services.s3.store(settings, secretKey: secret).testConnection()
            return .s3(ok: settings.bucket)
        } catch {
            context.logger.info(
                "S3 test failed",
                metadata: ["pgbm.s3.bucket": "\(settings.bucket)", "error.type": "\(type(of: error))"])
            return .s3(failed: error, bucket: settings.bucket)
        }
    }

    /// `POST encryption/generate-key`: a new strong passphrase, stored and made active (encryption is
    /// turned on); `201` with it, the only time it is shown.
    @Sendable func generateKey(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<
        GeneratedKeyResponse
    > {
        let (id, passphrase) = try await store { store in try await EncryptionPassphrases.addGenerated(in: store) }
        try await store.audit(
            context, "encryption.passphrase.generate", target: "passphrase", id: id, details: ["active": "true"])
        context.logger.info("passphrase generated", metadata: ["pgbm.passphrase.id": "\(id)"])
        return EditedResponse(
            status: .created,
            response: GeneratedKeyResponse(
                id: id, passphrase: passphrase.revealed, active: true, encryptionEnabled: true))
    }

    /// `POST email/test`: `{"channel": "email" | "webhook" | "heartbeat"}` (default email) sends a test
    /// message now; `200` with `ok`.
    @Sendable func testAlert(_ request: Request, context: APIRequestContext) async throws -> SettingsTestResponse {
        let fields = try Self.object(try await Self.body(request, context: context), what: "alert test")
        var channel = AlertChannel.email
        if let value = fields["channel"], value != .null {
            guard case .string(let name) = value, let parsed = AlertChannel(rawValue: name) else {
                throw APIError.invalid(field: "channel", "must be one of email, webhook, heartbeat")
            }
            channel = parsed
        }
        return SettingsTestResponse(await services.notifier.sendTest(channel: channel))
    }

    /// The stored S3 settings with `given` merged over them, checked as if enabled, and the secret key
    /// (the body's, else the stored one).
    static func s3Settings(_ given: [String: JSONValue], store: any ConfigurationStore) async throws -> (S3Settings, Secret) {
        let section = SettingsSection.named(S3Settings.key)!
        var fields = try section.merge(given, over: try await section.stored(store))
        fields["enabled"] = .bool(true)
        let settings = try SettingsSection.decode(S3Settings.self, from: fields, section: section.name)
        try SettingsSection.validate(settings, section: section.name)
        if case .string(let text)? = given["secret_key"], !text.isEmpty { return (settings, Secret(text)) }
        guard let stored = try await store.secret(.s3SecretKey) else {
            throw APIError.invalid(field: "s3.secret_key", "is required: none is stored")
        }
        return (settings, stored)
    }

    /// `body` as a JSON object; an empty body is an empty object, anything else a 400.
    static func object(_ body: Data, what: String) throws -> [String: JSONValue] {
        guard !body.isEmpty else { return [:] }
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw APIError(.badRequest, code: .invalidJSON, message: "the body must be a JSON object (\(what))")
        }
        return fields
    }

    /// The raw body, up to the context's limit.
    static func body(_ request: Request, context: APIRequestContext) async throws -> Data {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return Data(buffer.readableBytesView)
    }
}

import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/config/settings`: the settings sections (show, partial update), the S3 connection test, key
/// generation and the alert test sends. Secrets are write-only. The work is ``SettingsService``'s; this
/// only translates HTTP.
struct SettingsController: Sendable {
    let settings: SettingsService

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
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> SettingsSnapshot {
        try await settings.show()
    }

    /// `PUT`: changes the sections given (`{"s3": {...}}` changes only S3); `200` with every section.
    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> SettingsSnapshot {
        let body = try Self.object(try await Self.body(request, context: context), what: "settings sections")
        var sections: [String: [String: JSONValue]] = [:]
        for (name, value) in body {
            guard case .object(let fields) = value else { throw APIError.invalid(field: name, "must be an object") }
            sections[name] = fields
        }
        return try await settings.update(sections, by: context.caller)
    }

    /// `POST s3/test`: the stored S3 settings, or the body's S3 fields over them (the stored secret key
    /// when the body has none), against the bucket; `200` with `ok`.
    @Sendable func testS3(_ request: Request, context: APIRequestContext) async throws -> SettingsTestResponse {
        let given = try Self.object(try await Self.body(request, context: context), what: "S3 settings")
        return SettingsTestResponse(try await settings.testS3(given))
    }

    /// `POST encryption/generate-key`: a new strong passphrase, stored and made active (encryption is
    /// turned on); `201` with it, the only time it is shown.
    @Sendable func generateKey(_ request: Request, context: APIRequestContext) async throws -> EditedResponse<
        GeneratedKeyResponse
    > {
        let (id, passphrase) = try await settings.generatePassphrase(by: context.caller)
        return EditedResponse(
            status: .created,
            response: GeneratedKeyResponse(id: id, passphrase: passphrase.revealed, active: true, encryptionEnabled: true))
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
        return SettingsTestResponse(await settings.testAlert(channel))
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

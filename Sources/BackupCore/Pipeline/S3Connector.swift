public import AsyncHTTPClient
public import BackupRepository
public import BackupStorage
import Foundation
public import Logging

/// Builds the S3 store from the `s3` settings and the stored secret key, on the caller's HTTP client.
public struct S3Connector: Sendable {
    let httpClient: HTTPClient?
    let logger: Logger

    /// A connector; `httpClient` `nil` means S3 is never used (uploads off for this process).
    public init(httpClient: HTTPClient?, logger: Logger) {
        self.httpClient = httpClient
        self.logger = logger
    }

    /// The S3 store the settings describe, or `nil` when uploads are off.
    /// - Throws: ``BackupError`` `backup.configuration` when the settings are incomplete or the secret is missing.
    public func store(settings store: some SettingsRepository & SecretStore) async throws -> S3Store? {
        let settings = try await store.settings(S3Settings.self)
        guard settings.enabled, let httpClient else { return nil }
        guard let secret = try await store.secret(.s3SecretKey) else {
            throw BackupError(.backupConfiguration, "S3 uploads are on but the S3 secret key is not stored")
        }
        return try self.store(settings, secretKey: secret, httpClient: httpClient)
    }

    /// The S3 store `settings` describe with `secretKey`, whether or not uploads are on (the connection
    /// test of settings not saved yet).
    /// - Throws: ``BackupError`` `backup.configuration` when this connector has no HTTP client or the
    ///   endpoint is not a URL.
    public func store(_ settings: S3Settings, secretKey: Secret) throws -> S3Store {
        guard let httpClient else { throw BackupError(.backupConfiguration, "S3 is not used by this process") }
        return try store(settings, secretKey: secretKey, httpClient: httpClient)
    }

    private func store(_ settings: S3Settings, secretKey secret: Secret, httpClient: HTTPClient) throws -> S3Store {
        var endpoint: URL?
        if !settings.endpoint.isEmpty {
            guard let url = URL(string: settings.endpoint), url.host != nil else {
                throw BackupError(.backupConfiguration, "endpoint: \"\(settings.endpoint)\" is not a URL")
            }
            endpoint = url
        }
        var configuration = S3Configuration(
            bucket: settings.bucket, region: settings.region,
            credentials: SigV4Credentials(accessKeyId: settings.accessKeyId, secretAccessKey: secret.revealed),
            endpoint: endpoint, addressing: settings.pathStyle || endpoint != nil ? .pathStyle : .virtualHosted,
            prefix: settings.prefix)
        configuration.partSize = settings.partSizeMiB << 20
        configuration.maxParts = settings.maxParts
        configuration.parallelParts = settings.parallelParts
        return try S3Store(configuration: configuration, httpClient: httpClient, logger: logger)
    }
}

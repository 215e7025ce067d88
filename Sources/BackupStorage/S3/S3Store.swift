public import AsyncHTTPClient
import Foundation
public import Logging
import NIOHTTP1
import NIOFoundationCompat
import NIOCore

/// A ``BackupStore`` on an S3-compatible bucket; keys live below the configured prefix.
///
/// ```swift
/// let store = try S3Store(configuration: configuration, httpClient: S3Client.makeHTTPClient(), logger: logger)
/// try await store.testConnection()
/// ```
public struct S3Store: BackupStore {
    /// The client doing the requests.
    public let client: S3Client

    /// Creates a store after validating the configuration.
    public init(configuration: S3Configuration, httpClient: HTTPClient, logger: Logger) throws(StorageError) {
        client = try S3Client(configuration: configuration, httpClient: httpClient, logger: logger)
    }

    /// The full S3 key of an object key: `<prefix>/<key>`.
    public func s3Key(_ key: ObjectKey) -> String {
        client.configuration.prefix.isEmpty ? key.rawValue : "\(client.configuration.prefix)/\(key.rawValue)"
    }

    private var keyPrefix: String { client.configuration.prefix.isEmpty ? "" : client.configuration.prefix + "/" }

    public func put(file path: String, as key: ObjectKey) async throws -> StoredObject {
        stored(try await client.upload(file: path, key: s3Key(key)), key: key)
    }

    public func get(_ key: ObjectKey, to path: String) async throws -> DownloadedObject {
        try await client.download(key: s3Key(key), to: path)
    }

    public func list(prefix: String) async throws -> [StoredObject] {
        try await client.list(prefix: keyPrefix + prefix).compactMap { info in
            guard info.key.hasPrefix(keyPrefix), let key = try? ObjectKey(String(info.key.dropFirst(keyPrefix.count))) else {
                return nil
            }
            return stored(info, key: key)
        }.sorted { $0.key < $1.key }
    }

    public func stat(_ key: ObjectKey) async throws -> StoredObject? {
        try await client.head(key: s3Key(key)).map { stored($0, key: key) }
    }

    public func delete(_ key: ObjectKey) async throws {
        try await client.delete(key: s3Key(key))
    }

    /// HeadBucket, then a one-key listing (whose XML error names the cause when HeadBucket could not).
    public func testConnection() async throws {
        do {
            try await client.headBucket()
        } catch let error as StorageError where [.accessDenied, .bucketMissing, .server].contains(error.code) {
            _ = try await client.list(prefix: keyPrefix, pageSize: 1)
            throw error
        }
        _ = try await client.list(prefix: keyPrefix, pageSize: 1)
    }

    private func stored(_ info: S3ObjectInfo, key: ObjectKey) -> StoredObject {
        StoredObject(key: key, size: info.size, modified: info.modified, etag: info.etag)
    }
}

import AsyncHTTPClient
import Crypto
public import Foundation
import NIOCore
import NIOHTTP1
import Logging
import NIOFoundationCompat

extension S3Client {
    /// HeadObject: the object's size, modification time and ETag, or `nil` when it does not exist.
    public func head(key: String) async throws -> S3ObjectInfo? {
        let request = Request(method: .HEAD, key: key, timeout: configuration.timeouts.request, operation: "read objects")
        do {
            let (response, _) = try await send(request)
            return S3ObjectInfo(key: key, headers: response.headers)
        } catch let error as StorageError where error.code == .notFound {
            return nil
        }
    }

    /// GetObject into memory, for small objects such as manifests; `nil` when it does not exist.
    /// - Throws: ``StorageError`` `integrity` when the object is larger than `limit` bytes.
    public func getSmallObject(key: String, limit: Int = 1 << 20) async throws -> Data? {
        let request = Request(method: .GET, key: key, timeout: configuration.timeouts.request, operation: "read objects")
        do {
            let (_, body) = try await send(request)
            guard body.readableBytes <= limit else {
                throw StorageError(.integrity, "\"\(key)\" has \(body.readableBytes) bytes, more than the \(limit) expected")
            }
            return Data(buffer: body)
        } catch let error as StorageError where error.code == .notFound {
            return nil
        }
    }

    /// HeadBucket: succeeds when the bucket exists and the credentials may use it.
    public func headBucket() async throws {
        let request = Request(method: .HEAD, key: nil, timeout: configuration.timeouts.request, operation: "use the bucket")
        _ = try await send(request)
    }

    /// CreateBucket (for tests and first-time setup); an existing bucket owned by you is not an error.
    package func createBucket() async throws {
        var body: ByteBuffer?
        var payload = SigV4Payload.empty
        if configuration.region != "us-east-1" {
            let xml = Data(
                "<CreateBucketConfiguration><LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>".utf8)
            body = ByteBuffer(data: xml)
            payload = .sha256(hex: Checksums(xml).sha256Hex)
        }
        let request = Request(
            method: .PUT, key: nil, body: body, payload: payload, timeout: configuration.timeouts.request,
            operation: "create buckets")
        do {
            _ = try await send(request)
        } catch let error as StorageError where error.message.contains("BucketAlreadyOwnedByYou") {
            return
        }
    }

    /// DeleteObject; deleting a missing object succeeds (as in S3).
    public func delete(key: String) async throws {
        let request = Request(method: .DELETE, key: key, timeout: configuration.timeouts.request, operation: "delete objects")
        _ = try await send(request, acceptedStatuses: [200, 204])
    }

    /// DeleteObjects in batches of 1,000; returns the keys S3 reported as not deleted, with the reason.
    public func delete(keys: [String]) async throws -> [String: String] {
        var failures: [String: String] = [:]
        for start in stride(from: 0, to: keys.count, by: 1000) {
            let batch = keys[start..<min(start + 1000, keys.count)]
            let objects = batch.map { "<Object><Key>\(S3XML.escape($0))</Key></Object>" }.joined()
            let body = Data("<Delete><Quiet>true</Quiet>\(objects)</Delete>".utf8)
            let checksum = Checksums(body)
            let request = Request(
                method: .POST, key: nil, query: [("delete", "")],
                headers: [("content-md5", checksum.md5Base64), ("content-type", "application/xml")],
                body: ByteBuffer(data: body), payload: .sha256(hex: checksum.sha256Hex),
                timeout: configuration.timeouts.request, operation: "delete objects")
            let (_, response) = try await send(request)
            for error in S3XML.parse(Data(buffer: response))?.all("Error") ?? [] {
                failures[error.text("Key") ?? "?"] = error.text("Code") ?? "error"
            }
        }
        return failures
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Calls a running server's API over HTTP with an optional bearer token, JSON in and out.
struct HTTPCaller: Sendable {
    /// A response: status, headers and the whole body.
    struct Reply: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer

        var text: String { String(buffer: body) }

        /// The body parsed as a JSON object (empty when it is not one).
        var json: [String: any Sendable] {
            (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: any Sendable] ?? [:]
        }
    }

    let baseURL: String
    var token: String?

    /// Sends `method path` with a JSON text or raw bytes as the body; the body may be up to 1 GiB.
    func call(
        _ method: HTTPMethod, _ path: String, json: String? = nil, body: ByteBuffer? = nil, headers: [(String, String)] = [],
        timeout: Duration = .seconds(30)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        } else if let body {
            request.body = .bytes(body)
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(timeout.components.seconds)))
        let received = try await response.body.collect(upTo: 1 << 30)
        return Reply(status: Int(response.status.code), headers: response.headers, body: received)
    }

    /// Polls `GET path` until `done` holds for its JSON, or `timeout` passes; returns the last reply.
    func poll(
        _ path: String, timeout: Duration = .seconds(120), until done: ([String: any Sendable]) -> Bool
    ) async throws -> Reply {
        let deadline = ContinuousClock.now + timeout
        var reply = try await call(.GET, path)
        while !done(reply.json), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            reply = try await call(.GET, path)
        }
        return reply
    }
}

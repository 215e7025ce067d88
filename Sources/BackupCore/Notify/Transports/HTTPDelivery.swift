import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one HTTP request for a channel and turns transport failures into ``BackupError``.
struct HTTPDelivery: Sendable {
    let client: HTTPClient
    let timeout: Duration

    /// The longest answer body kept for an error message.
    static let bodyLimit = 64 * 1024

    /// Executes `request`; returns the status and the start of the body.
    /// - Throws: ``BackupError`` `alert.unreachable` or `alert.timeout` when no answer came.
    func send(_ request: HTTPClientRequest, to destination: String) async throws(BackupError) -> (status: Int, body: String) {
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(timeout))
            let body = try await response.body.collect(upTo: Self.bodyLimit)
            return (Int(response.status.code), String(buffer: body))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .alertTimeout("\(destination) did not answer within \(timeout)")
        } catch {
            throw .alertUnreachable("\(destination) cannot be reached: \(error)")
        }
    }

    /// Fails unless the status is 2xx; the message quotes the start of the answer.
    static func requireSuccess(_ answer: (status: Int, body: String), from what: String) throws(BackupError) {
        guard !(200..<300).contains(answer.status) else { return }
        let excerpt = answer.body.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300)
        throw .alertRefused("\(what) answered HTTP \(answer.status)\(excerpt.isEmpty ? "" : ": \(excerpt)")")
    }

    /// `scheme://host[:port]` of `url`, or `an invalid URL`.
    static func origin(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
            return "an invalid URL"
        }
        return "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")"
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}

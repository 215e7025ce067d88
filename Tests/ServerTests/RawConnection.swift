import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a server on 127.0.0.1, for clients that misbehave at the byte level (slow,
/// idle, HTTP/1.0). Reads never block a thread: the socket is non-blocking and waits are `Task.sleep`s.
final class RawConnection {
    /// What came back, and whether the server closed the connection (end of stream or reset).
    struct Outcome {
        var received: String
        var closed: Bool
    }

    private var descriptor: Int32

    /// Connects to `127.0.0.1:port`.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            let code = errno
            Glibc.close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .ECONNREFUSED)
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    /// Sends `text`; `false` when the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool { send(bytes: Array(text.utf8)) }

    /// Sends `bytes`; `false` when the server has closed the connection.
    @discardableResult
    func send(bytes all: [UInt8]) -> Bool {
        var bytes = all[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EAGAIN { continue }
            guard sent > 0 else { return false }
            bytes = bytes.dropFirst(sent)
        }
        return true
    }

    /// Reads what is there; `true` when the server closed the connection.
    private func drain(into received: inout [UInt8]) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[..<count]
            } else if count == 0 {
                return true
            } else {
                return errno != EAGAIN && errno != EWOULDBLOCK
            }
        }
    }

    /// Reads until the server closes the connection, or at most `limit` (a bound for a broken server,
    /// not a measurement).
    func readUntilClosed(limit: Duration) async throws -> Outcome {
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if drain(into: &received) { return Outcome(received: String(decoding: received, as: UTF8.self), closed: true) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Outcome(received: String(decoding: received, as: UTF8.self), closed: false)
    }

    /// Sends `text` one byte every `interval`, reading meanwhile, until the server closes the connection
    /// or `limit` has passed.
    func trickle(_ text: String, every interval: Duration, limit: Duration) async throws -> Outcome {
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + limit
        var pending = Array(text.utf8)[...]
        var nextByte = ContinuousClock.now
        while ContinuousClock.now < deadline {
            if drain(into: &received) { return Outcome(received: String(decoding: received, as: UTF8.self), closed: true) }
            if let byte = pending.first, ContinuousClock.now >= nextByte {
                pending = pending.dropFirst()
                nextByte = ContinuousClock.now + interval
                if !send(bytes: [byte]) {
                    return Outcome(received: String(decoding: received, as: UTF8.self), closed: true)
                }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Outcome(received: String(decoding: received, as: UTF8.self), closed: false)
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    deinit { close() }
}

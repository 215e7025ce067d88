import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on 127.0.0.1 (a kernel-chosen port) that records every request and answers with
/// `status`: the webhook and heartbeat endpoint of the notifier tests.
final class HookReceiver: Sendable {
    /// One request as received.
    struct Request: Sendable {
        let method: String
        let path: String
        let body: String

        /// The body as a JSON object.
        var json: [String: Any] {
            ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]) ?? [:]
        }
    }

    private let channel: any Channel
    private let recorder: Recorder
    let port: Int

    /// `http://127.0.0.1:<port>`.
    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts listening; every request is answered with `status`.
    init(status: Int = 200) async throws {
        let recorder = Recorder()
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(status: HTTPResponseStatus(statusCode: status)) { request in recorder.requests.withLock { $0.append(request) } })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
        self.recorder = recorder
    }

    /// The requests so far.
    var requests: [Request] { recorder.requests.withLock { $0 } }

    /// Waits (at most `timeout`, against hangs) until `count` requests matching `filter` arrived.
    func waitFor(_ count: Int, timeout: Duration = .seconds(30), where filter: (Request) -> Bool = { _ in true }) async -> [Request] {
        let deadline = ContinuousClock.now + timeout
        while requests.filter(filter).count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return requests.filter(filter)
    }

    func stop() async {
        try? await channel.close()
    }

    private final class Recorder: Sendable {
        let requests = Mutex<[Request]>([])
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        // Used on its channel's event loop only.
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let status: HTTPResponseStatus
        let record: @Sendable (Request) -> Void
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(status: HTTPResponseStatus, record: @escaping @Sendable (Request) -> Void) {
            self.status = status
            self.record = record
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head else { return }
                record(Request(method: head.method.rawValue, path: head.uri, body: String(buffer: body)))
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: "2")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "ok")))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}

import Logging
import NIOCore
import NIOHTTP1

/// Enforces ``ConnectionLimits`` on one HTTP/1 connection, between NIO's HTTP decoder and the conversion
/// to HTTP types (so it sees request versions and every completed socket read):
///
/// - closes a connection idle longer than the idle timeout, answers `408` to a head slower than the
///   header timeout and cuts a body that falls behind the minimum rate (``ConnectionTimeline``);
/// - closes the connection after answering a request that did not ask to keep it (HTTP/1.0, or
///   `Connection: close`): the request reaches Hummingbird with `Connection: close` and the answer carries
///   it, answered as HTTP/1.0 to HTTP/1.0 clients so that a body without length ends with the connection;
/// - tells the server's ``ConnectionRegistry`` whether the connection waits for a request, so that at the
///   connection limit the longest-waiting one makes room.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// How one unanswered request wants its answer.
    private struct PendingAnswer {
        var version: HTTPVersion
        var closesConnection: Bool
    }

    private var timeline: ConnectionTimeline
    private let registry: ConnectionRegistry
    private let logger: Logger
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?
    private var pending = CircularBuffer<PendingAnswer>()
    private var answerStarted = false
    private var cutOff = false
    private var slot: ConnectionRegistry.Slot?
    private var slotSince: NIODeadline?

    init(limits: ConnectionLimits, registry: ConnectionRegistry, logger: Logger) {
        self.timeline = ConnectionTimeline(limits: limits, now: .now())
        self.registry = registry
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        slot = registry.register(context.channel)
        update(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        release()
    }

    func channelInactive(context: ChannelHandlerContext) {
        release()
        context.fireChannelInactive()
    }

    private func release() {
        timer?.cancel()
        timer = nil
        if let slot { registry.forget(slot) }
        slot = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let now = NIODeadline.now()
        switch unwrapInboundIn(data) {
        case .head(var head):
            timeline.requestHeadReceived(now: now)
            let legacy = head.version.major < 1 || (head.version.major == 1 && head.version.minor == 0)
            let closes = legacy || !head.isKeepAlive
            if closes { head.headers.replaceOrAdd(name: "connection", value: "close") }
            pending.append(PendingAnswer(version: head.version, closesConnection: closes))
            context.fireChannelRead(wrapInboundOut(.head(head)))
        case .body(let buffer):
            timeline.requestBodyReceived(bytes: buffer.readableBytes, now: now)
            context.fireChannelRead(data)
        case .end:
            timeline.requestEndReceived()
            context.fireChannelRead(data)
        }
        update(context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        timeline.readCompleted(now: .now())
        update(context)
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        timeline.readRequested(now: .now())
        update(context)
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !cutOff else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var head):
            answerStarted = true
            if let answer = pending.first, answer.closesConnection {
                head.headers.replaceOrAdd(name: "connection", value: "close")
                if answer.version.major == 1, answer.version.minor == 0 { head.version = answer.version }
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            if !pending.isEmpty { pending.removeFirst() }
            answerStarted = false
            timeline.answerEnded(now: .now())
            context.write(data, promise: promise)
            update(context)
        }
    }

    /// Keeps the registry and the timer in line with the timeline. The timer is moved only when the
    /// deadline came closer; a later deadline is found when the timer fires.
    private func update(_ context: ChannelHandlerContext) {
        guard let slot, !cutOff else { return }
        let since = timeline.waitingSince
        if since != slotSince {
            slotSince = since
            registry.setWaiting(slot, since: since)
        }
        guard let deadline = timeline.nextDeadline else { return }
        if let scheduled = timerDeadline, scheduled <= deadline { return }
        timer?.cancel()
        timerDeadline = deadline
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            self.timerFired(context)
        }
    }

    private func timerFired(_ context: ChannelHandlerContext) {
        timer = nil
        timerDeadline = nil
        if let expiry = timeline.expiry(now: .now()) {
            cut(context, for: expiry)
        } else {
            update(context)
        }
    }

    /// Ends a connection whose client ran out of time: `408` first when a request is pending and its
    /// answer has not started.
    private func cut(_ context: ChannelHandlerContext, for expiry: ConnectionTimeline.Expiry) {
        release()
        cutOff = true
        registry.recordTimeout(expiry)
        logger.debug(
            "closing an HTTP connection whose client ran out of time",
            metadata: ["pgbm.http.timeout": "\(expiry.rawValue)", "pgbm.http.peer": "\(context.channel.remoteAddress?.description ?? "?")"])
        guard expiry != .idle, !answerStarted, context.channel.isWritable else {
            context.close(promise: nil)
            return
        }
        let head = HTTPResponseHead(
            version: .http1_1, status: .requestTimeout, headers: ["connection": "close", "content-length": "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

@testable import BackupAPI
import NIOCore
import Testing

/// The rules of `ConnectionLimits` on one connection, driven with made-up times (seconds from `start`).
@Suite("Connection timeline")
struct ConnectionTimelineTests {
    let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)
    let limits = ConnectionLimits(
        idleTimeout: .seconds(30), headerTimeout: .seconds(10), bodyTimeout: .seconds(5), bodyMinimumRate: 1000)

    func at(_ seconds: Double) -> NIODeadline { start + .nanoseconds(Int64(seconds * 1e9)) }

    @Test func aConnectionThatSendsNothingExpiresAfterTheIdleTimeout() {
        let timeline = ConnectionTimeline(limits: limits, now: start)
        #expect(timeline.expiry(now: at(29.9)) == nil)
        #expect(timeline.expiry(now: at(30)) == .idle)
    }

    @Test func bytesWithoutACompleteHeadSwitchToTheHeaderTimeout() {
        // Given a connection idle for 2 s that then gets some bytes which make no head yet
        var timeline = ConnectionTimeline(limits: limits, now: start)
        timeline.readRequested(now: start)
        timeline.readCompleted(now: at(2))
        timeline.readRequested(now: at(2))
        // Then the header timeout (10 s) runs from the first byte, still counted as waiting since the start
        #expect(timeline.phase == .head)
        #expect(timeline.waitingSince == start)
        #expect(timeline.expiry(now: at(11.9)) == nil)
        #expect(timeline.expiry(now: at(12)) == .header)
    }

    @Test func aBodyAtTheMinimumRateNeverExpires() {
        var timeline = ConnectionTimeline(limits: limits, now: start)
        timeline.requestHeadReceived(now: start)
        // 1000 bytes every second for 100 s
        for second in 1...100 {
            #expect(timeline.expiry(now: at(Double(second))) == nil)
            timeline.requestBodyReceived(bytes: 1000, now: at(Double(second)))
        }
        #expect(timeline.expiry(now: at(104.9)) == nil)
        #expect(timeline.expiry(now: at(105)) == .body)
    }

    @Test func aTrickledBodyExpiresAboutTheBodyTimeoutAfterItsHead() {
        var timeline = ConnectionTimeline(limits: limits, now: start)
        timeline.requestHeadReceived(now: start)
        // one byte every half second buys 1 ms each
        var now = 0.0
        while timeline.expiry(now: at(now)) == nil, now < 60 {
            now += 0.5
            timeline.requestBodyReceived(bytes: 1, now: at(now))
        }
        #expect(now >= 5 && now <= 5.5)
    }

    @Test func timeEarnedByAFastBodyIsCappedAtTheBodyTimeout() {
        // Given 1 MB arriving at once (1000 s at the minimum rate)
        var timeline = ConnectionTimeline(limits: limits, now: start)
        timeline.requestHeadReceived(now: start)
        timeline.requestBodyReceived(bytes: 1_000_000, now: at(1))
        // Then a stall still expires 5 s later
        #expect(timeline.expiry(now: at(5.9)) == nil)
        #expect(timeline.expiry(now: at(6)) == .body)
    }

    @Test func timeWhilePgbmDoesNotReadIsNotCounted() {
        // Given a body whose reading pgbm pauses for 60 s (its own backpressure) after 1 s
        var timeline = ConnectionTimeline(limits: limits, now: start)
        timeline.requestHeadReceived(now: start)
        timeline.readCompleted(now: at(1))
        // Then no timeout runs during the pause, and the client's remaining 4 s start when pgbm asks again
        #expect(timeline.nextDeadline == nil)
        #expect(timeline.expiry(now: at(61)) == nil)
        timeline.readRequested(now: at(61))
        #expect(timeline.expiry(now: at(64.9)) == nil)
        #expect(timeline.expiry(now: at(65)) == .body)
    }

    @Test func noTimeoutRunsWhilePgbmAnswersAndTheIdleTimeoutRestartsAfterTheAnswer() {
        var timeline = ConnectionTimeline(limits: limits, now: start)
        timeline.requestHeadReceived(now: start)
        timeline.requestEndReceived()
        #expect(timeline.phase == .answering)
        #expect(timeline.expiry(now: at(1000)) == nil)
        timeline.answerEnded(now: at(1000))
        #expect(timeline.phase == .idle)
        #expect(timeline.waitingSince == at(1000))
        #expect(timeline.expiry(now: at(1029.9)) == nil)
        #expect(timeline.expiry(now: at(1030)) == .idle)
    }
}

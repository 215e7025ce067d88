import Foundation

/// Local calendar days of instants in one time zone, asking Foundation for the UTC offset only when the
/// offset may have changed.
///
/// The offset found for an instant holds until the zone's next transition
/// (`TimeZone.nextDaylightSavingTimeTransition(after:)`, which reports standard-offset changes too), so
/// walking instants in increasing order costs two Foundation calls per transition crossed instead of one
/// per instant. Any order is correct; increasing order is fast.
///
/// ```swift
/// var cache = ZoneOffsetCache(timeZone: TimeZone(identifier: "Europe/Berlin")!)
/// cache.localDay(atSecondsSince1970: 1_796_081_400)   // 2026-11-30T23:30Z: 20_788, 2026-12-01 in Berlin
/// ```
struct ZoneOffsetCache {
    /// The zone whose local days are computed.
    let timeZone: TimeZone
    private var offset = 0
    private var validFrom = Double.infinity
    private var validUntil = -Double.infinity

    /// A cache for one zone.
    ///
    /// - Parameters:
    ///   - timeZone: the zone local days are computed in.
    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The zone's offset from UTC in seconds at an instant.
    ///
    /// - Parameters:
    ///   - seconds: the instant, in seconds since 1970-01-01T00:00:00Z.
    mutating func offset(atSecondsSince1970 seconds: Double) -> Int {
        if seconds >= validFrom && seconds < validUntil {
            return offset
        }
        let date = Date(timeIntervalSince1970: seconds)
        offset = timeZone.secondsFromGMT(for: date)
        validFrom = seconds
        let next = timeZone.nextDaylightSavingTimeTransition(after: date)?.timeIntervalSince1970
        validUntil = next.map { $0 > seconds ? $0 : seconds } ?? Double.infinity
        return offset
    }

    /// The local day number (days since 1970-01-01 in the zone's calendar) of an instant.
    ///
    /// - Parameters:
    ///   - seconds: the instant, in seconds since 1970-01-01T00:00:00Z; values beyond ±10^12 s (about
    ///     31,000 years) are clamped.
    mutating func localDay(atSecondsSince1970 seconds: Double) -> Int {
        let clamped = Self.clamp(seconds)
        let localSeconds = Int(clamped.rounded(.down)) + offset(atSecondsSince1970: clamped)
        return CivilDate.floorDiv(localSeconds, 86_400)
    }

    /// Keeps an instant in a range every integer conversion accepts; NaN becomes the lower bound.
    static func clamp(_ seconds: Double) -> Double {
        let limit = 1e12
        guard seconds == seconds else { return -limit }
        return min(max(seconds, -limit), limit)
    }
}

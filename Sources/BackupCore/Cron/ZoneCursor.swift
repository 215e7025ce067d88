import Foundation

/// A time zone's UTC offsets around a stretch of time, read lazily from `TimeZone`, to convert between
/// instants and wall-clock time with a handful of zone calls per search.
///
/// The cursor covers one *segment*: the instants from `segmentStart` up to `segmentEnd` (the next offset
/// change), all at `offset`. Instants and wall times are whole seconds since 1970-01-01 00:00 (wall time:
/// in the zone's civil time line). Mapping a wall time `w` to an instant follows pgbm's DST rule:
///
/// - in a spring-forward gap (`w` never shown by the clock) → the first instant after the gap;
/// - in an autumn overlap (`w` shown twice) → its first occurrence (the earlier offset);
/// - otherwise → `w - offset`.
///
/// That mapping never decreases, so "the first matching wall time whose instant is after t" is the first
/// run after t. A cursor is a value made per call: no shared state, nothing to lock.
struct ZoneCursor {
    /// How far before the instant of interest a cursor starts, so that it sees the previous offset change
    /// if that change could still matter (overlaps and gaps are at most a day long, even historically).
    static let lookBehind = 2 * 86_400
    /// An end that is never reached but leaves room for adding offsets.
    private static let noEnd = Int.max / 4

    private let zone: TimeZone
    /// The offset before `segmentStart`; equal to `offset` when the cursor started inside the segment.
    private var previousOffset: Int
    private var segmentStart: Int
    private var offset: Int
    private var segmentEnd: Int
    private var nextOffset: Int

    /// A cursor for the segment containing `instant`. Queries must concern instants from about a day
    /// after `instant` on (see ``lookBehind``).
    init(zone: TimeZone, from instant: Int) {
        self.zone = zone
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        previousOffset = offset
        segmentStart = instant
        self.offset = offset
        segmentEnd = Self.noEnd
        nextOffset = offset
        loadEnd(after: instant)
    }

    /// Reads the next offset change after `instant` into `segmentEnd` and `nextOffset`.
    private mutating func loadEnd(after instant: Int) {
        let after = Date(timeIntervalSince1970: TimeInterval(instant))
        guard let change = zone.nextDaylightSavingTimeTransition(after: after)?.timeIntervalSince1970,
            change.isFinite, change < TimeInterval(Self.noEnd / 2)
        else {
            (segmentEnd, nextOffset) = (Self.noEnd, offset)
            return
        }
        // The first whole second at or after the change; guards against a zone reporting a change that
        // is not after `instant`, which would stall the cursor.
        segmentEnd = max(Int(change.rounded(.up)), instant + 1)
        nextOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(segmentEnd)))
    }

    /// Moves to the next segment.
    private mutating func advance() {
        (previousOffset, segmentStart, offset) = (offset, segmentEnd, nextOffset)
        loadEnd(after: segmentStart)
    }

    /// Moves forward to the segment containing `instant` and returns its offset.
    mutating func offset(at instant: Int) -> Int {
        while instant >= segmentEnd { advance() }
        return offset
    }

    /// When this segment starts with an autumn overlap: the end of its second pass, the instants during
    /// which the clock shows wall times it already showed before the change.
    private var overlapEnd: Int? {
        previousOffset > offset ? segmentStart + previousOffset - offset : nil
    }

    /// The first wall-clock minute (minutes since 1970-01-01 00:00 civil) whose instant is after `instant`.
    mutating func firstWallMinute(after instant: Int) -> Int {
        let offset = offset(at: instant)
        if let overlapEnd, instant < overlapEnd {
            // Every wall time up to the overlap's end already ran in its first occurrence.
            return CivilCalendar.ceilingDivide(segmentStart + previousOffset, 60)
        }
        return CivilCalendar.floorDivide(instant + offset, 60) + 1
    }

    /// The last wall-clock minute whose instant is before `instant`.
    mutating func lastWallMinute(before instant: Int) -> Int {
        let offset = offset(at: instant)
        if let overlapEnd, instant < overlapEnd {
            // All wall times of the overlap map to first occurrences, before the change.
            return CivilCalendar.ceilingDivide(segmentStart + previousOffset, 60) - 1
        }
        if previousOffset < offset && instant == segmentStart {
            // Gap wall times map to this very instant, which is not before itself.
            return CivilCalendar.ceilingDivide(segmentStart + previousOffset, 60) - 1
        }
        return CivilCalendar.ceilingDivide(instant + offset, 60) - 1
    }

    /// The instant a wall-clock minute runs at (gap: first instant after it; overlap: first occurrence).
    mutating func instant(forWallMinute minute: Int) -> Int {
        let wall = minute * 60
        if wall < segmentStart + previousOffset || wall - 3 * 86_400 > segmentEnd {
            // Before what this cursor can see, or far ahead: start again near the wall time.
            self = ZoneCursor(zone: zone, from: wall - 3 * 86_400)
        }
        while wall >= segmentEnd + offset { advance() }
        if wall < segmentStart + offset { return segmentStart }
        return wall - offset
    }
}

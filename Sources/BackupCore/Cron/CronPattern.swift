/// The parsed fields of a cron expression as bit sets, and the search for matching wall-clock minutes.
///
/// Wall-clock minutes are counted from 1970-01-01 00:00 in the zone's civil time line (no offsets, no
/// daylight saving time); ``ZoneCursor`` maps them to instants.
struct CronPattern: Sendable, Hashable {
    /// Bits 0–59.
    var minutes: UInt64
    /// Bits 0–23.
    var hours: UInt64
    /// Bits 1–31.
    var daysOfMonth: UInt64
    /// Bits 1–12.
    var months: UInt64
    /// Bits 0–6, Sunday = 0.
    var daysOfWeek: UInt64
    /// Whether day-of-month was written `*` (then only day-of-week restricts the day).
    var dayOfMonthIsStar: Bool
    /// Whether day-of-week was written `*` (then only day-of-month restricts the day).
    var dayOfWeekIsStar: Bool

    /// How many years a search covers. A valid pattern matches at least every 8 years (29 February with
    /// no leap year in 2100); parsing rejects patterns that never match.
    static let searchYears = 10

    /// The days of `year`-`month` the pattern runs on, as bits 1…(days in month).
    ///
    /// Both day fields restricted: a day matches if either matches (classic cron); one restricted: only
    /// that one counts.
    func matchingDays(year: Int, month: Int) -> UInt64 {
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        let valid = (UInt64(1) << UInt64(length + 1)) - 2
        if dayOfMonthIsStar && dayOfWeekIsStar { return valid }
        if dayOfWeekIsStar { return daysOfMonth & valid }
        let firstWeekday = CivilCalendar.weekday(days: CivilCalendar.days(year: year, month: month, day: 1))
        // Bit r of `rotated`: the weekday of day r + 1 is in the set.
        let rotated = ((daysOfWeek >> UInt64(firstWeekday)) | (daysOfWeek << UInt64(7 - firstWeekday))) & 0x7F
        let byWeekday = (rotated | rotated << 7 | rotated << 14 | rotated << 21 | rotated << 28) << 1
        if dayOfMonthIsStar { return byWeekday & valid }
        return (daysOfMonth | byWeekday) & valid
    }

    /// The first matching wall-clock minute at or after `start`, or `nil` if none within ``searchYears``.
    func firstMatch(atOrAfter start: Int) -> Int? {
        var (year, month, day) = CivilCalendar.date(days: CivilCalendar.floorDivide(start, 1440))
        let minuteOfDay = CivilCalendar.floorModulo(start, 1440)
        var hour = minuteOfDay / 60
        var minute = minuteOfDay % 60
        let lastYear = year + Self.searchYears
        while year <= lastYear {
            guard let foundMonth = Self.lowestBit(of: months, from: month) else {
                (year, month, day, hour, minute) = (year + 1, 1, 1, 0, 0)
                continue
            }
            if foundMonth != month { (month, day, hour, minute) = (foundMonth, 1, 0, 0) }
            guard let foundDay = Self.lowestBit(of: matchingDays(year: year, month: month), from: day) else {
                (day, hour, minute) = (1, 0, 0)
                if month == 12 { (year, month) = (year + 1, 1) } else { month += 1 }
                continue
            }
            if foundDay != day { (day, hour, minute) = (foundDay, 0, 0) }
            guard let foundHour = Self.lowestBit(of: hours, from: hour) else {
                (day, hour, minute) = (day + 1, 0, 0)
                continue
            }
            if foundHour != hour { (hour, minute) = (foundHour, 0) }
            guard let foundMinute = Self.lowestBit(of: minutes, from: minute) else {
                (hour, minute) = (hour + 1, 0)
                continue
            }
            return Self.wallMinute(year: year, month: month, day: day, hour: hour, minute: foundMinute)
        }
        return nil
    }

    /// The last matching wall-clock minute at or before `end`, or `nil` if none within ``searchYears``.
    func lastMatch(atOrBefore end: Int) -> Int? {
        var (year, month, day) = CivilCalendar.date(days: CivilCalendar.floorDivide(end, 1440))
        let minuteOfDay = CivilCalendar.floorModulo(end, 1440)
        var hour = minuteOfDay / 60
        var minute = minuteOfDay % 60
        let firstYear = year - Self.searchYears
        while year >= firstYear {
            guard let foundMonth = Self.highestBit(of: months, through: month) else {
                (year, month, day, hour, minute) = (year - 1, 12, 31, 23, 59)
                continue
            }
            if foundMonth != month { (month, day, hour, minute) = (foundMonth, 31, 23, 59) }
            guard let foundDay = Self.highestBit(of: matchingDays(year: year, month: month), through: day) else {
                (day, hour, minute) = (31, 23, 59)
                if month == 1 { (year, month) = (year - 1, 12) } else { month -= 1 }
                continue
            }
            if foundDay != day { (day, hour, minute) = (foundDay, 23, 59) }
            guard let foundHour = Self.highestBit(of: hours, through: hour) else {
                (day, hour, minute) = (day - 1, 23, 59)
                continue
            }
            if foundHour != hour { (hour, minute) = (foundHour, 59) }
            guard let foundMinute = Self.highestBit(of: minutes, through: minute) else {
                (hour, minute) = (hour - 1, 59)
                continue
            }
            return Self.wallMinute(year: year, month: month, day: day, hour: hour, minute: foundMinute)
        }
        return nil
    }

    static func wallMinute(year: Int, month: Int, day: Int, hour: Int, minute: Int) -> Int {
        CivilCalendar.days(year: year, month: month, day: day) * 1440 + hour * 60 + minute
    }

    /// The lowest set bit at index `from` or above (`from` may be 64 or more: none).
    static func lowestBit(of bits: UInt64, from index: Int) -> Int? {
        guard index < 64 else { return nil }
        let candidates = bits & (~UInt64(0) << UInt64(index))
        return candidates == 0 ? nil : candidates.trailingZeroBitCount
    }

    /// The highest set bit at index `through` or below (`through` may be negative: none).
    static func highestBit(of bits: UInt64, through index: Int) -> Int? {
        guard index >= 0 else { return nil }
        let candidates = index >= 63 ? bits : bits & ((UInt64(1) << UInt64(index + 1)) - 1)
        return candidates == 0 ? nil : 63 - candidates.leadingZeroBitCount
    }
}

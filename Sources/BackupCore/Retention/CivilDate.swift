/// A proleptic Gregorian calendar date, computed with integer arithmetic.
///
/// Retention needs the day, ISO week, month and year of every backup. Foundation's
/// `Calendar.dateComponents` costs microseconds per call on Linux; these conversions cost nanoseconds.
/// Days are counted from 1970-01-01 (day 0), which was a Thursday. The algorithms are Howard Hinnant's
/// `days_from_civil` and `civil_from_days` (<https://howardhinnant.github.io/date_algorithms.html>).
///
/// ```swift
/// let date = CivilDate(dayNumber: 20_818)      // 2026-12-31
/// date.isoWeek                                  // (year: 2026, week: 53)
/// ```
package struct CivilDate: Sendable, Hashable {
    /// The year, e.g. 2026.
    package var year: Int
    /// The month, 1 ... 12.
    package var month: Int
    /// The day of the month, 1 ... 31.
    package var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of a day number (days since 1970-01-01).
    package init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (negative before it).
    var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The ISO-8601 week-numbering year and week (1 ... 53) this date falls in.
    ///
    /// A week belongs to the year that holds its Thursday, so 2026-12-31 and 2027-01-01 are both in
    /// 2026-W53, and 2024-12-30 is in 2025-W01.
    var isoWeek: (year: Int, week: Int) {
        let thursday = CivilDate.isoThursday(ofDay: dayNumber)
        let weekYear = CivilDate(dayNumber: thursday).year
        let firstOfYear = CivilDate(year: weekYear, month: 1, day: 1).dayNumber
        return (weekYear, (thursday - firstOfYear) / 7 + 1)
    }

    /// Monday = 0 ... Sunday = 6 for a day number.
    static func isoWeekday(ofDay dayNumber: Int) -> Int {
        floorMod(dayNumber + 3, 7)
    }

    /// The day number of the Thursday in the ISO week (Monday to Sunday) of a day.
    static func isoThursday(ofDay dayNumber: Int) -> Int {
        dayNumber - isoWeekday(ofDay: dayNumber) + 3
    }

    /// A number shared by the seven days Monday ... Sunday of one ISO week, increasing with time.
    static func isoWeekIndex(ofDay dayNumber: Int) -> Int {
        floorDiv(dayNumber + 3, 7)
    }

    /// Division rounding towards negative infinity.
    static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder matching `floorDiv`, always in `0 ..< divisor` for a positive divisor.
    static func floorMod(_ value: Int, _ divisor: Int) -> Int {
        value - floorDiv(value, divisor) * divisor
    }
}

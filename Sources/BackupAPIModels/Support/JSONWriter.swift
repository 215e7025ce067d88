public import Foundation
import BackupCore

/// Writes compact JSON straight into bytes, in the API's dialect (``APIJSON``): the same bytes
/// `APIJSON.encoder()` makes for the same value, without `Codable`'s per-value boxing, dictionaries and
/// key conversion. The list routes answer through it (``JSONWritable``); `JSONWritableTests` compare its
/// output with `JSONEncoder`'s byte for byte.
///
/// The caller writes the members of an object in sorted order (the dialect sorts keys) and leaves out
/// absent optionals (the synthesized `Encodable` does not write them); ``field(_:_:)`` does the latter.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.field("id", 7)
/// writer.field("name", "app")
/// writer.endObject()
/// // writer.bytes == Array(#"{"id":7,"name":"app"}"#.utf8)
/// ```
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8]
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structure

    /// `{`.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"name":`, after a comma when a member came before. `name` is written as it is (no escaping).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// `"name":` for a name known only at run time (escaped like any string).
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    /// `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
        needsComma = true
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
        needsComma = true
    }

    /// A whole number in decimal.
    public mutating func integer(_ value: Int64) {
        separate()
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeMutableBufferPointer(rebasing: digits[start...]))
        }
        needsComma = true
    }

    /// A floating-point number as `JSONEncoder` writes it: Swift's shortest round-trip description
    /// without a trailing `.0` (`1.5`, `30`, `1e+20`).
    /// - Throws: `EncodingError.invalidValue` for NaN and the infinities, as `JSONEncoder` does.
    public mutating func number(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Unable to encode Double.\(value) directly in JSON."))
        }
        separate()
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    /// A string, escaped as `JSONEncoder` escapes it with `.withoutEscapingSlashes`: `"` and `\`, the
    /// control characters (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX`); everything else as UTF-8.
    public mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                appendEscape(byte)
                runStart = index + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A date as the dialect's ISO-8601 UTC time, whole seconds: `2026-11-27T02:00:00Z`. Computed here
    /// for the years 1583–9999 (the Gregorian calendar); outside them Foundation's formatter writes it,
    /// as `JSONEncoder` does (its calendar is Julian before the 1582 reform).
    public mutating func date(_ value: Date) {
        separate()
        let seconds = value.timeIntervalSince1970.rounded(.down)
        guard seconds >= -12_212_553_600, seconds <= 253_402_300_799 else {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: value.formatted(.iso8601).utf8)
            bytes.append(UInt8(ascii: "\""))
            needsComma = true
            return
        }
        let (days, secondOfDay) = Self.floorDivision(Int64(seconds), 86_400)
        let date = CivilDate(dayNumber: Int(days))
        bytes.append(UInt8(ascii: "\""))
        if date.year < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(date.year.magnitude), width: 4)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.month), width: 2)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.day), width: 2)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(UInt64(secondOfDay / 3600), width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(UInt64(secondOfDay % 3600 / 60), width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(UInt64(secondOfDay % 60), width: 2)
        bytes.append(contentsOf: [UInt8(ascii: "Z"), UInt8(ascii: "\"")])
        needsComma = true
    }

    // MARK: Members

    /// `"name":value`.
    public mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    /// `"name":value`, or nothing when `value` is `nil`.
    public mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        field(name, value)
    }

    /// `"name":value`.
    public mutating func field(_ name: StaticString, _ value: Int64) {
        key(name)
        integer(value)
    }

    /// `"name":value`, or nothing when `value` is `nil`.
    public mutating func field(_ name: StaticString, _ value: Int64?) {
        guard let value else { return }
        field(name, value)
    }

    /// `"name":value`.
    public mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `"name":value`, or nothing when `value` is `nil`.
    public mutating func field(_ name: StaticString, _ value: Double?) throws {
        guard let value else { return }
        key(name)
        try number(value)
    }

    /// `"name":"<ISO-8601 time>"`.
    public mutating func field(_ name: StaticString, _ value: Date) {
        key(name)
        date(value)
    }

    /// `"name":"<ISO-8601 time>"`, or nothing when `value` is `nil`.
    public mutating func field(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        field(name, value)
    }

    /// `"name":{…}`, or nothing when `value` is `nil`.
    public mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) throws {
        guard let value else { return }
        key(name)
        try value.write(to: &self)
    }

    /// `"name":[…]`, or nothing when `value` is `nil`.
    public mutating func field(_ name: StaticString, _ value: [some JSONWritable]?) throws {
        guard let value else { return }
        key(name)
        try array(value)
    }

    /// `[…]` of `elements`.
    public mutating func array(_ elements: [some JSONWritable]) throws {
        beginArray()
        for element in elements { try element.write(to: &self) }
        endArray()
    }

    // MARK: Helpers

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendEscape(_ byte: UInt8) {
        let backslash = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [backslash, UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [backslash, backslash])
        case 0x0A: bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [backslash, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [backslash, UInt8(ascii: "f")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    private mutating func appendDigits(_ value: UInt64, width: Int) {
        var divisor: UInt64 = 1
        for _ in 1..<width { divisor *= 10 }
        var value = value
        if value >= divisor * 10 {  // wider than `width`: all of it
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / divisor))
            value %= divisor
            divisor /= 10
        }
    }

    /// `a / b` rounded down, and the remainder in `0..<b`.
    private static func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = a / b - (a % b < 0 ? 1 : 0)
        return (quotient, a - quotient * b)
    }
}

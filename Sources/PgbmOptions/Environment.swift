import ArgumentParser
import Foundation

/// Reads pgbm's environment variables; an empty value counts as unset.
package enum Environment {
    package static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The raw value of an option and where it came from: the flag (named `flag` in messages) wins over
    /// the environment variable `variable`, which wins over `fallback` (whose source is empty).
    package static func option(_ given: String?, flag: String, variable: String, fallback: String) -> (raw: String, source: String) {
        given.map { ($0, flag) } ?? value(variable).map { ($0, variable) } ?? (fallback, "")
    }

    /// A whole number in `range` from a flag, its environment variable or `fallback`.
    ///
    /// - Throws: `ValidationError` naming the source and what is expected (`meaning`: "a port").
    package static func wholeNumber(
        _ given: String?, flag: String, variable: String, fallback: Int, in range: ClosedRange<Int>, meaning: String
    ) throws -> Int {
        let (raw, source) = option(given, flag: flag, variable: variable, fallback: String(fallback))
        guard let value = Int(raw), range.contains(value) else {
            throw ValidationError(
                "\(source): \"\(raw)\" is not \(meaning); expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

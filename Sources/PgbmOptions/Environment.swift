import Foundation

/// Reads pgbm's environment variables; an empty value counts as unset.
package enum Environment {
    package static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}

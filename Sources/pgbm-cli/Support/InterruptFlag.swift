import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGINT and SIGTERM into a flag a task polls, so a long command can stop its work cleanly instead
/// of dying with children still running.
final class InterruptFlag: Sendable {
    private static let shared = InterruptFlag()
    private static let flag = Atomic<Bool>(false)

    /// Whether a signal arrived since ``install()``.
    var raised: Bool { Self.flag.load(ordering: .relaxed) }

    /// Installs the handlers (once) and returns the flag.
    static func install() -> InterruptFlag {
        flag.store(false, ordering: .relaxed)
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in InterruptFlag.flag.store(true, ordering: .relaxed) }
        }
        return shared
    }
}

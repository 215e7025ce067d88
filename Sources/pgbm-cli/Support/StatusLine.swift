import Foundation
import Synchronization

/// One line on standard error, redrawn at an interval while work runs, on a terminal only: what the
/// progress of `backup run` and `restore` are drawn with.
final class StatusLine: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Redraws the line with `render`'s text every `interval` (a `nil` text skips a turn).
    func start(every interval: Duration, render: @escaping @Sendable () async -> String?) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        task.withLock {
            $0 = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard !Task.isCancelled else { return }
                    if let text = await render() { FileHandle.standardError.write(Data(("\r" + text + "   ").utf8)) }
                }
            }
        }
    }

    /// Stops redrawing and ends the line, after the last redraw.
    func stop() async {
        guard let running = task.withLock({ $0 }) else { return }
        running.cancel()
        await running.value
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

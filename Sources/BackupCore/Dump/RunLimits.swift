/// Time limits for a client program run: a maximum run time, and how a stopped child is ended.
///
/// When the maximum run time passes, or the calling task is cancelled, the child gets SIGTERM and, if it
/// is still there after ``terminationGrace``, SIGKILL (to its whole process group).
public struct RunLimits: Sendable, Hashable {
    /// The longest the run may take, `nil` for no limit; past it the run fails with `exceeded the maximum
    /// run time of N s`.
    public var maxRunTime: Duration?
    /// The wait between SIGTERM and SIGKILL.
    public var terminationGrace: Duration

    /// Limits; by default none, with a 5 s grace.
    public init(maxRunTime: Duration? = nil, terminationGrace: Duration = .seconds(5)) {
        self.maxRunTime = maxRunTime
        self.terminationGrace = terminationGrace
    }
}

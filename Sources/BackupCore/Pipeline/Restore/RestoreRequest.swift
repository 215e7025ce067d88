public import BackupDump

/// Everything a restore job needs; secrets in it (``passphrase``, a connection's password) are used by
/// the job and never stored.
public struct RestoreRequest: Sendable {
    public var source: RestoreSource
    public var target: RestoreTarget
    /// clean, if-exists, no-owner, no-privileges, jobs.
    public var options: RestoreOptions
    /// The passphrase for this restore, for a backup whose passphrase this installation does not hold
    /// (another installation's bucket, a passphrase removed); otherwise found by the manifest's id.
    public var passphrase: String?
    /// Count the rows of every restored table and record them on the job.
    public var countRows: Bool

    /// A request.
    public init(
        source: RestoreSource, target: RestoreTarget, options: RestoreOptions = RestoreOptions(), passphrase: String? = nil,
        countRows: Bool = false
    ) {
        self.source = source
        self.target = target
        self.options = options
        self.passphrase = passphrase
        self.countRows = countRows
    }
}

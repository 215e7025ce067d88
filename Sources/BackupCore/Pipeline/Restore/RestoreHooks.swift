/// Points where tests watch a running restore; empty in production.
struct RestoreHooks: Sendable {
    /// Called each time a read of the stored backup file reached its end, with the file's path and whether
    /// that read also computed the file's SHA-256, before the read's last bytes are handed on. Runs on the
    /// reading task: it may change the file (a test damages it to prove that nothing reads it again).
    var fileReadToEnd: (@Sendable (_ path: String, _ hashed: Bool) -> Void)?
}

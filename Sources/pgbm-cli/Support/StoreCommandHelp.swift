/// Help text shared by the commands that change the configuration store.
enum StoreCommandHelp {
    /// The exit codes of `db`, `schedule` and `settings`.
    static let exitCodes = """
        Exit codes: 0 success; 1 the configuration store failed (disk, permissions, master key); 64 invalid \
        input, a name already taken, or a reference that matches nothing (the message names the field).
        """

    /// Where database passwords come from.
    static let passwordSources = """
        The database password comes from --password-file FILE, --prompt-password (asked on the terminal \
        without echo) or the environment variable PGBM_DB_PASSWORD, never from an argument (ps would show it).
        """
}

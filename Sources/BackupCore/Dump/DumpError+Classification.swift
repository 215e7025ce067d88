extension DumpError.Code {
    /// Classifies libpq's error message (from `PQerrorMessage` or a client program's stderr).
    ///
    /// libpq reports in English when `LC_MESSAGES` is `C`; unknown or translated messages become
    /// ``DumpError/Code/connectionFailed``. A message can hold several attempts (`sslmode=prefer` tries with and
    /// without SSL), so authentication answers are checked before transport failures.
    /// - Parameter message: libpq's text.
    public init(libpqMessage message: String) {
        let text = message.lowercased()
        func has(_ fragment: String) -> Bool { text.contains(fragment) }

        if has("password authentication failed") || has("authentication failed for user") {
            self = .passwordRejected
        } else if has("no password supplied") || has("password is required") {
            self = .passwordRequired
        } else if has("database \""), has("\" does not exist") {
            self = .databaseNotFound
        } else if has("role \""), has("\" does not exist") {
            self = .roleNotFound
        } else if has("no pg_hba.conf entry") {
            // PostgreSQL 14+ ends the entry with "no encryption" / "SSL encryption", older ones with
            // "SSL off" / "SSL on".
            let triedPlain = has("no encryption") || has("ssl off")
            let triedSSL = has("ssl encryption") || has("ssl on") || has("gss encryption")
            self = triedPlain && !triedSSL ? .sslRequired : .notAllowed
        } else if has("server does not support ssl") {
            self = .sslUnavailable
        } else if has("timeout expired") || has("connection timed out") {
            self = .timeout
        } else if has("connection refused") || has("no route to host") || has("network is unreachable")
            || has("could not translate host name") || has("name or service not known")
            || has("temporary failure in name resolution") || has("no such file or directory")
            || has("nodename nor servname")
        {
            self = .unreachable
        } else {
            self = .connectionFailed
        }
    }
}

import CLibPQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One blocking libpq connection: opened with ``ConnectionSettings``, queried with parameters, closed by
/// releasing it. Runs only on thread-pool threads (``ConnectionTester``, ``PostgresQuery``).
final class LibPQSession {
    let connection: OpaquePointer
    let settings: ConnectionSettings

    /// Connects; the error names the cause (``DumpError/Code``), never the password.
    static func open(_ settings: ConnectionSettings) -> Result<LibPQSession, DumpError> {
        let parameters = ConnectionTester.parameters(settings)
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordArray: [UnsafePointer<CChar>?] = keywords.map { UnsafePointer($0) } + [nil]
        let valueArray: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        guard let connection = PQconnectdbParams(keywordArray, valueArray, 0) else {
            return .failure(DumpError(connection: .connectionFailed, settings: settings, message: "libpq is out of memory"))
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            return .failure(DumpError(connection: .init(libpqMessage: message), settings: settings, message: message))
        }
        return .success(LibPQSession(connection: connection, settings: settings))
    }

    private init(connection: OpaquePointer, settings: ConnectionSettings) {
        self.connection = connection
        self.settings = settings
    }

    /// Runs `sql` with text `parameters` (`$1`, `$2`, …); the rows as text, `nil` for SQL NULL.
    func query(_ sql: String, _ parameters: [String] = []) -> Result<[[String?]], DumpError> {
        let values = parameters.map { strdup($0) }
        defer { values.forEach { free($0) } }
        let valueArray: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) }
        guard let result = PQexecParams(connection, sql, Int32(values.count), nil, valueArray, nil, nil, 0) else {
            return .failure(failure(String(cString: PQerrorMessage(connection))))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            return .failure(failure(String(cString: PQresultErrorMessage(result))))
        }
        var rows: [[String?]] = []
        for row in 0..<PQntuples(result) {
            rows.append((0..<PQnfields(result)).map { column in
                PQgetisnull(result, row, column) != 0 ? nil : String(cString: PQgetvalue(result, row, column))
            })
        }
        return .success(rows)
    }

    /// `identifier` quoted for SQL by libpq (`"my db"`).
    func quoted(identifier: String) -> String? {
        guard let escaped = PQescapeIdentifier(connection, identifier, identifier.utf8.count) else { return nil }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// The server's version and whether SSL is in use.
    var serverVersion: PostgresVersion {
        let text = PQparameterStatus(connection, "server_version").map { String(cString: $0) }
        return PostgresVersion(serverVersionNumber: Int(PQserverVersion(connection)), text: text)
    }

    var sslInUse: Bool { PQsslInUse(connection) != 0 }

    private func failure(_ message: String) -> DumpError {
        DumpError(connection: .statementFailed, settings: settings, message: message)
    }

    deinit { PQfinish(connection) }
}

import Testing

import BackupDump

/// libpq's messages map to their own kinds and messages, and never carry the password.
@Suite("Connection error classification")
struct ConnectionErrorTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let message: String
        let kind: DumpError.Code
        var testDescription: String { String(message.prefix(70)) }
    }

    static let samples = [
        Sample(
            message: """
                connection to server at "127.0.0.1", port 1 failed: Connection refused
                \tIs the server running on that host and accepting TCP/IP connections?
                """, kind: .unreachable),
        Sample(
            message: "could not translate host name \"db.invalid\" to address: Name or service not known",
            kind: .unreachable),
        Sample(message: "connection to server at \"10.1.2.3\", port 5432 failed: No route to host", kind: .unreachable),
        Sample(message: "connection to server at \"10.1.2.3\", port 5432 failed: timeout expired", kind: .timeout),
        Sample(
            message:
                "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password authentication failed for user \"app\"",
            kind: .passwordRejected),
        Sample(
            message: "connection to server at \"127.0.0.1\", port 5432 failed: fe_sendauth: no password supplied",
            kind: .passwordRequired),
        Sample(
            message:
                "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  database \"nope\" does not exist",
            kind: .databaseNotFound),
        Sample(message: "FATAL:  role \"ghost\" does not exist", kind: .roleNotFound),
        Sample(
            message:
                "connection to server at \"127.0.0.1\", port 5432 failed: server does not support SSL, but SSL was required",
            kind: .sslUnavailable),
        Sample(
            message: """
                connection to server at "127.0.0.1", port 5432 failed: FATAL:  no pg_hba.conf entry for host "127.0.0.1", user "app", database "app", no encryption
                """, kind: .sslRequired),
        Sample(
            message: "FATAL:  no pg_hba.conf entry for host \"10.0.0.5\", user \"app\", database \"app\", SSL off",
            kind: .sslRequired),
        Sample(
            message: """
                connection to server at "db", port 5432 failed: FATAL:  no pg_hba.conf entry for host "10.0.0.5", user "app", database "app", SSL encryption
                connection to server at "db", port 5432 failed: FATAL:  no pg_hba.conf entry for host "10.0.0.5", user "app", database "app", no encryption
                """, kind: .notAllowed),
        Sample(message: "SSL error: certificate verify failed", kind: .connectionFailed),
    ]

    @Test("libpq messages map to kinds", arguments: samples)
    func classifies(sample: Sample) {
        #expect(DumpError.Code(libpqMessage: sample.message) == sample.kind)
    }

    static let settings = ConnectionSettings(
        host: "db.example.com", port: 5433, database: "app", user: "backup", password: "s3cret-canary",
        sslMode: .require, connectTimeout: .seconds(7))

    @Test("each kind has its own message")
    func descriptions() {
        func text(_ kind: DumpError.Code, _ message: String = "") -> String {
            DumpError(connection: kind, settings: Self.settings, message: message).description
        }
        #expect(
            text(
                .unreachable, "connection to server at \"db.example.com\", port 5433 failed: Connection refused\n\tIs…")
                == "cannot reach db.example.com:5433: Connection refused")
        #expect(text(.timeout) == "no answer from db.example.com:5433 within the connect timeout of 7 s")
        #expect(text(.passwordRejected) == "the server at db.example.com:5433 rejected the password of user \"backup\"")
        #expect(
            text(.passwordRequired)
                == "the server at db.example.com:5433 asks user \"backup\" for a password, and none is set")
        #expect(text(.databaseNotFound) == "database \"app\" does not exist on db.example.com:5433")
        #expect(text(.roleNotFound) == "role \"backup\" does not exist on db.example.com:5433")
        #expect(
            text(.sslUnavailable).hasPrefix(
                "sslmode is require, but the server at db.example.com:5433 does not support SSL"))
        #expect(text(.sslRequired).hasPrefix("the server at db.example.com:5433 refused a connection without SSL"))
        #expect(text(.notAllowed).contains("no pg_hba.conf entry"))
        #expect(
            text(.connectionFailed, "FATAL:  sorry, too many clients already")
                == "cannot connect to db.example.com:5433: sorry, too many clients already")
        let kinds: [DumpError.Code] = [
            .unreachable, .timeout, .passwordRejected, .passwordRequired, .databaseNotFound, .roleNotFound,
            .sslUnavailable, .sslRequired, .notAllowed, .queryFailed, .connectionFailed,
        ]
        #expect(Set(kinds.map { text($0, "x") }).count == kinds.count)
    }

    @Test("the password is replaced wherever libpq's text would carry it")
    func redactsPassword() {
        let error = DumpError(
            connection: .connectionFailed, settings: Self.settings, message: "invalid connection option near s3cret-canary")
        #expect(!error.description.contains("s3cret-canary"))
        #expect(error.connection?.serverMessage.contains("s3cret-canary") == false)
        #expect(error.description.contains("********"))
        #expect(!Self.settings.description.contains("s3cret-canary"))
    }

    @Test("libpq gets keywords, never a connection string, and connect_timeout of at least 2 s")
    func keywords() {
        var settings = Self.settings
        settings.database = "postgresql://evil@elsewhere/db"
        settings.connectTimeout = .milliseconds(300)
        let parameters = Dictionary(uniqueKeysWithValues: ConnectionTester.parameters(settings))
        #expect(parameters["dbname"] == "postgresql://evil@elsewhere/db")
        #expect(parameters["connect_timeout"] == "2")
        #expect(parameters["application_name"] == "pgbm")
        #expect(parameters["sslmode"] == "require")
        #expect(parameters["password"] == "s3cret-canary")
    }
}

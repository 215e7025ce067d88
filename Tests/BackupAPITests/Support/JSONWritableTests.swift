import BackupAPIModels
import BackupRepository
import Foundation
import Testing

/// The hand-written JSON of the list routes (`JSONWriter`, `JSONWritable`) is byte for byte what
/// `APIJSON.encoder()` writes for the same values: strings with every escape, dates before and after
/// 1970 with fractions, numbers small and large, absent members, nested audit details.
@Suite("Hand-written JSON matches JSONEncoder")
struct JSONWritableTests {
    /// `APIJSON.encoder()`'s text of `value`.
    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try APIJSON.encoder().encode(value), as: UTF8.self)
    }

    /// `JSONWriter`'s text of one value written by `body`.
    static func written(_ body: (inout JSONWriter) throws -> Void) rethrows -> String {
        var writer = JSONWriter()
        try body(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static let strings: [String] = [
        "", "app", "quote \" backslash \\ slash / end", "line\nreturn\rtab\tback\u{8}feed\u{C}",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}", "a\u{0}b",
        "é ü ß 日本語 🎉 👩‍👩‍👧", "\u{2028}\u{2029}\u{FEFF}", "pg_dump: error: connection to \"db\" refused\n",
        "db/db_00000001.dump.zst.enc", "<script>&amp;</script>",
    ]

    @Test(arguments: strings)
    func stringsAreEscapedLikeJSONEncoder(value: String) throws {
        let expected = try Self.encoded(value)
        #expect(Self.written { $0.string(value) } == expected)
    }

    static let dates: [Date] = {
        var generator = SystemRandomNumberGenerator()
        let fixed: [TimeInterval] = [
            0, -0.001, -0.5, -1, -86_400, -86_400.5, 0.999, 1, 59.999, 951_782_400, 951_868_799.9, 1_798_761_600.5,
            1_795_737_600.123, 4_102_444_800, -2_208_988_800, -62_135_596_800, -12_212_553_601, -12_212_553_600, 253_402_300_799, 253_402_300_800, 300_000_000_000,
        ]
        let random = (0..<300).map { _ in TimeInterval(Int64.random(in: -3_000_000_000_000...5_000_000_000_000, using: &generator)) / 1000 }
        return (fixed + random).map(Date.init(timeIntervalSince1970:))
    }()

    @Test func datesAreWrittenLikeJSONEncoder() throws {
        for date in Self.dates {
            let expected = try Self.encoded(date)
            #expect(Self.written { $0.date(date) } == expected, "\(date.timeIntervalSince1970)")
        }
    }

    static let numbers: [Double] = [
        0, -0.0, 1, -1, 1.5, 0.1, 0.2 + 0.1, 90, 30.001, 1234.567, 1e15, 1e16, 1e20, 1.5e300, 1e-7, .leastNonzeroMagnitude,
        123_456_789_012.345, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 4_503_599_627_370_496.5,
    ] + (0..<200).map { _ in (Double.random(in: 0...100_000) * 1000).rounded() / 1000 }

    @Test func numbersAreWrittenLikeJSONEncoder() throws {
        for number in Self.numbers {
            let (written, expected) = (try Self.written { try $0.number(number) }, try Self.encoded(number))
            #expect(written == expected, "\(number)")
        }
    }

    @Test(arguments: [Int64.min, -1, 0, 7, 9, 10, 1_000_000_007, Int64.max])
    func integersAreWrittenLikeJSONEncoder(value: Int64) throws {
        let expected = try Self.encoded(value)
        #expect(Self.written { $0.integer(value) } == expected)
    }

    @Test func aNaNThrowsLikeJSONEncoder() {
        #expect(throws: EncodingError.self) { try Self.written { try $0.number(.nan) } }
        #expect(throws: EncodingError.self) { try Self.encoded(Double.infinity) }
    }

    // MARK: Responses

    /// Expects `JSONWriter`'s text of `value` to be `JSONEncoder`'s.
    static func expectSameJSON(_ value: some JSONWritable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (written, expected) = (String(decoding: try value.jsonBytes(), as: UTF8.self), try encoded(value))
        #expect(written == expected, sourceLocation: sourceLocation)
    }

    static let queued = Date(timeIntervalSince1970: 1_795_737_600.123)

    static func file(localPath: String?, s3Key: String?, verified: Bool) -> BackupFile {
        var file = BackupFile(
            runId: 42, databaseId: 3, fileName: "app_20261127T020000Z.dump.zst.enc", localPath: localPath, s3Key: s3Key,
            encrypted: true, iterations: 600_000, passphraseId: verified ? "p1" : nil, serverVersion: "15.8",
            pgDumpVersion: "15.8", sizeBytes: 9_007_199_254_740_993, sha256: String(repeating: "ab", count: 32),
            createdAt: queued.addingTimeInterval(95.5))
        file.id = 17
        if verified {
            file.verificationResult = "failed"
            file.verificationMessage = "checksum \"mismatch\"\n"
            file.verifiedAt = queued.addingTimeInterval(3600)
        }
        return file
    }

    static func run(_ state: BackupRun.State, scheduleId: Int64?, started: Bool) -> BackupRun {
        var run = BackupRun(databaseId: 3, scheduleId: scheduleId, trigger: .schedule, queuedAt: queued)
        run.id = 42
        run.state = state
        if started { run.startedAt = queued.addingTimeInterval(30.25) }
        if state.isFinal && started { run.finishedAt = queued.addingTimeInterval(123.4567) }
        if state == .succeeded || state == .running { run.sizeBytes = 1_234_567_890 }
        if state == .succeeded { run.checksum = String(repeating: "0f", count: 32) }
        if state == .failed { run.error = "pg_dump: error: \"app\" — connexion refusée\tà 02:00" }
        return run
    }

    static var runResponses: [BackupRunResponse] {
        var database = ConfiguredDatabase(name: "Appé \"prod\"", host: "db", database: "app", user: "backup")
        database.id = 3
        let files = [file(localPath: "/var/backups/app/x.enc", s3Key: "pgbm/app/x.enc", verified: true), file(localPath: nil, s3Key: nil, verified: false)]
        let now = queued.addingTimeInterval(1000.0004)
        return [
            BackupRunResponse(run(.succeeded, scheduleId: 5, started: true), database: database, files: files, detailed: nil, now: now),
            BackupRunResponse(run(.running, scheduleId: nil, started: true), database: nil, files: [], detailed: nil, now: now),
            BackupRunResponse(run(.queued, scheduleId: nil, started: false), database: database, files: [], detailed: [], now: now),
            BackupRunResponse(run(.failed, scheduleId: 1, started: true), database: nil, files: [], detailed: nil, now: now),
            BackupRunResponse(run(.cancelled, scheduleId: nil, started: false), database: database, files: files, detailed: nil, now: now),
            BackupRunResponse(
                run(.succeeded, scheduleId: nil, started: true), database: database, files: files,
                detailed: files.map { BackupFileResponse($0, slug: "app", backupDirectory: "/var/backups", onDisk: true) }, now: now),
        ]
    }

    @Test func runPagesAreWrittenLikeJSONEncoder() throws {
        for nextCursor in [nil, "NDI"] {
            let page = PageResponse(items: Self.runResponses, nextCursor: nextCursor)
            try Self.expectSameJSON(page)
        }
        let empty = PageResponse<BackupRunResponse>(items: [], nextCursor: nil)
        try Self.expectSameJSON(empty)
    }

    @Test func filePagesAreWrittenLikeJSONEncoder() throws {
        let files = [
            BackupFileResponse(Self.file(localPath: "/var/backups/app/x.enc", s3Key: "k", verified: true), slug: "app", backupDirectory: "/var/backups", onDisk: false),
            BackupFileResponse(Self.file(localPath: "/elsewhere/x.enc", s3Key: nil, verified: false), slug: nil, backupDirectory: "/var/backups", onDisk: true),
            BackupFileResponse(Self.file(localPath: nil, s3Key: "k", verified: false), slug: "app", backupDirectory: "/var/backups", onDisk: false),
        ]
        let page = PageResponse(items: files, nextCursor: "MTc")
        try Self.expectSameJSON(page)
    }

    static let details: [String] = [
        "{}", #"{"database_id":3}"#, #"{"name":"a\"b\\c/d","scope":"local","force":false}"#,
        #"{"port":{"from":5432,"to":5433},"host":{"from":null,"to":"db.internal"},"ratio":0.25,"big":1e20}"#,
        #"{"camelCase":1,"zeta":[1,2.5,"x",true,null,{"b":1,"a":2}],"Ümlaut":"ö","emoji🎉":"\u0001","a":[]}"#,
        #"{"nested":{"deeper":{"deepest":[[],[{}]]}},"negative":-12,"exp":-1.5e-9}"#,
    ]

    @Test(arguments: details)
    func auditEventsAreWrittenLikeJSONEncoder(details: String) throws {
        var event = AuditEvent(
            at: Self.queued, actorKind: .token, actor: "alice (token ci)", action: "database.update", targetType: "database",
            targetId: "3", outcome: .success, details: details)
        event.id = 99
        var bare = AuditEvent(at: Self.queued, actorKind: .system, actor: "api", action: "auth.denied", outcome: .denied, details: details)
        bare.id = 100
        let page = PageResponse(items: [AuditEventResponse(event), AuditEventResponse(bare)], nextCursor: nil)
        try Self.expectSameJSON(page)
    }
}

@testable import BackupAPI
import BackupCore
import BackupRepository
import BackupStorage
import HTTPTypes
import Logging
import TestSupport
import Testing

/// The API maps every library code once (`LibraryErrorTable`), as `Docs/ERRORS.md` says.
@Suite("API: the error code table")
struct ErrorCodeTableTests {
    @Test("Docs/ERRORS.md lists every code of every library's error type, once, in the code types' order")
    func documentListsEveryCode() throws {
        // Given the page's rows and the code types' `all`
        let documented = try ErrorsDocument.rows().map(\.name)
        // Then they are the same list
        #expect(documented == ErrorCode.all.map(\.description))
        #expect(Set(documented).count == documented.count)
    }

    @Test("every documented code gets the documented HTTP status and body code")
    func everyCodeMapsAsDocumented() throws {
        let codes = Dictionary(uniqueKeysWithValues: ErrorCode.all.map { ($0.description, $0) })
        for row in try ErrorsDocument.rows() {
            let code = try #require(codes[row.name], "\(row.name) is documented but no code type has it")
            #expect(LibraryErrorTable.table[code] != nil, "\(row.name) has no entry in LibraryErrorTable")
            #expect(Int(LibraryErrorTable.status(for: code).code) == row.status, "\(row.name)")
            #expect(LibraryErrorTable.apiCode(for: code).rawValue == row.apiCode, "\(row.name)")
        }
    }

    @Test("a 500 withholds the library's message; any other status sends it")
    func internalMessagesAreWithheld() throws {
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = APIError.mapping(StoreError(.database, "disk I/O error in /var/lib/pgbm"), logger: logger)
        #expect(store.status == .internalServerError && store.code == .storeFailed)
        #expect(!store.message.contains("/var/lib/pgbm"))
        let storage = APIError.mapping(StorageError(.unreachable, "cannot reach s3.example.com:443"), logger: logger)
        #expect(storage.status == .gatewayTimeout && storage.code.rawValue == "storage.unreachable")
        #expect(storage.message == "cannot reach s3.example.com:443")
    }
}

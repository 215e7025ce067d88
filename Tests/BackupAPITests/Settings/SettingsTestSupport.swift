import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import BackupAPI

extension APIFixture {
    /// Every audit event's text (action, actor, target and details), oldest first.
    func auditText() async throws -> String {
        try await store.events(AuditFilter(), limit: 500, cursor: nil).items
            .map { "\($0.action) \($0.actor) \($0.targetType ?? "") \($0.targetId ?? "") \($0.details)" }.joined(
                separator: "\n")
    }

    /// The audit events of `action`, newest first.
    func audits(_ action: String) async throws -> [AuditEvent] {
        try await store.events(AuditFilter(action: action), limit: 100, cursor: nil).items
    }

    /// The S3 settings body of the signature-checking moto server with `bucket` (secret key included).
    /// (moto's signature check rejects the listing with a `/` in its prefix parameter that the S3 test
    /// sends when a prefix is set, so tests of the S3 test use `prefix: ""`.)
    static func s3Section(bucket: String, secret: String? = nil, prefix: String = "pgbm") throws -> String {
        let endpoint = try TestServices.value("PGBM_TEST_S3_ENDPOINT")
        let access = try TestServices.value("PGBM_TEST_S3_ACCESS_KEY")
        let secret = try secret ?? TestServices.value("PGBM_TEST_S3_SECRET_KEY")
        return
            #"{"enabled": true, "bucket": "\#(bucket)", "endpoint": "\#(endpoint)", "path_style": true, "access_key_id": "\#(access)", "prefix": "\#(prefix)", "part_size_mib": 5, "secret_key": "\#(secret)"}"#
    }

    /// Whether the moto S3 server is configured for tests.
    static var s3Available: Bool {
        TestServices.available("PGBM_TEST_S3_ENDPOINT", "PGBM_TEST_S3_ACCESS_KEY", "PGBM_TEST_S3_SECRET_KEY")
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}

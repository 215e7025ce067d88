import BackupAPIModels
import BackupCore
import BackupRepository
import BackupStorage
import Hummingbird

/// The answer of `POST /api/config/settings/s3/test` and `/email/test`: `200 {"ok": true, …}` when the
/// test passed, `200 {"ok": false, "error": {"code", "message"}}` when it ran and failed (as the database
/// connection test). Messages never carry a secret.
struct SettingsTestResponse: ResponseEncodable, Sendable {
    let ok: Bool
    /// The alert channel tested.
    let channel: String?
    /// The bucket tested.
    let bucket: String?
    /// What happened when it passed (`sent to ops@example.com`).
    let message: String?
    let error: ConnectionTestResponse.Failure?

    /// The S3 test passed.
    static func s3(ok bucket: String) -> SettingsTestResponse {
        SettingsTestResponse(ok: true, channel: nil, bucket: bucket, message: "bucket reachable and usable", error: nil)
    }

    /// The S3 test failed with `error`: the storage error's code (`bad_credentials`, `bucket_missing`,
    /// `unreachable`, …) and message; anything else is `other` with a generic message.
    static func s3(failed error: any Error, bucket: String) -> SettingsTestResponse {
        let failure: ConnectionTestResponse.Failure
        switch error {
        case let error as StorageError: failure = .init(code: error.code.description, message: error.message)
        case let error as BackupError where error.code.family == .backup: failure = .init(code: "configuration", message: error.message)
        default: failure = .init(code: "other", message: "the S3 request failed; the server log has the details")
        }
        return SettingsTestResponse(ok: false, channel: nil, bucket: bucket, message: nil, error: failure)
    }

    /// The outcome of an alert channel's test send: `sent`, or `failed` / `not_configured` as the code.
    init(_ result: ChannelTestResult) {
        ok = result.status == .sent
        channel = result.channel.rawValue
        bucket = nil
        message = ok ? result.message : nil
        error = ok ? nil : .init(code: result.status.rawValue, message: result.message)
    }

    private init(ok: Bool, channel: String?, bucket: String?, message: String?, error: ConnectionTestResponse.Failure?)
    {
        self.ok = ok
        self.channel = channel
        self.bucket = bucket
        self.message = message
        self.error = error
    }
}

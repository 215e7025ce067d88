import Foundation

/// What a request was about, for error messages.
struct S3ErrorContext: Sendable {
    let endpoint: String
    let bucket: String
    let key: String?
    let region: String
    let accessKey: String
    let operation: String

    func error(code: String, message: String, status: Int, region serverRegion: String?) -> StorageError {
        if let serverRegion, serverRegion != region,
           ["PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException"].contains(code) {
            return StorageError(
                .wrongRegion, "bucket \"\(bucket)\" is in region \(serverRegion), but region \(region) is configured",
                region: serverRegion)
        }
        switch code {
        case "InvalidAccessKeyId", "InvalidClientTokenId":
            return StorageError(.badCredentials, "S3 does not know access key \(accessKey) (\(code)) at \(endpoint)")
        case "ExpiredToken", "InvalidToken", "TokenRefreshRequired":
            return StorageError(.badCredentials, "the session token of access key \(accessKey) is expired or invalid (\(code))")
        case "SignatureDoesNotMatch":
            return StorageError(
                .badCredentials, "the secret key does not match access key \(accessKey) (SignatureDoesNotMatch) at \(endpoint)")
        case "NoSuchBucket":
            return StorageError(.bucketMissing, "bucket \"\(bucket)\" does not exist at \(endpoint) (NoSuchBucket)")
        case "NoSuchKey":
            return StorageError(.notFound, "object \"\(key ?? "")\" does not exist in bucket \"\(bucket)\"")
        case "NotFound" where key != nil:
            return StorageError(.notFound, "object \"\(key ?? "")\" does not exist in bucket \"\(bucket)\"")
        case "NotFound":
            return StorageError(.bucketMissing, "bucket \"\(bucket)\" does not exist at \(endpoint) (HTTP 404)")
        case "AccessDenied", "Forbidden", "AllAccessDisabled":
            return StorageError(
                .accessDenied,
                "access denied: access key \(accessKey) may not \(operation) in bucket \"\(bucket)\" (\(code)): \(message)")
        case "RequestTimeTooSkewed":
            return StorageError(
                .clockSkew,
                "this machine's clock differs from the S3 server's by more than 15 minutes (RequestTimeTooSkewed); "
                    + "fix the system time (NTP)")
        case "BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch", "InvalidChecksum":
            return integrity(code, message)
        case "InvalidRequest" where message.localizedCaseInsensitiveContains("checksum"):
            return integrity(code, message)
        default:
            return StorageError(.server, "S3 \(operation) failed with \(code) (HTTP \(status)): \(message)")
        }
    }

    private func integrity(_ code: String, _ message: String) -> StorageError {
        StorageError(.integrity, "S3 rejected the data of \(key ?? "the request") as damaged in transit (\(code)): \(message)")
    }
}

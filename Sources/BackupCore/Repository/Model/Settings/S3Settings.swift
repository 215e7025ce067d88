/// Off-site copies in an S3-compatible bucket; the secret key is ``SecretName/s3SecretKey``.
public struct S3Settings: SettingsGroup {
    public static let key = "s3"
    public static var defaults: S3Settings { S3Settings() }

    public var enabled = false
    public var bucket = ""
    public var region = "us-east-1"
    /// Empty for AWS.
    public var endpoint = ""
    public var prefix = ""
    public var pathStyle = false
    public var accessKeyId = ""
    /// 8 MiB parts × 4 in flight keep an upload under about 40 MiB of buffers on a small machine.
    public var partSizeMiB = 8
    public var maxParts = 10_000
    public var parallelParts = 4

    /// Stored as snake_case by the store; `MiB` is one word (`part_size_mib`, as in validation messages).
    enum CodingKeys: String, CodingKey {
        case enabled, bucket, region, endpoint, prefix, pathStyle, accessKeyId, maxParts, parallelParts
        case partSizeMiB = "partSizeMib"
    }

    public init() {}

    public func validate() throws(StoreError) {
        try TextRule.shortText.check(bucket, field: "bucket")
        try TextRule.shortText.check(region, field: "region")
        try TextRule.url.check(endpoint, field: "endpoint")
        try TextRule.objectKey.check(prefix, field: "prefix")
        try TextRule.shortText.check(accessKeyId, field: "access_key_id")
        // Ranges hold while S3 is off too: what is stored is what the API shows (its schema says so).
        try Validate.that((5...1024).contains(partSizeMiB), field: "part_size_mib", "must be between 5 and 1024")
        try Validate.that((1...10_000).contains(maxParts), field: "max_parts", "must be between 1 and 10000")
        try Validate.that((1...64).contains(parallelParts), field: "parallel_parts", "must be between 1 and 64")
        guard enabled else { return }
        try Validate.nonEmpty(bucket, field: "bucket")
        try Validate.nonEmpty(region, field: "region")
        try Validate.nonEmpty(accessKeyId, field: "access_key_id")
        try Validate.that(endpoint.isEmpty || endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://"), field: "endpoint", "must be an http:// or https:// URL")
    }
}

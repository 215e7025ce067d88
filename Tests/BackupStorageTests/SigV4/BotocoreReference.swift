import Foundation
import TestSupport
import Testing

@testable import BackupStorage

/// Runs Fixtures/sigv4_botocore.py, which signs requests with botocore (the reference SigV4 signer).
enum BotocoreReference {
    static let script = "Tests/BackupStorageTests/Fixtures/sigv4_botocore.py"

    static let pythonHasBotocore = (try? runPython(["-c", "import botocore.auth"]).status) == 0

    /// Runs `$PYTHON` (as `Scripts/test` exports it), else `python3` from `PATH`, in the repository root.
    static func runPython(_ arguments: [String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(
            "/bin/sh", ["-c", "exec \"${PYTHON:-python3}\" \"$@\"", "sh"] + arguments,
            currentDirectory: TestServices.repositoryRoot)
    }

    /// What the helper is told about one request.
    struct Spec: Encodable {
        var id: Int
        var method, url, rawPath: String
        var query, headers: [[String]]
        var payload: String
        var bodyBase64: String?
        var accessKeyId, secretAccessKey: String
        var sessionToken: String?
        var region, service: String
        var epochSeconds: Double
        var expires: Int

        init(_ item: SigV4CaseGenerator.Case) {
            id = item.id
            method = item.request.method
            url = item.request.url.absoluteString
            rawPath = item.request.path
            query = item.request.query.map { [$0.name, $0.value] }
            headers = item.request.headers.map { [$0.name, $0.value] }
            switch item.payload {
            case .sha256:
                payload = "sha256"
                bodyBase64 = Data(item.body).base64EncodedString()
            case .unsigned: payload = "unsigned"
            case .empty: payload = "empty"
            }
            accessKeyId = item.credentials.accessKeyId
            secretAccessKey = item.credentials.secretAccessKey
            sessionToken = item.credentials.sessionToken
            region = item.region
            service = "s3"
            epochSeconds = item.date.timeIntervalSince1970
            expires = item.expires
        }
    }

    /// What botocore computed for one request.
    struct Reference: Decodable {
        var id: Int
        var headers: [String: [String]]?
        var url: String?
        var canonicalRequest, stringToSign: String
        var quotedPath, wirePath, canonicalQueryFromParams, canonicalQueryFromURL: String
    }

    struct Output: Decodable {
        var botocoreVersion: String
        var headerResults, presignResults: [Reference]
    }

    /// Writes the requests as JSON, runs the helper once and decodes its answers.
    static func sign(headers: [SigV4CaseGenerator.Case], presign: [SigV4CaseGenerator.Case]) throws -> Output {
        let scratch = try TemporaryDirectory()
        let input = scratch.url.appendingPathComponent("requests.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        try encoder.encode(["headerRequests": headers.map(Spec.init), "presignRequests": presign.map(Spec.init)])
            .write(to: input)
        let result = try runPython([script, input.path])
        try #require(result.status == 0, "sigv4_botocore.py failed: \(result.stderrText)")
        return try JSONDecoder().decode(Output.self, from: result.stdout)
    }
}

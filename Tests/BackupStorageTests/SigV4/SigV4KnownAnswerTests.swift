import Foundation
import Testing

@testable import BackupStorage

/// AWS's published S3 examples ("Signature Calculations for the Authorization Header: Transferring
/// Payload in a Single Chunk" and "Authenticating Requests: Using Query Parameters"): bucket
/// `examplebucket`, key `AKIAIOSFODNN7EXAMPLE`, 2013-05-24T00:00:00Z, us-east-1.
@Suite("SigV4 known answers from the AWS S3 documentation")
struct SigV4KnownAnswerTests {
    static let credentials = SigV4Credentials(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let signer = SigV4Signer(credentials: credentials, region: "us-east-1")
    /// 2013-05-24T00:00:00Z.
    static let date = Date(timeIntervalSince1970: 1_369_353_600)
    static let host = "examplebucket.s3.amazonaws.com"

    /// One documented example: the request, and what AWS shows for it.
    struct Example: Sendable, CustomTestStringConvertible {
        let name: String
        let request: SigV4Request
        let payload: SigV4Payload
        let canonicalRequest: String
        /// The last line of AWS's string to sign: the hex SHA-256 of the canonical request.
        let canonicalRequestHash: String
        let signedHeaders: String
        let signature: String
        var testDescription: String { name }
    }

    static let examples: [Example] = [
        Example(
            name: "GET Object with a range",
            request: SigV4Request(
                method: "GET", host: host, path: "/test.txt", headers: [(name: "Range", value: "bytes=0-9")]),
            payload: .empty,
            canonicalRequest: """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """,
            canonicalRequestHash: "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
            signedHeaders: "host;range;x-amz-content-sha256;x-amz-date",
            signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        Example(
            name: "PUT Object with a Date header and a $ in the key",
            request: SigV4Request(
                method: "PUT", host: host, path: "/test$file.text",
                headers: [
                    (name: "Host", value: host), (name: "Date", value: "Fri, 24 May 2013 00:00:00 GMT"),
                    (name: "x-amz-storage-class", value: "REDUCED_REDUNDANCY"),
                ]),
            payload: .sha256(of: Data("Welcome to Amazon S3.".utf8)),
            canonicalRequest: """
                PUT
                /test%24file.text

                date:Fri, 24 May 2013 00:00:00 GMT
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
                x-amz-date:20130524T000000Z
                x-amz-storage-class:REDUCED_REDUNDANCY

                date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
                44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
                """,
            canonicalRequestHash: "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
            signedHeaders: "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
            signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
        Example(
            name: "GET Bucket lifecycle (a parameter without a value)",
            request: SigV4Request(method: "GET", host: host, path: "/", query: [(name: "lifecycle", value: "")]),
            payload: .empty,
            canonicalRequest: """
                GET
                /
                lifecycle=
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """,
            canonicalRequestHash: "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
            signedHeaders: "host;x-amz-content-sha256;x-amz-date",
            signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
        Example(
            name: "GET Bucket (List Objects), parameters given out of order",
            request: SigV4Request(
                method: "GET", host: host, path: "",
                query: [(name: "prefix", value: "J"), (name: "max-keys", value: "2")]),
            payload: .empty,
            canonicalRequest: """
                GET
                /
                max-keys=2&prefix=J
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """,
            canonicalRequestHash: "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
            signedHeaders: "host;x-amz-content-sha256;x-amz-date",
            signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
    ]

    @Test(
        "header signing reproduces the documented canonical request, string to sign and signature", arguments: examples)
    func headerSigning(_ example: Example) {
        // When the documented request is signed at the documented time
        let (headers, computation) = Self.signer.headerSigning(
            example.request, payload: example.payload, date: Self.date)
        // Then every intermediate value and the Authorization header are AWS's
        #expect(computation.canonicalRequest == example.canonicalRequest)
        #expect(
            computation.stringToSign == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                \(example.canonicalRequestHash)
                """)
        #expect(computation.signature == example.signature)
        #expect(headers.map(\.name) == ["x-amz-date", "x-amz-content-sha256", "Authorization"])
        #expect(
            headers.map(\.value) == [
                "20130524T000000Z", example.payload.contentSHA256,
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                    + "SignedHeaders=\(example.signedHeaders), Signature=\(example.signature)",
            ])
        #expect(
            Self.signer.sign(example.request, payload: example.payload, date: Self.date).map(\.value)
                == headers.map(\.value))
    }

    @Test("the presigned GET Object example gives AWS's URL")
    func presignedExample() {
        // Given the documented request for one day
        let request = SigV4Request(method: "GET", host: Self.host, path: "/test.txt")
        // When it is presigned
        let (url, computation) = Self.signer.presigning(request, expires: 86_400, date: Self.date)
        // Then the canonical request, string to sign and URL are the documented ones
        #expect(
            computation.canonicalRequest == """
                GET
                /test.txt
                X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
                host:examplebucket.s3.amazonaws.com

                host
                UNSIGNED-PAYLOAD
                """)
        #expect(
            computation.stringToSign.hasSuffix(
                "\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04"))
        #expect(
            url.absoluteString == """
                https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=\
                AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&\
                X-Amz-Expires=86400&X-Amz-SignedHeaders=host&\
                X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404
                """)
        #expect(Self.signer.presignedURL(request, expires: 86_400, date: Self.date) == url)
    }

    @Test("the signing key is the documented HMAC chain")
    func signingKey() {
        // Given the SigV4 documentation's key-derivation example (IAM, 2015-08-30)
        let signer = SigV4Signer(
            credentials: SigV4Credentials(
                accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: "iam")
        // When the key is derived, then it is the documented one
        let key = signer.signingKey(dateStamp: "20150830")
        #expect(
            SigV4Signer.hex(of: key)
                == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }

    @Test("a session token is sent and signed as x-amz-security-token, in headers and in presigned URLs")
    func sessionToken() {
        // Given temporary credentials
        var credentials = Self.credentials
        credentials.sessionToken = "token/with+special=chars"
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1")
        let request = SigV4Request(method: "GET", host: Self.host, path: "/test.txt")
        // When a request is signed, then the token is added and signed
        let (headers, computation) = signer.headerSigning(request, payload: .empty, date: Self.date)
        #expect(headers.map(\.name) == ["x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "Authorization"])
        #expect(headers[2].value == "token/with+special=chars")
        #expect(computation.signedHeaders == "host;x-amz-content-sha256;x-amz-date;x-amz-security-token")
        #expect(computation.canonicalRequest.contains("\nx-amz-security-token:token/with+special=chars\n"))
        // And a presigned URL carries it encoded, before the signature
        let url = signer.presignedURL(request, expires: 60, date: Self.date).absoluteString
        #expect(url.contains("&X-Amz-Security-Token=token%2Fwith%2Bspecial%3Dchars&X-Amz-Signature="))
    }
}

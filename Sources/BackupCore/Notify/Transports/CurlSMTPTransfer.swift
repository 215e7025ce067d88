import CCurl
import Foundation

/// One SMTP transaction through libcurl's easy interface: connect, STARTTLS or TLS, AUTH, MAIL FROM,
/// RCPT TO, DATA. ``perform(_:)`` blocks, so it runs on `NIOThreadPool` only (``SMTPMailer``).
///
/// The password goes to libcurl in memory (`CURLOPT_PASSWORD`); it is never on a command line, in a log
/// or in an error message.
struct CurlSMTPTransfer: Sendable {
    let url: String
    let requireTLS: Bool
    let user: String
    let password: String?
    let from: String
    let recipients: [String]
    let timeoutSeconds: Int

    /// `curl_global_init`, once per process, before the first handle.
    private static let globalInit: CURLcode = pgbm_curl_global_init()

    /// Sends `message`; returns when the server accepted it.
    /// - Throws: ``BackupError`` with libcurl's reason and the server's last reply code.
    func perform(_ message: [UInt8]) throws(BackupError) {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw .alertUnreachable("libcurl cannot be initialised")
        }
        defer { curl_easy_cleanup(handle) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var recipientList: UnsafeMutablePointer<curl_slist>?
        for recipient in recipients { recipientList = curl_slist_append(recipientList, recipient) }
        defer { curl_slist_free_all(recipientList) }
        let source = UploadSource(message)
        let code = withExtendedLifetime(source) {
            configure(handle, errorBuffer: errorBuffer, recipients: recipientList, source: source)
                ?? curl_easy_perform(handle)
        }
        guard code != CURLE_OK else { return }
        throw failure(code, handle: handle, detail: String(cString: errorBuffer))
    }

    /// Sets every option; returns the first failing option's code, `nil` when all were accepted.
    private func configure(
        _ handle: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>,
        recipients: UnsafeMutablePointer<curl_slist>?, source: UploadSource
    ) -> CURLcode? {
        var codes = [
            pgbm_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            pgbm_curl_set_string(handle, CURLOPT_URL, url),
            pgbm_curl_set_long(handle, CURLOPT_NOSIGNAL, 1),
            pgbm_curl_set_long(handle, CURLOPT_TIMEOUT, timeoutSeconds),
            pgbm_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, min(timeoutSeconds, 15)),
            pgbm_curl_set_long(handle, CURLOPT_USE_SSL, Int(requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue)),
            pgbm_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(from)>"),
            pgbm_curl_set_pointer(handle, CURLOPT_MAIL_RCPT, recipients),
            pgbm_curl_set_long(handle, CURLOPT_UPLOAD, 1),
            pgbm_curl_set_read_function(handle, UploadSource.read),
            pgbm_curl_set_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque()),
        ]
        if !user.isEmpty {
            codes.append(pgbm_curl_set_string(handle, CURLOPT_USERNAME, user))
            codes.append(pgbm_curl_set_string(handle, CURLOPT_PASSWORD, password ?? ""))
        }
        return codes.first { $0 != CURLE_OK }
    }

    /// libcurl's failure in words, with the last SMTP reply code when there was one.
    private func failure(_ code: CURLcode, handle: UnsafeMutableRawPointer, detail: String) -> BackupError {
        var reply = 0
        _ = pgbm_curl_response_code(handle, &reply)
        let reason = String(cString: curl_easy_strerror(code))
        let facts = [detail.isEmpty || detail == reason ? nil : detail, reply > 0 ? "last reply \(reply)" : nil].compactMap { $0 }
        let text = reason + (facts.isEmpty ? "" : " (\(facts.joined(separator: "; ")))")
        let server = HTTPDelivery.origin(url)
        switch code {
        case CURLE_LOGIN_DENIED:
            return .alertRefused("\(server) refused the user name or password (notifications.smtp_user, smtp.password): \(text)")
        case CURLE_USE_SSL_FAILED:
            return .alertRefused("\(server) does not offer STARTTLS, which notifications.smtp_start_tls requires: \(text)")
        case CURLE_OPERATION_TIMEDOUT:
            return .alertTimeout("\(server) did not answer within \(timeoutSeconds) s: \(text)")
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION:
            return .alertUnreachable("\(server) cannot be reached: \(text)")
        default:
            return .alertRefused("\(server) did not take the email: \(text)")
        }
    }
}

/// The message bytes libcurl reads through its read callback.
private final class UploadSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// `CURLOPT_READFUNCTION`: copies the next bytes into libcurl's buffer; 0 at the end.
    static let read: pgbm_curl_read_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let source = Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue()
        let length = min(size * count, source.bytes.count - source.offset)
        source.bytes.withUnsafeBufferPointer { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + source.offset, byteCount: length)
        }
        source.offset += length
        return length
    }
}

import Crypto
import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// Backup files uploaded for a restore: `<data dir>/scratch/pgbm-upload-<id>` (mode 0600) with its
/// facts in `<file>.json` beside it. The body is streamed to disk as it arrives (never held in memory);
/// an upload is used by one restore, and removed when that restore ends or after ``lifetime`` unused.
struct UploadStore: Sendable {
    /// What an upload is known by.
    struct Upload: Codable, Sendable {
        let uploadId: String
        /// The backup's file name as given (`app_20261126T020000Z.dump.zst.enc`): its layers come from it.
        let fileName: String
        let size: Int64
        let sha256: String
        let createdAt: Date
    }

    let directory: String
    let threadPool: NIOThreadPool
    /// Uploads not used by a restore within this time are removed.
    static let lifetime: TimeInterval = 3600
    static let prefix = "pgbm-upload-"

    init(dataDirectory: String, threadPool: NIOThreadPool = .singleton) {
        directory = dataDirectory + "/scratch"
        self.threadPool = threadPool
    }

    /// Streams `body` to a new upload file, hashing it as it goes.
    func save(_ body: RequestBody, fileName: String) async throws -> Upload {
        try await run {
            try removeExpired()
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let id = Self.newId()
        let path = self.path(id)
        let handle = try await run { () throws -> FileHandle in
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                let handle = FileHandle(forWritingAtPath: path)
            else {
                throw APIError(
                    .internalServerError, code: .internalError,
                    message: "the upload cannot be written to the scratch folder")
            }
            return handle
        }
        var hasher = SHA256()
        var size: Int64 = 0
        do {
            for try await buffer in body {
                let data = Data(buffer.readableBytesView)
                hasher.update(data: data)
                size += Int64(data.count)
                try await run { try handle.write(contentsOf: data) }
            }
            try await run {
                try handle.synchronize()
                try handle.close()
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let upload = Upload(uploadId: id, fileName: fileName, size: size, sha256: digest, createdAt: Date())
        try await run {
            try Self.encoder.encode(upload).write(to: URL(fileURLWithPath: path + ".json"), options: .atomic)
        }
        return upload
    }

    /// Takes upload `id` for a restore: its path and file name; its record is removed, so it serves once
    /// (renamed; the restore removes the file when it ends).
    /// - Returns: `nil` when there is no such upload (or it expired).
    func take(_ id: String) async throws -> (path: String, fileName: String)? {
        guard id.count == 32, id.allSatisfy(\.isHexDigit) else { return nil }
        let path = self.path(id)
        return try await run { () throws -> (path: String, fileName: String)? in
            try removeExpired()
            guard let data = FileManager.default.contents(atPath: path + ".json"),
                let upload = try? Self.decoder.decode(Upload.self, from: data),
                FileManager.default.fileExists(atPath: path)
            else { return nil }
            // Renamed out of the upload names, so the expiry sweep never removes a file a restore reads.
            let taken = directory + "/pgbm-restoring-" + id
            try FileManager.default.moveItem(atPath: path, toPath: taken)
            try FileManager.default.removeItem(atPath: path + ".json")
            return (taken, upload.fileName)
        }
    }

    /// Removes uploads older than ``lifetime`` (and files left without their record by an interrupted upload).
    func removeExpired(now: Date = Date()) throws {
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(Self.prefix) {
            let path = directory + "/" + name
            let modified = (try? files.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
            if now.timeIntervalSince(modified) > Self.lifetime { try? files.removeItem(atPath: path) }
        }
    }

    private func path(_ id: String) -> String { directory + "/" + Self.prefix + id }

    private func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await threadPool.runIfActive(body)
    }

    private static func newId() -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

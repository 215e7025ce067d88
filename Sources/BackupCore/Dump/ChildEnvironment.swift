import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The environment of a client program: this process's environment without any `PG…` variable, plus the
/// connection as `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, `PGAPPNAME`,
/// `PGOPTIONS`, `PGCONNECT_TIMEOUT`, and the password in a 0600 passfile named by `PGPASSFILE`.
///
/// Messages are forced to English (`LC_MESSAGES=C`) so errors can be recognised. The passfile lives in
/// its own 0700 folder, `pgbm-pass-<pid>-XXXXXX`, and is removed by ``remove()``; folders left by a process
/// that died before it could clean up (its pid is gone) are removed before a new one is made. A password
/// with a line break (which a passfile cannot hold) goes into `PGPASSWORD` instead, which only the same
/// user and root can read.
struct ChildEnvironment {
    /// The variables for the child.
    let variables: [String: String]
    /// The folder holding the passfile, if one was written.
    private let passfileFolder: String?

    /// Builds the environment for `settings`.
    /// - Parameter temporaryDirectory: where the passfile's folder is made.
    /// - Throws: a description of the failing file operation.
    init(settings: ConnectionSettings, temporaryDirectory: String) throws(PasswordFileError) {
        var variables = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("PG") && key != "LC_ALL" && key != "LANGUAGE"
        }
        variables["LC_MESSAGES"] = "C"
        variables["PGHOST"] = settings.host
        variables["PGPORT"] = String(settings.port)
        variables["PGUSER"] = settings.user
        variables["PGDATABASE"] = settings.database
        variables["PGSSLMODE"] = settings.sslMode.rawValue
        variables["PGAPPNAME"] = settings.applicationName
        variables["PGCONNECT_TIMEOUT"] = String(settings.connectTimeoutSeconds)
        if let root = settings.sslRootCertificate { variables["PGSSLROOTCERT"] = root }
        if let options = settings.options, !options.isEmpty { variables["PGOPTIONS"] = options }

        var folder: String? = nil
        if let password = settings.password {
            if password.contains(where: \.isNewline) {
                variables["PGPASSWORD"] = password
            } else {
                let made = try Self.writePassfile(password: password, in: temporaryDirectory)
                folder = made.folder
                variables["PGPASSFILE"] = made.file
            }
        }
        self.variables = variables
        self.passfileFolder = folder
    }

    /// Deletes the passfile and its folder. Call once the child has exited.
    func remove() {
        guard let passfileFolder else { return }
        unlink(passfileFolder + "/passfile")
        rmdir(passfileFolder)
    }

    /// A passfile line matching any host, port, database and user: `*:*:*:*:password`, with `\` and `:`
    /// escaped as libpq expects.
    static func passfileLine(password: String) -> String {
        let escaped = password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
        return "*:*:*:*:\(escaped)\n"
    }

    private static func writePassfile(password: String, in directory: String) throws(PasswordFileError) -> (
        folder: String, file: String
    ) {
        removeStaleFolders(in: directory)
        var template = Array((directory + "/\(folderPrefix)\(getpid())-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw PasswordFileError(operation: "mkdtemp in \(directory)", errno: errno) }
        let folder = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let file = folder + "/passfile"
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            rmdir(folder)
            throw PasswordFileError(operation: "create \(file)", errno: code)
        }
        let bytes = Array(passfileLine(password: password).utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let code = errno
        close(descriptor)
        guard written == bytes.count else {
            unlink(file)
            rmdir(folder)
            throw PasswordFileError(operation: "write \(file)", errno: code)
        }
        return (folder, file)
    }
}

extension ChildEnvironment {
    static let folderPrefix = "pgbm-pass-"

    /// Removes passfile folders whose creating process no longer exists (it was killed before cleaning up).
    static func removeStaleFolders(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(folderPrefix) {
            let rest = name.dropFirst(folderPrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            guard kill(pid, 0) == -1, errno == ESRCH else { continue }
            let folder = directory + "/" + name
            unlink(folder + "/passfile")
            rmdir(folder)
        }
    }
}

/// Writing the temporary passfile failed.
struct PasswordFileError: Error, CustomStringConvertible {
    let operation: String
    let errno: Int32
    var description: String { "\(operation): \(String(cString: strerror(errno)))" }
}

/// The table of contents of a `pg_dump` archive, as `pg_restore --list` prints it.
///
/// ```swift
/// let contents = try await RestoreRunner().list(archive, with: pgRestore)
/// contents.dumpedBy?.major            // 16: pg_restore for this archive must be 16 or newer
/// contents.containsTable(schema: "public", name: "orders")
/// ```
public struct ArchiveContents: Sendable, Hashable {
    /// `pg_restore --list`'s full output.
    public let listing: String
    /// The entries, in archive order (comment lines left out).
    public let entries: [Entry]
    /// The archive format (`CUSTOM`, `TAR`, `DIRECTORY`).
    public let format: String?
    /// The database name the archive was dumped from.
    public let databaseName: String?
    /// The server version the archive was dumped from.
    public let dumpedFrom: PostgresVersion?
    /// The version of the `pg_dump` that wrote the archive.
    public let dumpedBy: PostgresVersion?

    /// One line of the listing: `216; 1259 16391 TABLE public items postgres`.
    public struct Entry: Sendable, Hashable {
        /// The dump id (`216`).
        public let id: Int
        /// The object type (`TABLE`, `TABLE DATA`, `SEQUENCE SET`, `FK CONSTRAINT`, …).
        public let kind: String
        /// The schema, `nil` for objects outside a schema (`-`).
        public let schema: String?
        /// The name (for constraints and comments the listing's words, e.g. `items items_pkey`).
        public let name: String
        /// The owner.
        public let owner: String
        /// The line as printed.
        public let line: String
    }

    /// Parses `pg_restore --list` output.
    public init(listing: String) {
        self.listing = listing
        var header: [String: String] = [:]
        var entries: [Entry] = []
        for rawLine in listing.split(whereSeparator: \.isNewline) {
            let line = String(rawLine)
            if line.hasPrefix(";") {
                let body = line.dropFirst().trimmingWhitespace
                if let colon = body.firstIndex(of: ":") {
                    header[String(body[..<colon])] = body[body.index(after: colon)...].trimmingWhitespace
                }
            } else if let entry = Self.entry(line) {
                entries.append(entry)
            }
        }
        self.entries = entries
        self.format = header["Format"]
        self.databaseName = header["dbname"]
        self.dumpedFrom = header["Dumped from database version"].flatMap { PostgresVersion(versionText: $0) }
        self.dumpedBy = header["Dumped by pg_dump version"].flatMap { PostgresVersion(versionText: $0) }
    }

    /// The archive has a `TABLE` entry for `schema.name`.
    public func containsTable(schema: String, name: String) -> Bool {
        entries.contains { $0.kind == "TABLE" && $0.schema == schema && $0.name == name }
    }

    /// The archive has the data of `schema.name` (`TABLE DATA`).
    public func containsTableData(schema: String, name: String) -> Bool {
        entries.contains { $0.kind == "TABLE DATA" && $0.schema == schema && $0.name == name }
    }

    /// Object types of more than one word, longest first, so `MATERIALIZED VIEW DATA` wins over
    /// `MATERIALIZED VIEW`.
    private static let multiWordKinds: [[Substring]] = [
        "PUBLICATION TABLES IN SCHEMA", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY", "TEXT SEARCH PARSER",
        "TEXT SEARCH TEMPLATE", "MATERIALIZED VIEW DATA", "FOREIGN DATA WRAPPER", "SEQUENCE OWNED BY",
        "MATERIALIZED VIEW", "PROCEDURAL LANGUAGE", "PUBLICATION TABLE", "DATABASE PROPERTIES", "CHECK CONSTRAINT",
        "FK CONSTRAINT", "EVENT TRIGGER", "FOREIGN TABLE", "SEQUENCE SET", "LARGE OBJECT", "USER MAPPING",
        "ROW SECURITY", "TABLE ATTACH", "INDEX ATTACH", "DEFAULT ACL", "TABLE DATA", "SERVER DEFINITION",
    ].map { $0.split(separator: " ") }

    /// `id; tableoid oid KIND schema name… owner`, or `nil` for anything else.
    private static func entry(_ line: String) -> Entry? {
        guard let semicolon = line.firstIndex(of: ";"), let id = Int(line[..<semicolon]) else { return nil }
        let words = line[line.index(after: semicolon)...].split(separator: " ")
        guard words.count >= 5 else { return nil }
        let rest = words.dropFirst(2)
        let kindWords = multiWordKinds.first { rest.count > $0.count + 2 && rest.prefix($0.count).elementsEqual($0) }
        let kindLength = kindWords?.count ?? 1
        let kind = rest.prefix(kindLength).joined(separator: " ")
        let afterKind = rest.dropFirst(kindLength)
        guard afterKind.count >= 3, let schema = afterKind.first, let owner = afterKind.last else { return nil }
        let name = afterKind.dropFirst().dropLast().joined(separator: " ")
        return Entry(
            id: id, kind: kind, schema: schema == "-" ? nil : String(schema), name: name, owner: String(owner),
            line: line)
    }
}

public import BackupRepository

// The list routes' responses, written by hand in the dialect of `APIJSON.encoder()`: members in sorted
// order of their snake_case names, `nil` members left out (as the synthesized `Encodable` does).
// `JSONWritableTests` check each against `JSONEncoder`'s output, byte for byte.

extension PageResponse: JSONWritable where Item: JSONWritable {
    public func write(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key("items")
        try writer.array(items)
        writer.field("next_cursor", nextCursor)
        writer.endObject()
    }
}

extension BackupRunResponse: JSONWritable {
    public func write(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.field("checksum", checksum)
        writer.field("database_id", databaseId)
        writer.field("database_name", databaseName)
        writer.field("database_slug", databaseSlug)
        try writer.field("duration_seconds", durationSeconds)
        writer.field("error", error)
        try writer.field("files", files)
        writer.field("finished_at", finishedAt)
        writer.field("id", id)
        writer.field("progress_bytes", progressBytes)
        writer.field("queued_at", queuedAt)
        writer.field("schedule_id", scheduleId)
        writer.field("size_bytes", sizeBytes)
        writer.field("started_at", startedAt)
        writer.field("state", state)
        writer.field("trigger", trigger)
        try writer.field("verification", verification)
        writer.endObject()
    }
}

extension BackupFileResponse: JSONWritable {
    public func write(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.field("compression", compression)
        writer.field("created_at", createdAt)
        writer.field("database_id", databaseId)
        writer.field("database_slug", databaseSlug)
        writer.field("download_url", downloadUrl)
        writer.field("encrypted", encrypted)
        writer.field("format", format)
        writer.field("id", id)
        writer.field("in_s3", inS3)
        writer.field("local_path", localPath)
        writer.field("name", name)
        writer.field("on_disk", onDisk)
        writer.field("passphrase_id", passphraseId)
        writer.field("pg_dump_version", pgDumpVersion)
        writer.field("run_id", runId)
        writer.field("s3_key", s3Key)
        writer.field("server_version", serverVersion)
        writer.field("sha256", sha256)
        writer.field("size_bytes", sizeBytes)
        try writer.field("verification", verification)
        writer.endObject()
    }
}

extension VerificationResponse: JSONWritable {
    public func write(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.field("message", message)
        writer.field("result", result)
        writer.field("verified_at", verifiedAt)
        writer.endObject()
    }
}

extension AuditEventResponse: JSONWritable {
    public func write(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.field("action", action)
        writer.field("actor", actor)
        writer.field("actor_kind", actorKind)
        writer.field("at", at)
        writer.key("details")
        try details.write(to: &writer)
        writer.field("id", id)
        writer.field("outcome", outcome)
        writer.field("target_id", targetId)
        writer.field("target_type", targetType)
        writer.endObject()
    }
}

extension JSONValue: JSONWritable {
    /// Object members in sorted order of their names, as `JSONEncoder` with `.sortedKeys` writes them.
    public func write(to writer: inout JSONWriter) throws {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .integer(let value): writer.integer(Int64(value))
        case .number(let value): try writer.number(value)
        case .string(let value): writer.string(value)
        case .array(let values): try writer.array(values)
        case .object(let members):
            writer.beginObject()
            for (name, value) in members.sorted(by: { $0.key < $1.key }) {
                writer.key(name)
                try value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}

import BackupRepository
import BackupStorage
import Foundation
import Logging

extension BackupPipeline {
    /// Applies the database's retention policy to its local files and S3 objects. A failure here is
    /// logged and audited, never the backup's failure: the new backup exists either way.
    func applyRetention(_ context: BackupContext, logger: Logger) async {
        do {
            let plan = try await RetentionPlanning.plan(
                databaseId: context.job.databaseId, store: store, now: Date(), finishing: context.job.runId)
            guard !plan.deletions.isEmpty else { return }
            let s3Store = plan.deletions.contains { $0.item.location == .s3 } ? try await s3.store(settings: store) : nil
            var files = try await store.files(databaseId: context.job.databaseId)
            for decision in plan.deletions {
                try await delete(decision, s3: s3Store, backupDirectory: context.general.backupDirectory)
                await forget(decision.item, in: &files)
            }
            logger.info("retention applied", metadata: ["deleted": "\(plan.deletions.count)", "freed": "\(plan.bytesFreed)"])
            await audit(context, "retention.apply", outcome: .success, details: #"{"deleted":\#(plan.deletions.count),"bytes_freed":\#(plan.bytesFreed)}"#)
        } catch {
            logger.error("retention failed", metadata: ["error": "\(error)"])
            await audit(context, "retention.apply", outcome: .failure, details: #"{"error":\#(jsonString("\(error)"))}"#)
        }
    }

    func delete(_ decision: RetentionDecision, s3: S3Store?, backupDirectory: String) async throws {
        switch decision.item.location {
        case .local:
            for path in [decision.item.id, decision.item.id + ".json"] where path.hasPrefix(backupDirectory + "/") {
                if unlink(path) != 0, errno != ENOENT {
                    throw BackupError(.backupRetention, "cannot delete \(path): \(String(cString: strerror(errno)))")
                }
            }
        case .s3:
            guard let s3 else { return }
            try await s3.client.delete(key: decision.item.id)
            try await s3.client.delete(key: decision.item.id + ".json")
        }
    }

    /// Clears the deleted copy from its file record.
    func forget(_ item: RetentionItem, in files: inout [BackupFile]) async {
        guard let index = files.firstIndex(where: { item.location == .local ? $0.localPath == item.id : $0.s3Key == item.id }) else { return }
        if item.location == .local { files[index].localPath = nil } else { files[index].s3Key = nil }
        try? await store.updateFile(files[index])
    }

    func audit(_ context: BackupContext, _ action: String, outcome: AuditEvent.Outcome, details: String) async {
        _ = try? await store.append(AuditEvent(
            actorKind: context.job.trigger == .schedule ? .scheduler : .system, actor: "pipeline", action: action,
            targetType: "database", targetId: String(context.job.databaseId), outcome: outcome, details: details))
    }

    func jsonString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

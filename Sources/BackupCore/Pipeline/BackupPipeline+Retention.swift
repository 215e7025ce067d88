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
            let folder = BackupFolder(context.general.backupDirectory)
            var left: [RetentionDecision] = []
            for decision in plan.deletions {
                guard try await delete(decision, s3: s3Store, folder: folder, logger: logger) else {
                    left.append(decision)
                    continue
                }
                await forget(decision.item, in: &files)
            }
            let (deleted, freed) = (plan.deletions.count - left.count, plan.bytesFreed - left.reduce(0) { $0 + ($1.item.sizeBytes ?? 0) })
            logger.info("retention applied", metadata: ["deleted": "\(deleted)", "freed": "\(freed)", "left_outside": "\(left.count)"])
            await audit(
                context, "retention.apply", outcome: left.isEmpty ? .success : .failure,
                details: #"{"deleted":\#(deleted),"bytes_freed":\#(freed),"left_outside_backup_folder":\#(left.count)}"#)
        } catch {
            logger.error("retention failed", metadata: ["error": "\(error)"])
            await audit(context, "retention.apply", outcome: .failure, details: #"{"error":\#(jsonString("\(error)"))}"#)
        }
    }

    /// Deletes one copy and its manifest; `false` when a local copy was left because it leads out of the
    /// backup folder (resolved by ``BackupFolder``, as a download or a delete resolves it: retention never
    /// deletes anything outside the folder).
    func delete(_ decision: RetentionDecision, s3: S3Store?, folder: BackupFolder, logger: Logger) async throws -> Bool {
        switch decision.item.location {
        case .local:
            switch BackupService.localTargets(decision.item.id, in: folder) {
            case .paths(let paths):
                do {
                    try BackupService.removeLocal(paths)
                } catch {
                    throw BackupError(.backupRetention, "cannot delete \(decision.item.id): \(error.localizedDescription)")
                }
            case .refused(let refusal):
                logger.warning(
                    "retention left a backup file that leads out of the backup folder",
                    metadata: ["pgbm.file.path": "\(decision.item.id)", "reason": "\(refusal)"])
                return false
            }
        case .s3:
            guard let s3 else { return true }
            try await s3.client.delete(key: decision.item.id)
            try await s3.client.delete(key: decision.item.id + ".json")
        }
        return true
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

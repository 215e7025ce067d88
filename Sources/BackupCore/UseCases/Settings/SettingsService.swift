public import BackupRepository
import BackupStorage
import Foundation
import Logging

/// The settings sections, their secrets and the encryption passphrases: show, update, the S3 and alert
/// tests. The API's `/api/config/settings` and `pgbm-cli settings` both call it, so the one registry
/// (``SettingsSection/all``), validation, the scheduler's reload and the audit event are the same.
///
/// ```swift
/// let snapshot = try await manager.settings.update(["retention": ["daily": .integer(14)]], by: .commandLine())
/// ```
public struct SettingsService: UseCase {
    let store: any ConfigurationStore
    let scheduler: Scheduler
    let notifier: Notifier
    let s3: S3Connector
    let logger: Logger

    /// Every section; secrets only as `<name>_set`.
    public func show() async throws -> SettingsSnapshot {
        try await SettingsSnapshot.load(store)
    }

    /// The address users reach pgbm at (`general.public_base_url`, also set from `PGBM_BASE_URL`), if any:
    /// the API accepts changes from its origin.
    public func publicBaseURL() async throws -> String? {
        try await store.settings(GeneralSettings.self).publicBaseURL
    }

    /// Changes the sections given (section → fields; `null` unsets a field, a secret's `null` or `""`
    /// removes it). Checked as a whole first: one refused field changes nothing. Each changed section is
    /// audited as `settings.update` with its changed fields (old and new; write-only ones only as
    /// `changed`) and its secrets as `set`/`removed`. A change of `general.concurrency` or
    /// `general.missed_run_grace_seconds` reaches the running scheduler.
    /// - Throws: `StoreError` `invalid` naming `section.field`.
    public func update(_ sections: [String: [String: JSONValue]], by caller: Caller) async throws -> SettingsSnapshot {
        let plan = try await SettingsChangePlan(sections, store: store)
        try await plan.apply(to: store)
        for change in plan.changes {
            var details = change.secrets.mapValues(JSONValue.string)
            if !change.fields.isEmpty { details["changed"] = .object(change.fields) }
            try await audit.record("settings.update", by: caller, target: "settings", id: change.section, details: details)
        }
        if let general = plan.changes.first(where: { $0.section == GeneralSettings.key }),
            general.fields.keys.contains(where: { ["concurrency", "missed_run_grace_seconds"].contains($0) })
        {
            await scheduler.update(configuration: SchedulerConfiguration(try await store.settings(GeneralSettings.self)))
        }
        logger.info("settings updated", metadata: ["pgbm.settings.sections": "\(plan.changes.map(\.section))"])
        return try await show()
    }

    /// Changes fields given as `section.field = text` (the command line's form): the text is read as
    /// JSON when it fits the field's type, else as a string; then as ``update(_:by:)``.
    /// - Throws: `StoreError` `invalid` naming `section.field`.
    public func update(texts: [(section: String, key: String, text: String)], by caller: Caller) async throws -> SettingsSnapshot {
        var sections: [String: [String: JSONValue]] = [:]
        var stored: [String: [String: JSONValue]] = [:]  // each section read once, however many of its keys are set
        for (name, key, text) in texts {
            let section = try SettingsSection.named(name)
            if stored[name] == nil { stored[name] = try await section.stored(store) }
            let fields = stored[name, default: [:]].merging(sections[name] ?? [:]) { $1 }
            sections[name, default: [:]][key] = try section.value(of: text, for: key, over: fields)
        }
        return try await update(sections, by: caller)
    }

    /// Stores a new backup passphrase, makes it the active one and turns encryption on; audited as
    /// `encryption.passphrase.add`.
    /// - Returns: Its id (`p` and 8 hex digits), which the backups' manifests name.
    /// - Throws: `StoreError` `invalid` naming `passphrase` when it breaks `TextRule.secret`.
    public func addPassphrase(_ passphrase: Secret, by caller: Caller) async throws -> String {
        try TextRule.secret.check(passphrase.revealed, field: "passphrase")
        let id = try await EncryptionPassphrases.add(passphrase, in: store)
        try await audit.record("encryption.passphrase.add", by: caller, target: "passphrase", id: id, details: ["active": .bool(true)])
        logger.info("passphrase added", metadata: ["pgbm.passphrase.id": "\(id)"])
        return id
    }

    /// Generates a strong passphrase, stores it as the active one and turns encryption on; audited as
    /// `encryption.passphrase.generate`.
    /// - Returns: Its id and the passphrase (the only time it is shown).
    public func generatePassphrase(by caller: Caller) async throws -> (id: String, passphrase: Secret) {
        let (id, passphrase) = try await EncryptionPassphrases.addGenerated(in: store)
        try await audit.record(
            "encryption.passphrase.generate", by: caller, target: "passphrase", id: id, details: ["active": .bool(true)])
        logger.info("passphrase generated", metadata: ["pgbm.passphrase.id": "\(id)"])
        return (id, passphrase)
    }

    /// Tests the stored S3 settings, or `given` fields over them (the stored secret key when `given` has
    /// none), against the bucket.
    /// - Throws: `StoreError` `invalid` when the settings are incomplete; a failed test is a result.
    public func testS3(_ given: [String: JSONValue] = [:]) async throws -> SettingsCheck {
        let section = try SettingsSection.named(S3Settings.key)
        var fields = try section.merge(given, over: try await section.stored(store))
        fields["enabled"] = .bool(true)
        let settings = try SettingsSection.decode(S3Settings.self, from: fields, section: section.name)
        try SettingsSection.validate(settings, section: section.name)
        var secret: Secret
        if case .string(let text)? = given["secret_key"], !text.isEmpty {
            try TextRule.secret.check(text, field: "s3.secret_key")
            secret = Secret(text)
        } else if let stored = try await store.secret(.s3SecretKey) {
            secret = stored
        } else {
            throw StoreError.invalid(field: "s3.secret_key", "is required: none is stored")
        }
        do {
            try await s3.store(settings, secretKey: secret).testConnection()
            return SettingsCheck(ok: true, channel: nil, bucket: settings.bucket, message: "bucket reachable and usable", failure: nil)
        } catch {
            logger.info("S3 test failed", metadata: ["pgbm.s3.bucket": "\(settings.bucket)", "error.type": "\(type(of: error))"])
            let failure: ConnectionCheck.Failure
            if let error = error as? StorageError {
                failure = .init(code: error.code.description, message: error.message)
            } else if let error = error as? BackupError, error.code.family == .backup {
                failure = .init(code: "configuration", message: error.message)
            } else {
                failure = .init(code: "other", message: "the S3 request failed; the server log has the details")
            }
            return SettingsCheck(ok: false, channel: nil, bucket: settings.bucket, message: nil, failure: failure)
        }
    }

    /// Sends a test alert on `channel` now.
    public func testAlert(_ channel: AlertChannel) async -> SettingsCheck {
        let result = await notifier.sendTest(channel: channel)
        let ok = result.status == .sent
        return SettingsCheck(
            ok: ok, channel: result.channel.rawValue, bucket: nil, message: ok ? result.message : nil,
            failure: ok ? nil : .init(code: result.status.rawValue, message: result.message))
    }
}

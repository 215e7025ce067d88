import Crypto
import Foundation
import GRDB
import Logging

extension SQLiteStore: SecretStore {
    public func setSecret(_ value: Secret?, for name: SecretName) async throws {
        try await write { [masterKey] db in try Self.setSecret(value, for: name, in: db, key: masterKey) }
        logger.info(value == nil ? "secret removed" : "secret stored", metadata: ["pgbm.secret.name": "\(name)"])
    }

    public func secret(_ name: SecretName) async throws -> Secret? {
        try await read { [masterKey] db in try Self.secret(name, in: db, key: masterKey) }
    }

    public func secretNames() async throws -> [SecretName] {
        try await read { db in try String.fetchAll(db, sql: "SELECT name FROM secret ORDER BY name").map { SecretName($0) } }
    }

    static func setSecret(_ value: Secret?, for name: SecretName, in db: Database, key: MasterKey) throws {
        guard let value else {
            try db.execute(sql: "DELETE FROM secret WHERE name = ?", arguments: [name.rawValue])
            return
        }
        // The name is authenticated with the value, so a sealed secret cannot be moved to another name.
        let sealed = try AES.GCM.seal(Data(value.revealed.utf8), using: key.key, authenticating: Data(name.rawValue.utf8))
        try db.execute(
            sql: "INSERT INTO secret (name, sealed, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT(name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
            arguments: [name.rawValue, sealed.combined!, Date()])
    }

    static func secret(_ name: SecretName, in db: Database, key: MasterKey) throws -> Secret? {
        guard let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM secret WHERE name = ?", arguments: [name.rawValue]) else {
            return nil
        }
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
              let plain = try? AES.GCM.open(box, using: key.key, authenticating: Data(name.rawValue.utf8)),
              let text = String(data: plain, encoding: .utf8) else {
            throw StoreError(
                .secretsUnreadable,
                "secret \(name) cannot be decrypted with the master key from \(key.source): it was written with another key "
                    + "or is damaged; enter it again")
        }
        return Secret(text)
    }
}

import BackupStorage
import Testing

@Suite("Object keys")
struct ObjectKeyTests {
    @Test("ordinary and unusual but safe keys are accepted", arguments: [
        "app/app_20261126T020000Z.dump.zst.enc", "a", "with space/x (1)+=~.dump", "ünïcødé/漢字.sql", "a/b/c/d",
    ])
    func acceptsSafeKeys(key: String) throws {
        #expect(try ObjectKey(key).rawValue == key)
    }

    @Test("keys that could escape a folder or confuse a store are refused, saying why", arguments: [
        ("", "is empty"), ("/etc/passwd", "is absolute"), ("../secret", ". or .. segment"), ("a/../../b", ". or .. segment"),
        ("a/./b", ". or .. segment"), ("a//b", "empty segment"), ("a/", "empty segment"), ("a\u{0}b", "NUL"),
        ("a\nb", "control character"), ("x.dump.partial", ".partial"), ("a/b.partial/c", ".partial"), (String(repeating: "k", count: 1025), "1024 bytes"),
    ])
    func refusesUnsafeKeys(key: String, reason: String) {
        let error = #expect(throws: StorageError.self) { try ObjectKey(key) }
        #expect(error?.code == .invalidKey)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }
}

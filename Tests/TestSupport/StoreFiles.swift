import Foundation

/// The files of a SQLite store as they are on disk, for canary searches.
public enum StoreFiles {
    /// Which of `path`, `path-wal` and `path-shm` hold `text` in their raw bytes (missing files hold nothing).
    public static func holding(_ text: String, store path: String) -> [String] {
        ["", "-wal", "-shm"].map { path + $0 }.filter { file in
            FileManager.default.contents(atPath: file)?.range(of: Data(text.utf8)) != nil
        }
    }
}

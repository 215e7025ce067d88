import Foundation

/// Writes benchmark input: a 16 MiB block of random bytes, repeated with a varying first word so no two
/// blocks are equal.
enum TestFile {
    static func write(_ path: String, mebibytes: Int) throws {
        var generator = SystemRandomNumberGenerator()
        var block = [UInt64](repeating: 0, count: 2 << 20)
        for i in block.indices { block[i] = generator.next() }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError(message: "cannot create \(path)")
        }
        defer { try? handle.close() }
        var left = mebibytes << 20
        var counter: UInt64 = 0
        while left > 0 {
            block[0] = counter
            counter += 1
            let data = block.withUnsafeBytes { Data($0.prefix(left)) }
            try handle.write(contentsOf: data)
            left -= data.count
        }
    }
}

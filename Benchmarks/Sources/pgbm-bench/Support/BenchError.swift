/// A benchmark step failed: a tool could not start, failed, or did not round-trip the file.
struct BenchError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A finished run: the consumer's value and what the run produced.
public struct DumpResult<Value> {
    /// What the consuming closure returned.
    public let value: Value
    /// Bytes the program wrote to standard output.
    public let byteCount: Int
    /// How long the run took, from start to the program's exit.
    public let duration: Duration
    /// The program's stderr on success (warnings; usually empty), password redacted.
    public let warnings: String
}

extension DumpResult: Sendable where Value: Sendable {}

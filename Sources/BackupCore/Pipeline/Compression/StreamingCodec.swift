/// One incremental step of a zstd compressor or decompressor, as the async sequences drive them.
protocol StreamingCodec: ~Copyable {
    /// Runs the codec on `input[offset...]` until the input is consumed or one output block is full;
    /// with `end` (and empty input), until the stream is complete.
    ///
    /// - Returns: at most one output block, and whether to call again with the same input.
    mutating func step(
        _ input: UnsafeRawBufferPointer, offset: inout Int, end: Bool
    ) throws(CompressionError) -> (bytes: [UInt8], more: Bool)
}

extension ZstdCompressor: StreamingCodec {}

extension ZstdDecompressor: StreamingCodec {}

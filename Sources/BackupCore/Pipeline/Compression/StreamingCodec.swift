import Foundation

/// One incremental step of a zstd compressor or decompressor, as the async sequences drive them.
protocol StreamingCodec: ~Copyable {
    /// Runs the codec on `input[offset...]` until the input is consumed or one output block is full;
    /// with `end` (and empty input), until the stream is complete.
    ///
    /// - Returns: at most one output block, and whether to call again with the same input.
    mutating func step(
        _ input: UnsafeRawBufferPointer, offset: inout Int, end: Bool
    ) throws(BackupError) -> (bytes: [UInt8], more: Bool)
}

extension ZstdCompressor: StreamingCodec {}

extension ZstdDecompressor: StreamingCodec {}

extension StreamingCodec where Self: ~Copyable {
    /// Runs the codec over all of `input` and returns every output byte it produced meanwhile.
    mutating func drain(_ input: UnsafeRawBufferPointer) throws(BackupError) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        var more = true
        while more {
            let block = try step(input, offset: &offset, end: false)
            output.appendBlock(block.bytes)
            more = block.more
        }
        return output
    }

    /// ``drain(_:)-(UnsafeRawBufferPointer)`` over each contiguous region of `input`.
    mutating func drain(_ input: some DataProtocol) throws(BackupError) -> [UInt8] {
        var output: [UInt8] = []
        for region in input.regions {
            var result: Result<[UInt8], BackupError> = .success([])
            region.withUnsafeBytes { raw in
                result = Result { () throws(BackupError) in try drain(raw) }
            }
            output.appendBlock(try result.get())
        }
        return output
    }
}

import Foundation

/// Drives a ``StreamingCodec`` over a sequence of input chunks, one output block at a time.
///
/// The async sequences feed it a chunk when it asks for one and hand on each block it returns, so
/// besides the codec's own state it holds one input chunk and one output block (about 128 KiB).
final class CodecPump<Codec: StreamingCodec & ~Copyable, Chunk: DataProtocol> {
    /// What the pump needs or has next.
    enum Event {
        /// A block of output, never empty.
        case output([UInt8])
        /// Feed the next input chunk, or `nil` at the end of the input.
        case needsInput
        /// The stream is complete.
        case finished
    }

    private var codec: Codec
    private var chunk: Chunk?
    private var offset = 0
    private var ending = false
    private var finished = false

    init(_ codec: consuming Codec) {
        self.codec = codec
    }

    /// Takes the next input chunk; `nil` ends the input.
    func feed(_ chunk: Chunk?) {
        if let chunk {
            self.chunk = chunk
            offset = 0
        } else {
            ending = true
        }
    }

    /// Runs the codec until it has a block of output, needs input, or is finished.
    func next() throws(BackupError) -> Event {
        while !finished {
            let step: (bytes: [UInt8], more: Bool)
            if let chunk {
                step = try chunk.withContiguousBytes { (bytes) throws(BackupError) in
                    try codec.step(bytes, offset: &offset, end: false)
                }
                if !step.more { self.chunk = nil }
            } else if ending {
                var none = 0
                step = try codec.step(UnsafeRawBufferPointer(start: nil, count: 0), offset: &none, end: true)
                if !step.more { finished = true }
            } else {
                return .needsInput
            }
            if !step.bytes.isEmpty { return .output(step.bytes) }
        }
        return .finished
    }

    /// The next output block, feeding the codec from `input` whenever it asks; `nil` once the stream is
    /// complete. What both zstd sequences' iterators do.
    func pull<Input: AsyncIteratorProtocol>(
        from input: inout Input, isolation actor: isolated (any Actor)?
    ) async throws -> [UInt8]? where Input.Element == Chunk {
        while true {
            switch try next() {
            case .output(let block): return block
            case .finished: return nil
            case .needsInput: feed(try await input.next(isolation: actor))
            }
        }
    }
}

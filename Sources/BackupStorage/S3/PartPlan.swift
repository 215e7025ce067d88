/// How a file is cut into multipart-upload parts.
///
/// The part size starts at the configured size and grows in whole MiB until the file needs no more
/// than the provider's part limit.
struct PartPlan: Equatable, Sendable {
    let fileSize: Int64
    let partSize: Int64

    init(fileSize: Int64, startingPartSize: Int, maxParts: Int) {
        let mebibyte: Int64 = 1 << 20
        var size = Int64(startingPartSize)
        let needed = (fileSize + Int64(maxParts) - 1) / Int64(maxParts)
        if needed > size { size = (needed + mebibyte - 1) / mebibyte * mebibyte }
        self.fileSize = fileSize
        self.partSize = size
    }

    /// Whether one PutObject suffices.
    var isSinglePart: Bool { fileSize <= partSize }

    /// Number of parts (at least 1).
    var partCount: Int { max(1, Int((fileSize + partSize - 1) / partSize)) }

    /// The byte range of part `number` (1-based).
    func range(ofPart number: Int) -> Range<Int64> {
        let start = Int64(number - 1) * partSize
        return start..<min(start + partSize, fileSize)
    }
}

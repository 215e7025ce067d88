extension [UInt8] {
    /// Appends a block, taking it over without a copy when nothing is collected yet.
    mutating func appendBlock(_ block: [UInt8]) {
        if isEmpty { self = block } else { append(contentsOf: block) }
    }
}

/// A stable least-significant-digit radix sort of plan entries by location, then key.
///
/// Six passes of 11 bits cover the 64-bit key and a last pass the location; a pass whose digit is the
/// same for every entry (the high bits of times within a few decades, the low bits of whole seconds) is
/// skipped. Equal (location, key) pairs keep their input order.
///
/// ```swift
/// RadixSort.sort(&entries)
/// ```
enum RadixSort {
    private static let digitBits = 11
    private static let buckets = 1 << digitBits

    /// Sorts entries by location, then key, ascending and stably.
    static func sort(_ entries: inout [PlanOrder.Entry]) {
        guard entries.count > 1 else { return }
        var source = entries
        var target = entries
        let keyPasses = (64 + digitBits - 1) / digitBits
        for pass in 0...keyPasses {
            let digit: (PlanOrder.Entry) -> Int =
                pass == keyPasses
                ? { Int($0.location) }
                : { Int(truncatingIfNeeded: $0.key >> UInt64(pass * digitBits)) & (buckets - 1) }
            if scatter(from: source, to: &target, digit: digit) {
                swap(&source, &target)
            }
        }
        entries = source
    }

    /// Moves entries into `target` ordered by `digit`, keeping the order of equal digits; false (and
    /// `target` untouched) when every entry has the same digit.
    private static func scatter(
        from source: [PlanOrder.Entry], to target: inout [PlanOrder.Entry], digit: (PlanOrder.Entry) -> Int
    ) -> Bool {
        var starts = [Int](repeating: 0, count: buckets + 1)
        source.withUnsafeBufferPointer { entries in
            for entry in entries { starts[digit(entry) + 1] += 1 }
        }
        if starts.contains(source.count) { return false }
        for bucket in 1...buckets { starts[bucket] += starts[bucket - 1] }
        target.withUnsafeMutableBufferPointer { output in
            source.withUnsafeBufferPointer { entries in
                for entry in entries {
                    let bucket = digit(entry)
                    output[starts[bucket]] = entry
                    starts[bucket] += 1
                }
            }
        }
        return true
    }
}

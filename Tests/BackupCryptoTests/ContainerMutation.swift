import BackupCrypto
import TestSupport

/// One random change to a container, as a hostile storage or a broken disk would make it: bit flips, byte
/// replacements, cuts, appended or inserted bytes, whole chunks swapped, duplicated or dropped, and header
/// fields set to other (often boundary) values. Drawn from a seeded generator, so a seed names it again.
///
/// ```swift
/// var rng = SplitMix64(seed: 7)
/// let mutation = ContainerMutation.random(for: layout, using: &rng)
/// let damaged = mutation.apply(to: container, chunkSize: 4096)
/// ```
struct ContainerMutation: CustomStringConvertible {
    /// Where a container's parts are: the 57-byte header, then stored chunks of `record` bytes (the last
    /// one shorter).
    struct Layout {
        let chunkSize: Int
        let byteCount: Int
        var record: Int { chunkSize + 16 }
        var header: Int { ContainerHeader.byteCount }
        /// Stored chunks, the short final one included.
        var records: Int { max(0, (byteCount - header + record - 1) / record) }
        func range(ofRecord index: Int) -> Range<Int> {
            (header + index * record)..<min(byteCount, header + (index + 1) * record)
        }
    }

    /// A header field and its place.
    enum Field: CaseIterable {
        case magic, version, kdf, iterations, salt, noncePrefix, chunkSize, keyCheck
        var range: Range<Int> {
            switch self {
            case .magic: 0..<8
            case .version: 8..<9
            case .kdf: 9..<10
            case .iterations: 10..<14
            case .salt: 14..<30
            case .noncePrefix: 30..<37
            case .chunkSize: 37..<41
            case .keyCheck: 41..<57
            }
        }
    }

    enum Step: CustomStringConvertible {
        case flipBit(offset: Int, bit: Int)
        case replaceByte(offset: Int, value: UInt8)
        case truncate(length: Int)
        case append([UInt8])
        case insert([UInt8], at: Int)
        case remove(Range<Int>)
        case swapRecords(Int, Int)
        case duplicateRecord(Int, at: Int)
        case dropRecord(Int)
        case setField(Field, [UInt8])

        /// The kind of change, without its values (`swapRecords`, `setField(salt)`).
        var kind: String {
            switch self {
            case .flipBit: "flipBit"
            case .replaceByte: "replaceByte"
            case .truncate: "truncate"
            case .append: "append"
            case .insert: "insert"
            case .remove: "remove"
            case .swapRecords: "swapRecords"
            case .duplicateRecord: "duplicateRecord"
            case .dropRecord: "dropRecord"
            case .setField(let field, _): "setField(\(field))"
            }
        }

        /// Every kind ``kind`` can name.
        static let kinds: Set<String> = Set(
            ["flipBit", "replaceByte", "truncate", "append", "insert", "remove", "swapRecords", "duplicateRecord", "dropRecord"]
                + Field.allCases.map { "setField(\($0))" })

        var description: String {
            switch self {
            case .flipBit(let offset, let bit): "flip bit \(bit) of byte \(offset)"
            case .replaceByte(let offset, let value): "byte \(offset) := \(value)"
            case .truncate(let length): "cut to \(length) bytes"
            case .append(let bytes): "append \(bytes.count) bytes"
            case .insert(let bytes, let offset): "insert \(bytes.count) bytes at \(offset)"
            case .remove(let range): "remove bytes \(range)"
            case .swapRecords(let a, let b): "swap chunks \(a) and \(b)"
            case .duplicateRecord(let index, let at): "copy chunk \(index) before chunk \(at)"
            case .dropRecord(let index): "drop chunk \(index)"
            case .setField(let field, let bytes): "header \(field) := \(bytes)"
            }
        }
    }

    /// The changes, applied in order.
    let steps: [Step]

    var description: String { steps.map(\.description).joined(separator: ", then ") }

    /// One to three random steps for a container laid out as `layout`.
    static func random(for layout: Layout, using rng: inout SplitMix64) -> ContainerMutation {
        var steps: [Step] = []
        var layout = layout
        for _ in 0..<(rng.chance(3) ? Int.random(in: 2...3, using: &rng) : 1) {
            let step = randomStep(for: layout, using: &rng)
            steps.append(step)
            let zeros = [UInt8](repeating: 0, count: layout.byteCount)
            layout = Layout(chunkSize: layout.chunkSize, byteCount: step.apply(to: zeros, record: layout.record).count)
        }
        return ContainerMutation(steps: steps)
    }

    /// The container with every step applied (stored chunks of `chunkSize + 16` bytes).
    func apply(to container: [UInt8], chunkSize: Int) -> [UInt8] {
        steps.reduce(container) { $1.apply(to: $0, record: chunkSize + 16) }
    }

    private static func randomStep(for layout: Layout, using rng: inout SplitMix64) -> Step {
        let count = layout.byteCount
        let records = layout.records
        switch Int.random(in: 0..<10, using: &rng) {
        case 0 where count > 0:
            return .flipBit(offset: rng.offset(in: layout), bit: Int.random(in: 0..<8, using: &rng))
        case 1 where count > 0:
            return .replaceByte(offset: rng.offset(in: layout), value: rng.byte())
        case 2:
            // Cuts favour the places a reader must get right: record boundaries and around the tag.
            let boundary = layout.header + Int.random(in: 0...records, using: &rng) * layout.record
            let near = boundary + Int.random(in: -17...17, using: &rng)
            let length = rng.chance(2) ? near : Int.random(in: 0...count, using: &rng)
            return .truncate(length: min(count, max(0, length)))
        case 3:
            let length = rng.chance(2) ? Int.random(in: 1...17, using: &rng) : Int.random(in: 1...(2 * layout.record), using: &rng)
            return .append(rng.bytes(length))
        case 4:
            return .insert(rng.bytes(Int.random(in: 1...64, using: &rng)), at: Int.random(in: 0...count, using: &rng))
        case 5 where count > 0:
            let start = Int.random(in: 0..<count, using: &rng)
            return .remove(start..<min(count, start + Int.random(in: 1...64, using: &rng)))
        case 6 where records >= 2:
            let a = Int.random(in: 0..<records, using: &rng)
            let b = (a + Int.random(in: 1..<records, using: &rng)) % records
            return .swapRecords(min(a, b), max(a, b))
        case 7 where records >= 1:
            return .duplicateRecord(Int.random(in: 0..<records, using: &rng), at: Int.random(in: 0...records, using: &rng))
        case 8 where records >= 1:
            return .dropRecord(Int.random(in: 0..<records, using: &rng))
        case 9 where count >= layout.header:
            let field = Field.allCases.randomElement(using: &rng)!
            return .setField(field, fieldValue(field, layout: layout, using: &rng))
        default:
            return .append(rng.bytes(Int.random(in: 1...8, using: &rng)))
        }
    }

    /// A new value for `field`: boundary values of the accepted ranges, the writer's own values and
    /// neighbours of the current ones, or random bytes.
    private static func fieldValue(_ field: Field, layout: Layout, using rng: inout SplitMix64) -> [UInt8] {
        func uint32(_ value: UInt32) -> [UInt8] {
            [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        let chunk = UInt32(layout.chunkSize)
        switch field {
        case .version, .kdf:
            return [[0, 1, 2, 0xFF].randomElement(using: &rng)!]
        case .iterations:
            let values: [UInt32] = [0, 1, 99_999, 100_000, 100_001, 600_000, 10_000_000, 10_000_001, .max]
            return uint32(rng.chance(2) ? values.randomElement(using: &rng)! : UInt32.random(in: 0...UInt32.max, using: &rng))
        case .chunkSize:
            let values: [UInt32] = [0, 4095, 4096, 4097, chunk - 1, chunk + 1, chunk * 2, 1 << 20, 16_777_216, 16_777_217, .max]
            return uint32(rng.chance(2) ? values.randomElement(using: &rng)! : UInt32.random(in: 0...UInt32.max, using: &rng))
        case .magic:
            return rng.chance(2) ? Array("PGBMENC2".utf8) : rng.bytes(8)
        case .salt, .noncePrefix, .keyCheck:
            return rng.bytes(field.range.count)
        }
    }
}

extension ContainerMutation.Step {
    /// `container` with this step applied, for stored chunks of `record` bytes; a step that no longer fits
    /// (after an earlier cut) changes only what still exists.
    func apply(to container: [UInt8], record: Int) -> [UInt8] {
        var out = container
        let layout = ContainerMutation.Layout(chunkSize: record - 16, byteCount: out.count)
        switch self {
        case .flipBit(let offset, let bit):
            if offset < out.count { out[offset] ^= UInt8(1) << bit }
        case .replaceByte(let offset, let value):
            if offset < out.count { out[offset] = value }
        case .truncate(let length):
            out = Array(out.prefix(length))
        case .append(let bytes):
            out += bytes
        case .insert(let bytes, let offset):
            out.insert(contentsOf: bytes, at: min(offset, out.count))
        case .remove(let range):
            out.removeSubrange(range.clamped(to: 0..<out.count))
        case .setField(let field, let bytes):
            if field.range.upperBound <= out.count { out.replaceSubrange(field.range, with: bytes) }
        case .swapRecords(let a, let b):
            guard b < layout.records else { break }
            let first = layout.range(ofRecord: a)
            let second = layout.range(ofRecord: b)
            out = Array(container[..<first.lowerBound]) + container[second] + container[first.upperBound..<second.lowerBound]
                + container[first] + container[second.upperBound...]
        case .duplicateRecord(let index, let at):
            guard index < layout.records else { break }
            out.insert(contentsOf: container[layout.range(ofRecord: index)], at: min(out.count, layout.header + at * record))
        case .dropRecord(let index):
            guard index < layout.records else { break }
            out.removeSubrange(layout.range(ofRecord: index))
        }
        return out
    }
}

extension SplitMix64 {
    /// True one time in `n`.
    mutating func chance(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &self) == 0 }

    mutating func byte() -> UInt8 { UInt8.random(in: 0...255, using: &self) }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }

    /// An offset inside a container of `layout.byteCount` bytes (at least 1): a third in the header, a
    /// third in a chunk's tag, a third anywhere.
    mutating func offset(in layout: ContainerMutation.Layout) -> Int {
        let count = layout.byteCount
        switch Int.random(in: 0..<3, using: &self) {
        case 0: return Int.random(in: 0..<min(count, layout.header), using: &self)
        case 1 where layout.records > 0:
            let record = layout.range(ofRecord: Int.random(in: 0..<layout.records, using: &self))
            return max(record.lowerBound, record.upperBound - Int.random(in: 1...16, using: &self))
        default: return Int.random(in: 0..<count, using: &self)
        }
    }
}

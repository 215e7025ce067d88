@testable import BackupStorage
import Testing

@Suite("Multipart part plans")
struct PartPlanTests {
    static let mib: Int64 = 1 << 20

    @Test("a file up to one part is a single PutObject", arguments: [0, 1, 16 << 20])
    func singlePart(size: Int64) {
        let plan = PartPlan(fileSize: size, startingPartSize: 16 << 20, maxParts: 10_000)
        #expect(plan.isSinglePart)
        #expect(plan.partCount == 1)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let size: Int64
        let maxParts: Int
        let partSizeMiB: Int64
        let parts: Int
        var testDescription: String { "\(size) bytes, limit \(maxParts)" }
    }

    static let cases: [Case] = [
        Case(size: 1 << 30, maxParts: 10_000, partSizeMiB: 16, parts: 64),
        Case(size: 200 << 30, maxParts: 10_000, partSizeMiB: 21, parts: 9753),
        Case(size: 5 << 40, maxParts: 10_000, partSizeMiB: 525, parts: 9987),
        Case(size: 100 << 30, maxParts: 1_000, partSizeMiB: 103, parts: 995),
        Case(size: (16 << 20) + 1, maxParts: 10_000, partSizeMiB: 16, parts: 2),
    ]

    @Test("the part size grows so a file never needs more than the part limit", arguments: cases)
    func partSizeGrows(example: Case) {
        let plan = PartPlan(fileSize: example.size, startingPartSize: 16 << 20, maxParts: example.maxParts)
        #expect(plan.partSize == example.partSizeMiB * Self.mib)
        #expect(plan.partCount == example.parts)
        #expect(plan.partCount <= example.maxParts)
        #expect(plan.partSize % Self.mib == 0)
    }

    @Test("the parts cover the file exactly, in order")
    func rangesCoverFile() {
        let plan = PartPlan(fileSize: 100 * Self.mib + 7, startingPartSize: 16 << 20, maxParts: 10_000)
        let ranges = (1...plan.partCount).map(plan.range(ofPart:))
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.last?.upperBound == plan.fileSize)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(ranges.dropLast().allSatisfy { Int64($0.count) == plan.partSize })
    }
}

/// The periods one calendar rule has kept a backup for, up to its limit.
///
/// ```swift
/// var tally = BucketTally(limit: 2)
/// tally.take(20_783)   // true: a new period
/// tally.take(20_783)   // false: already kept
/// ```
struct BucketTally {
    /// How many periods the rule keeps.
    let limit: Int
    private(set) var taken: [Int] = []
    private var lastKey = Int.min
    private var smallestKey = Int.max

    /// An empty tally.
    ///
    /// - Parameters:
    ///   - limit: how many periods the rule keeps.
    init(limit: Int) {
        self.limit = limit
        taken.reserveCapacity(min(limit, 1024))
    }

    /// True when the rule has kept `limit` periods.
    var isFull: Bool { taken.count >= limit }

    /// Claims the period `key` if it is new and the rule has room; true when claimed.
    ///
    /// Keys usually fall as the walk goes back in time; a local clock turned back across midnight can
    /// make one repeat out of order, so an already-claimed key is looked up before claiming.
    mutating func take(_ key: Int) -> Bool {
        if isFull || key == lastKey { return false }
        lastKey = key
        if key >= smallestKey && taken.contains(key) { return false }
        taken.append(key)
        smallestKey = min(smallestKey, key)
        return true
    }
}

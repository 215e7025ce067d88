import BackupCore
import Foundation
import Testing

/// The policy value: its JSON form and its description.
@Suite("Retention policy")
struct RetentionPolicyTests {
    @Test("a policy survives a JSON round trip")
    func roundTrip() throws {
        let policy = RetentionPolicy(keepLast: 3, daily: 7, weekly: 4, monthly: 12, yearly: 5)
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(RetentionPolicy.self, from: data) == policy)
    }

    @Test("missing counts decode as 0")
    func missingCounts() throws {
        let policy = try JSONDecoder().decode(RetentionPolicy.self, from: Data(#"{"daily": 7}"#.utf8))
        #expect(policy == RetentionPolicy(daily: 7))
    }

    @Test("a negative count is refused when decoding")
    func negativeCount() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RetentionPolicy.self, from: Data(#"{"weekly": -1}"#.utf8))
        }
    }

    @Test(
        "the description lists the rules that are on",
        arguments: [
            (RetentionPolicy(keepLast: 3, daily: 7, weekly: 4), "keep-last 3, daily 7, weekly 4"),
            (RetentionPolicy(monthly: 12, yearly: 2), "monthly 12, yearly 2"),
            (RetentionPolicy(), "no rules"),
            (RetentionPolicy(daily: -1), "no rules"),
        ])
    func description(policy: RetentionPolicy, text: String) {
        #expect(policy.description == text)
        #expect(policy.isEmpty == (text == "no rules"))
    }
}

@testable import BackupRepository
import Foundation
import Testing

/// The quick JSON reader behind `JSONValue(parsing:)` gives what `JSONDecoder` gives, or gives up.
@Suite("JSONValue's quick reader agrees with JSONDecoder")
struct JSONValueParserTests {
    static func decoded(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static let documents: [String] = [
        "{}", "[]", " { } ", "14", "-3", "0", "-0", "007", "true", "false", "null", "\"a\"", "Berlin", "", " ", "{",
        #"{"database_id":3}"#, #"{"name":"a\"b\\c\/d","scope":"local","force":false}"#,
        #"{"port":{"from":5432,"to":5433},"host":{"from":null,"to":"db.internal"}}"#,
        #"{"ratio":0.25}"#, #"{"big":1e20}"#, #"{"x":1.0}"#, #"{"x":-1E3}"#, #"[9223372036854775807,-9223372036854775808]"#,
        "[9223372036854775808]", "[-9223372036854775809]", "[18446744073709551616]",
        #"{"esc":"\b\f\n\r\t\u0000\u001f\u00e9\u65e5\ud83c\udf89"}"#, #"{"bad":"\x"}"#, #"{"bad":"\ud800"}"#,
        "{\"raw\":\"tab\there\"}", #"{"é":"ü","🎉":["日本"]}"#, #"{"a":1,"a":2}"#, #"{"a":1,}"#, "[1,]", "[1 2]",
        #"{"a" : [ 1 , { "b" : [ ] } ] }"#, "\n\t{\"a\":true}\r\n", #"{"a":tru}"#, #"{"a":nul}"#, "[true false]",
        #"{"nested":{"deeper":{"deepest":[[],[{}]]}}}"#, String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        "{} x", "\"unterminated", #"{"a":"\u12"}"#,
    ]

    @Test(arguments: documents)
    func quickReaderAgreesWithJSONDecoder(text: String) {
        let expected = Self.decoded(text)
        if let quick = JSONValueParser.parse(text) {
            #expect(quick == expected)
        }
        #expect(JSONValue(parsing: text) == expected)
    }

    @Test func whatPgbmWritesIsReadQuickly() {
        // Given details as the audit trail writes them
        let details = JSONValue.object([
            "database_id": .integer(3), "name": .string("app \"prod\" é\n"), "force": .bool(false), "none": .null,
            "changes": .object(["port": .object(["from": .integer(5432), "to": .integer(-1)])]), "list": .array([.string("a"), .integer(0)]),
        ])
        // When they are read back quickly
        // Then nothing is lost
        #expect(JSONValueParser.parse(details.jsonText) == details)
    }
}

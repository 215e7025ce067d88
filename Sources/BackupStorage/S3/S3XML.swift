import Foundation
#if canImport(FoundationXML)
import FoundationXML
import Logging
import NIOHTTP1
import NIOFoundationCompat
import AsyncHTTPClient
import NIOCore
#endif

/// A parsed S3 XML response as a small element tree: enough for errors, listings and uploads.
struct S3XML: Sendable {
    let name: String
    var text: String
    var children: [S3XML]

    /// The first child named `name`.
    subscript(_ name: String) -> S3XML? { children.first { $0.name == name } }

    /// Every child named `name`.
    func all(_ name: String) -> [S3XML] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    func text(_ name: String) -> String? { self[name]?.text }

    /// Parses `data`; `nil` if it is not XML.
    static func parse(_ data: Data) -> S3XML? {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    /// Escapes text for an XML element body.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [S3XML] = []
        var root: S3XML?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            stack.append(S3XML(name: elementName, text: "", children: []))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}

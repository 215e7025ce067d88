import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// Decodes the JSON body as `type`; a body that does not fit becomes a 400 or a 422 naming the field.
    func decodeJSON<Value: Decodable>(as type: Value.Type, context: APIRequestContext) async throws -> Value {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            return try context.requestDecoder.decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.decoding(error)
        }
    }

    /// Refuses a body that is not declared as JSON (`Content-Type: application/json`, parameters such as
    /// `charset` allowed) with a `415`: a form or a script on another site can send `text/plain` and form
    /// bodies without asking the browser's permission first, but not `application/json`.
    func requireJSONContentType() throws {
        let mediaType = headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw APIError(
                .unsupportedMediaType, code: .unsupportedMediaType,
                message: "send the body as JSON with the header Content-Type: application/json")
        }
    }
}

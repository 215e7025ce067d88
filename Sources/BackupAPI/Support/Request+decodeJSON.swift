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
}

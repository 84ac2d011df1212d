import Foundation
import Hummingbird

/// Reading execute and edit requests: the body (JSON or multipart/form-data) and snowflake query values.
extension SandboxResponder {
    /// Largest body read: every file at its limit plus room for the JSON part.
    var maxBodySize: Int {
        SandboxValidator.maxFiles * configuration.maxFileSize + 1024 * 1024
    }

    /// The JSON payload and file parts of an execute or edit body (JSON or multipart/form-data).
    func payload(
        of request: Request, body: Result<[UInt8], SandboxAPIError>
    ) throws(SandboxAPIError) -> (SandboxJSON, [SandboxUpload]) {
        let bytes = try body.get()
        let contentType = request.headers[.contentType] ?? ""
        guard let boundary = SandboxMultipart.boundary(contentType: contentType) else {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return (.object([:]), []) }
            guard let json = SandboxJSON(parsing: Data(bytes)) else { throw .invalidJSON }
            return (json, [])
        }
        guard let multipart = SandboxMultipart(body: bytes, boundary: boundary) else {
            throw SandboxAPIError(status: 400, code: 0, message: "400: Bad Request")
        }
        var fields: [String: SandboxJSON] = [:]
        var payload: SandboxJSON?
        var uploads: [SandboxUpload] = []
        for part in multipart.parts {
            if let filename = part.filename {
                guard part.data.count <= configuration.maxFileSize else { throw .entityTooLarge }
                uploads.append(SandboxUpload(filename: filename, contentType: part.contentType, size: part.data.count))
            } else if part.name == "payload_json" {
                guard let json = SandboxJSON(parsing: Data(part.data)) else { throw .invalidJSON }
                payload = json
            } else {
                // Discord also takes plain form fields (`content`, `username`, …) when there is no payload_json.
                fields[part.name] = .string(String(decoding: part.data, as: UTF8.self))
            }
        }
        return (payload ?? .object(fields), uploads)
    }

    func snowflakeQuery(_ name: String, of request: Request) throws(SandboxAPIError) -> String? {
        guard let value = request.uri.queryParameters[Substring(name)].map(String.init) else { return nil }
        guard Self.isSnowflake(value) else {
            var errors = SandboxFormErrors()
            errors.add([name], code: "NUMBER_TYPE_COERCE", message: "Value \"\(value)\" is not snowflake.")
            throw .invalidFormBody(errors)
        }
        return value
    }

    static func isSnowflake(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 20 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// One file part of a multipart request, as the sandbox received it.
struct SandboxUpload: Sendable, Equatable {
    var filename: String
    var contentType: String?
    var size: Int
}

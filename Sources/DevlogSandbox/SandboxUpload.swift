/// One file part of a multipart request, as the sandbox received it.
struct SandboxUpload: Sendable, Equatable {
    var filename: String
    var contentType: String?
    var size: Int
}

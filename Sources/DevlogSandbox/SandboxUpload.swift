/// One file part of a multipart request, as the sandbox received it.
struct SandboxUpload: Sendable, Equatable {
    /// The form field name, e.g. `files[0]`.
    var fieldName: String
    var filename: String
    var contentType: String?
    var size: Int
}

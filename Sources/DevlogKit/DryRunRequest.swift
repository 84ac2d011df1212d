/// One request a dry run would have sent, with the webhook token replaced by `***`.
public struct DryRunRequest: Sendable, Hashable, Codable {
    /// One attached file.
    public struct File: Sendable, Hashable, Codable {
        /// The file name.
        public var name: String
        /// Its size in bytes.
        public var bytes: Int
    }

    /// `POST`, `PATCH`, `GET` or `DELETE`.
    public var method: String
    /// The URL, redacted.
    public var url: String
    /// The JSON body (or `payload_json` of a multipart body) exactly as it would be sent; nil without a body.
    public var json: String?
    /// The files of a multipart body.
    public var files: [File]
}

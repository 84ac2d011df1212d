import Testing
@testable import DevlogSandbox

@Suite("Sandbox: multipart/form-data reader")
struct SandboxMultipartTests {
    @Test("boundary from the Content-Type, quoted or not; other types have none")
    func boundary() {
        #expect(SandboxMultipart.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(SandboxMultipart.boundary(contentType: "Multipart/Form-Data;boundary=\"a b;c\"") == "a b;c")
        #expect(SandboxMultipart.boundary(contentType: "application/json") == nil)
        #expect(SandboxMultipart.boundary(contentType: "multipart/form-data") == nil)
    }

    @Test("parts keep their names, filenames, types and exact bytes")
    func parts() throws {
        let body = Array(
            ("--XyZ\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"content\":\"hi\"}\r\n"
                + "--XyZ\r\ncontent-disposition: form-data; name=\"files[0]\"; filename=\"a;b \\\"c\\\".md\"\r\n"
                + "Content-Type: text/markdown\r\n\r\nline\r\n--XyZ is not a delimiter here\r\n--XyZ--\r\n").utf8)
        let multipart = try #require(SandboxMultipart(body: body, boundary: "XyZ"))
        #expect(multipart.parts.map(\.name) == ["payload_json", "files[0]"])
        #expect(multipart.parts[0].filename == nil)
        #expect(String(decoding: multipart.parts[0].data, as: UTF8.self) == "{\"content\":\"hi\"}")
        #expect(multipart.parts[1].filename == "a;b \"c\".md")
        #expect(multipart.parts[1].contentType == "text/markdown")
        #expect(String(decoding: multipart.parts[1].data, as: UTF8.self) == "line\r\n--XyZ is not a delimiter here")
    }

    @Test("a body without its closing delimiter is refused")
    func truncated() {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nhalf".utf8)
        #expect(SandboxMultipart(body: body, boundary: "XyZ") == nil)
        #expect(SandboxMultipart(body: Array("no delimiter".utf8), boundary: "XyZ") == nil)
    }
}

import CCurl
import Foundation

extension CurlTransport {
    /// Collects one response while libcurl delivers it; reached from the C callbacks.
    final class ResponseAccumulator {
        var body = Data()
        var headers = HTTPHeaders()

        /// Takes one raw header line; a status line starts a new response (after a `1xx`).
        func takeHeaderLine(_ line: String) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("HTTP/") {
                headers = HTTPHeaders()
            } else if let colon = trimmed.firstIndex(of: ":") {
                let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
                let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                headers.add(name: name, value: value)
            }
        }
    }

    /// Carries out `request` on the easy handle; runs on `queue` only.
    func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        let curl = handleForQueue.pointer
        // Reset clears the previous request's options but keeps live connections (curl_easy_reset(3)).
        curl_easy_reset(curl)
        let accumulator = ResponseAccumulator()
        let context = Unmanaged.passUnretained(accumulator).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(headerList) }
        for field in request.headers {
            headerList = curl_slist_append(headerList, "\(field.name): \(field.value)")
        }
        // An empty Expect stops libcurl waiting for `100 Continue` before large bodies.
        headerList = curl_slist_append(headerList, "Expect:")

        let code: CURLcode = request.body.withUnsafeBytes { bodyBytes in
            errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
                var options: [CURLcode] = [
                    devlog_curl_setopt_string(curl, CURLOPT_URL, request.url),
                    devlog_curl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "http,https"),
                    // No signals: timeouts must not use SIGALRM in a multi-threaded process.
                    devlog_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1),
                    devlog_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout)),
                    devlog_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, Self.milliseconds(configuration.requestTimeout)),
                    devlog_curl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 1),
                    devlog_curl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, 2),
                    devlog_curl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 0),
                    devlog_curl_setopt_string(curl, CURLOPT_USERAGENT, configuration.userAgent),
                    devlog_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errorPointer.baseAddress),
                    devlog_curl_setopt_slist(curl, CURLOPT_HTTPHEADER, headerList),
                    devlog_curl_setopt_write_callback(curl, CURLOPT_WRITEFUNCTION, Self.bodyCallback),
                    devlog_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, context),
                    devlog_curl_setopt_write_callback(curl, CURLOPT_HEADERFUNCTION, Self.headerCallback),
                    devlog_curl_setopt_pointer(curl, CURLOPT_HEADERDATA, context),
                ]
                // Only the URL was checked to be loopback: a proxy from the environment would carry
                // the request, token and all, to another host, over plain http.
                if Self.hasLoopbackHost(request.url) {
                    options.append(devlog_curl_setopt_string(curl, CURLOPT_NOPROXY, "*"))
                }
                switch request.method {
                case "GET":
                    options.append(devlog_curl_setopt_long(curl, CURLOPT_HTTPGET, 1))
                case "POST":
                    options += setBody(curl, bodyBytes)
                default:
                    if !request.body.isEmpty { options += setBody(curl, bodyBytes) }
                    options.append(devlog_curl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, request.method))
                }
                if let failed = options.first(where: { $0 != CURLE_OK }) { return failed }
                return curl_easy_perform(curl)
            }
        }
        withExtendedLifetime(accumulator) {}

        guard code == CURLE_OK else {
            throw transportError(code, errorBuffer: errorBuffer, request: request, curl: curl)
        }
        var status = 0
        _ = devlog_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: accumulator.headers, body: accumulator.body)
    }

    private func setBody(_ curl: UnsafeMutableRawPointer, _ bytes: UnsafeRawBufferPointer) -> [CURLcode] {
        // POSTFIELDS does not copy: the bytes stay valid because perform runs inside withUnsafeBytes.
        let empty: StaticString = ""
        let pointer = bytes.baseAddress ?? UnsafeRawPointer(empty.utf8Start)
        return [
            devlog_curl_setopt_long(curl, CURLOPT_POST, 1),
            devlog_curl_setopt_off(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)),
            devlog_curl_setopt_pointer(curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: pointer)),
        ]
    }

    private func transportError(_ code: CURLcode, errorBuffer: [CChar], request: HTTPRequest, curl: UnsafeMutableRawPointer) -> HTTPTransportError {
        let message = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let text = message.isEmpty ? String(cString: curl_easy_strerror(code)) : message
        let detail = request.redact("\(request.method) \(request.redactedURL): \(text) (curl code \(code.rawValue))")
        var requestBytes = 0
        _ = devlog_curl_getinfo_long(curl, CURLINFO_REQUEST_SIZE, &requestBytes)
        switch code {
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            return HTTPTransportError(kind: .connectionFailed, requestMayHaveBeenSent: false, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPTransportError(kind: .timeout, requestMayHaveBeenSent: requestBytes > 0, detail: detail)
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE:
            return HTTPTransportError(kind: .connectionFailed, requestMayHaveBeenSent: requestBytes > 0, detail: detail)
        default:
            return HTTPTransportError(kind: .other, requestMayHaveBeenSent: requestBytes > 0, detail: detail)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    private static let bodyCallback: curl_write_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let accumulator = Unmanaged<ResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        data.withMemoryRebound(to: UInt8.self, capacity: length) { accumulator.body.append($0, count: length) }
        return length
    }

    private static let headerCallback: curl_write_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let accumulator = Unmanaged<ResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        accumulator.takeHeaderLine(line)
        return length
    }
}

import CCurl

/// Owns one libcurl easy handle and cleans it up when released.
///
/// Not thread-safe: libcurl forbids using one easy handle from two threads at once, so
/// ``CurlTransport`` touches it only from its serial queue.
final class CurlEasyHandle {
    /// The raw handle, valid for the lifetime of this object.
    let raw: OpaquePointer

    /// Why libcurl cannot be used (not installed, too old, failed to initialise); `nil` when it
    /// can. Loads libcurl and runs `curl_global_init` the first time, once per process.
    static var unavailableReason: String? {
        guard devlog_curl_load() != CURLE_OK else { return nil }
        return devlog_curl_load_error().map { String(cString: $0) } ?? "libcurl could not be initialised"
    }

    /// Creates a handle, or returns nil when libcurl cannot be loaded or initialised.
    init?() {
        guard Self.unavailableReason == nil, let raw = devlog_curl_easy_init() else { return nil }
        self.raw = OpaquePointer(raw)
    }

    deinit {
        devlog_curl_easy_cleanup(UnsafeMutableRawPointer(raw))
    }

    /// The handle as libcurl's `CURL *`.
    var pointer: UnsafeMutableRawPointer { UnsafeMutableRawPointer(raw) }
}

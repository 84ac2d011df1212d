import CCurl

/// Runs `curl_global_init` once per process before the first handle; Swift initialises globals
/// lazily and thread-safely, which is the guarantee curl_global_init needs (it is not thread-safe).
private let curlGlobalInitResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

/// Owns one libcurl easy handle and cleans it up when released.
///
/// Not thread-safe: libcurl forbids using one easy handle from two threads at once, so
/// ``CurlTransport`` touches it only from its serial queue.
final class CurlEasyHandle {
    /// The raw handle, valid for the lifetime of this object.
    let raw: OpaquePointer

    /// Creates a handle, or returns nil when libcurl cannot initialise.
    init?() {
        guard curlGlobalInitResult == CURLE_OK, let raw = curl_easy_init() else { return nil }
        self.raw = OpaquePointer(raw)
    }

    deinit {
        curl_easy_cleanup(UnsafeMutableRawPointer(raw))
    }

    /// The handle as libcurl's `CURL *`.
    var pointer: UnsafeMutableRawPointer { UnsafeMutableRawPointer(raw) }
}

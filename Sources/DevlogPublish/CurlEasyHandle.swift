import CCurl

/// Owns one libcurl easy handle and cleans it up when released.
///
/// Not thread-safe: libcurl forbids using one easy handle from two threads at once, so
/// ``CurlTransport`` touches it only from its serial queue.
final class CurlEasyHandle {
    /// The raw handle, valid for the lifetime of this object.
    let pointer: UnsafeMutableRawPointer

    /// `curl_global_init`'s result. It must run once per process before any other libcurl call
    /// and is not safe to run on two threads at once: a static `let` runs it exactly once.
    private static let globalInit = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// Why libcurl cannot be used; `nil` when it can.
    static var unavailableReason: String? {
        guard globalInit != CURLE_OK else { return nil }
        return "libcurl could not be initialised: \(String(cString: curl_easy_strerror(globalInit)))"
    }

    /// Creates a handle, or returns nil when libcurl could not be initialised.
    init?() {
        guard Self.unavailableReason == nil, let pointer = curl_easy_init() else { return nil }
        self.pointer = pointer
    }

    deinit {
        curl_easy_cleanup(pointer)
    }
}

#ifndef DEVLOG_CCURL_H
#define DEVLOG_CCURL_H
#include <curl/curl.h>

// libcurl is loaded with dlopen on first use rather than linked: linking it loads its ~30
// dependencies (TLS, Kerberos, LDAP…) into every devlog process, about 4 ms of start-up that
// commands which never publish paid for nothing.

/// Loads libcurl.so.4 and runs curl_global_init, once per process (thread-safe). Returns
/// CURLE_OK, or CURLE_FAILED_INIT with the reason in devlog_curl_load_error().
CURLcode devlog_curl_load(void);

/// Why devlog_curl_load failed, or NULL when it did not.
const char *devlog_curl_load_error(void);

// The libcurl functions devlog uses; valid only after devlog_curl_load returned CURLE_OK.
CURL *devlog_curl_easy_init(void);
void devlog_curl_easy_cleanup(CURL *handle);
void devlog_curl_easy_reset(CURL *handle);
CURLcode devlog_curl_easy_perform(CURL *handle);
const char *devlog_curl_easy_strerror(CURLcode code);
struct curl_slist *devlog_curl_slist_append(struct curl_slist *list, const char *string);
void devlog_curl_slist_free_all(struct curl_slist *list);

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call. These typed
// wrappers pass exactly one argument of the type each option documents.
CURLcode devlog_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode devlog_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode devlog_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode devlog_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode devlog_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode devlog_curl_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value);
CURLcode devlog_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);

#endif

#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The soname of libcurl 7.16 and later (libcurl4-openssl-dev's runtime package, libcurl4).
static const char *const library_name = "libcurl.so.4";

static struct {
    __typeof__(curl_global_init) *global_init;
    __typeof__(curl_easy_init) *easy_init;
    __typeof__(curl_easy_cleanup) *easy_cleanup;
    __typeof__(curl_easy_reset) *easy_reset;
    __typeof__(curl_easy_perform) *easy_perform;
    __typeof__(curl_easy_strerror) *easy_strerror;
    __typeof__(curl_easy_setopt) *easy_setopt;
    __typeof__(curl_easy_getinfo) *easy_getinfo;
    __typeof__(curl_slist_append) *slist_append;
    __typeof__(curl_slist_free_all) *slist_free_all;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static CURLcode load_result = CURLE_FAILED_INIT;
static char load_error[512];

static int bind_symbol(void *library, const char *name, void **slot) {
    *slot = dlsym(library, name);
    if (*slot == NULL) {
        snprintf(load_error, sizeof load_error, "%s has no %s; devlog needs libcurl 7.85 or later", library_name, name);
        return 0;
    }
    return 1;
}

static void load(void) {
    // Never closed: the process keeps libcurl once it has published.
    void *library = dlopen(library_name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error, sizeof load_error, "cannot load %s (%s); install it with `apt-get install libcurl4`",
                 library_name, dlerror());
        return;
    }
    if (!bind_symbol(library, "curl_global_init", (void **)&curl.global_init)
        || !bind_symbol(library, "curl_easy_init", (void **)&curl.easy_init)
        || !bind_symbol(library, "curl_easy_cleanup", (void **)&curl.easy_cleanup)
        || !bind_symbol(library, "curl_easy_reset", (void **)&curl.easy_reset)
        || !bind_symbol(library, "curl_easy_perform", (void **)&curl.easy_perform)
        || !bind_symbol(library, "curl_easy_strerror", (void **)&curl.easy_strerror)
        || !bind_symbol(library, "curl_easy_setopt", (void **)&curl.easy_setopt)
        || !bind_symbol(library, "curl_easy_getinfo", (void **)&curl.easy_getinfo)
        || !bind_symbol(library, "curl_slist_append", (void **)&curl.slist_append)
        || !bind_symbol(library, "curl_slist_free_all", (void **)&curl.slist_free_all)) {
        return;
    }
    load_result = curl.global_init(CURL_GLOBAL_ALL);
    if (load_result != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "curl_global_init failed: %s", curl.easy_strerror(load_result));
    }
}

CURLcode devlog_curl_load(void) {
    pthread_once(&load_once, load);
    return load_result;
}

const char *devlog_curl_load_error(void) {
    return load_result == CURLE_OK ? NULL : load_error;
}

CURL *devlog_curl_easy_init(void) { return curl.easy_init(); }
void devlog_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
void devlog_curl_easy_reset(CURL *handle) { curl.easy_reset(handle); }
CURLcode devlog_curl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }
const char *devlog_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }
struct curl_slist *devlog_curl_slist_append(struct curl_slist *list, const char *string) { return curl.slist_append(list, string); }
void devlog_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }

CURLcode devlog_curl_setopt_long(CURL *handle, CURLoption option, long value) { return curl.easy_setopt(handle, option, value); }
CURLcode devlog_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) { return curl.easy_setopt(handle, option, value); }
CURLcode devlog_curl_setopt_string(CURL *handle, CURLoption option, const char *value) { return curl.easy_setopt(handle, option, value); }
CURLcode devlog_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) { return curl.easy_setopt(handle, option, value); }
CURLcode devlog_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) { return curl.easy_setopt(handle, option, value); }
CURLcode devlog_curl_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode devlog_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) { return curl.easy_getinfo(handle, info, value); }

// The parts of libcurl pgbm uses (SMTP for alert email). curl_easy_setopt and curl_easy_getinfo are
// variadic, which Swift cannot call, so each argument type gets a typed wrapper here.
#ifndef PGBM_CCURL_SHIM_H
#define PGBM_CCURL_SHIM_H

#include <curl/curl.h>

typedef size_t (*pgbm_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode pgbm_curl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

static inline CURLcode pgbm_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pgbm_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pgbm_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pgbm_curl_set_read_function(CURL *handle, pgbm_curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode pgbm_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

#endif

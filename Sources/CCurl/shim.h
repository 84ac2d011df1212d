#ifndef DEVLOG_CCURL_SHIM_H
#define DEVLOG_CCURL_SHIM_H
#include <curl/curl.h>
#endif

#ifndef TINYHTTPD_HTTP_H
#define TINYHTTPD_HTTP_H

#include <stddef.h>

/* Parses "GET /path HTTP/1.x"; returns 0 and fills method and path, or -1. */
int http_parse_request_line(const char *line, char *method, size_t method_size, char *path, size_t path_size);

/* The Content-Type for a file name, by its extension. */
const char *http_content_type(const char *name);

/* Whether a request path is safe to map onto the document root (no "..", starts with "/"). */
int http_path_is_safe(const char *path);

#endif

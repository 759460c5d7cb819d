#include "http.h"

#include <stdio.h>
#include <string.h>

int http_parse_request_line(const char *line, char *method, size_t method_size, char *path, size_t path_size)
{
    const char *space = strchr(line, ' ');
    if (!space || (size_t)(space - line) >= method_size)
        return -1;
    memcpy(method, line, space - line);
    method[space - line] = '\0';
    const char *start = space + 1;
    const char *end = strchr(start, ' ');
    if (!end || (size_t)(end - start) >= path_size)
        return -1;
    memcpy(path, start, end - start);
    path[end - start] = '\0';
    char *query = strchr(path, '?');
    if (query)
        *query = '\0';
    return strncmp(end + 1, "HTTP/1.", 7) == 0 ? 0 : -1;
}

static const struct {
    const char *extension;
    const char *type;
} TYPES[] = {
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css"},
    {".js", "text/javascript"},
    {".txt", "text/plain; charset=utf-8"},
    {".png", "image/png"},
};

const char *http_content_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof TYPES / sizeof TYPES[0]; i++)
        if (strcmp(dot, TYPES[i].extension) == 0)
            return TYPES[i].type;
    return "application/octet-stream";
}

int http_path_is_safe(const char *path)
{
    return path[0] == '/' && strstr(path, "..") == NULL;
}

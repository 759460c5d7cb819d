/* tinyhttpd: serves the files under a document root over HTTP/1.0, one request per connection. */
#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_PORT 80
#define DEFAULT_ROOT "www"

static void respond(int client, int status, const char *reason, const char *type, const char *body, size_t length)
{
    char header[256];
    int n = snprintf(header, sizeof header,
                     "HTTP/1.0 %d %s\r\nServer: tinyhttpd\r\nContent-Type: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                     status, reason, type, length);
    if (write(client, header, n) < 0 || (length && write(client, body, length) < 0))
        perror("write");
}

static void serve_file(int client, const char *root, const char *path)
{
    char file[2048];
    snprintf(file, sizeof file, "%s%s%s", root, path, path[strlen(path) - 1] == '/' ? "index.html" : "");
    FILE *f = fopen(file, "rb");
    if (!f) {
        const char *body = "not found\n";
        respond(client, 404, "Not Found", "text/plain", body, strlen(body));
        return;
    }
    struct stat st;
    fstat(fileno(f), &st);
    char *body = malloc(st.st_size ? st.st_size : 1);
    size_t length = fread(body, 1, st.st_size, f);
    fclose(f);
    respond(client, 200, "OK", http_content_type(file), body, length);
    free(body);
}

static void handle(int client, const char *root)
{
    char request[2048];
    ssize_t n = read(client, request, sizeof request - 1);
    if (n <= 0)
        return;
    request[n] = '\0';
    char method[16], path[1024];
    if (http_parse_request_line(request, method, sizeof method, path, sizeof path) != 0) {
        respond(client, 400, "Bad Request", "text/plain", "bad request\n", 12);
    } else if (strcmp(method, "GET") != 0) {
        respond(client, 405, "Method Not Allowed", "text/plain", "GET only\n", 9);
    } else if (strcmp(path, "/health") == 0) {
        respond(client, 200, "OK", "application/json", "{\"status\":\"ok\"}\n", 16);
    } else if (!http_path_is_safe(path)) {
        respond(client, 403, "Forbidden", "text/plain", "forbidden\n", 10);
    } else {
        serve_file(client, root, path);
    }
}

int main(int argc, char **argv)
{
    int port = DEFAULT_PORT;
    const char *root = DEFAULT_ROOT;
    int opt;
    while ((opt = getopt(argc, argv, "p:r:")) != -1) {
        if (opt == 'p')
            port = atoi(optarg);
        else if (opt == 'r')
            root = optarg;
        else {
            fprintf(stderr, "usage: %s [-p port] [-r root]\n", argv[0]);
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    int server = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 64) != 0) {
        fprintf(stderr, "tinyhttpd: cannot listen on port %d: %s\n", port, strerror(errno));
        return 1;
    }
    printf("tinyhttpd: serving %s on port %d\n", root, port);
    fflush(stdout);
    for (;;) {
        int client = accept(server, NULL, NULL);
        if (client < 0)
            continue;
        handle(client, root);
        close(client);
    }
}

/* capp: print the CRC-32 and Adler-32 of standard input, or greet. */
#include <stdio.h>
#include <string.h>
#include "checksum.h"

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "hello") == 0) {
        printf("hello from capp\n");
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "sum") == 0) {
        unsigned char buffer[65536];
        uint32_t crc = 0, adler = 1;
        size_t n;
        while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
            crc = crc32_update(crc, buffer, n);
            adler = adler32_update(adler, buffer, n);
        }
        if (ferror(stdin)) {
            perror("capp: stdin");
            return 1;
        }
        printf("crc32 %08x adler32 %08x\n", crc, adler);
        return 0;
    }
    fprintf(stderr, "usage: capp hello | capp sum < FILE\n");
    return 2;
}

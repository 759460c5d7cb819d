/* Prints the CRC-32 of its arguments with zlib: a dynamically linked program. */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(int argc, char **argv) {
    uLong crc = crc32(0L, Z_NULL, 0);
    for (int i = 1; i < argc; i++) crc = crc32(crc, (const Bytef *)argv[i], (uInt)strlen(argv[i]));
    printf("crc32 %08lx (zlib %s)\n", crc, zlibVersion());
    return 0;
}

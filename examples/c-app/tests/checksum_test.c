#include <stdio.h>
#include <string.h>
#include "checksum.h"

static int failures;

static void expect(const char *what, uint32_t got, uint32_t want) {
    if (got != want) {
        fprintf(stderr, "%s: got %08x, want %08x\n", what, got, want);
        failures++;
    }
}

int main(void) {
    const unsigned char *text = (const unsigned char *)"123456789";
    expect("crc32 check value", crc32_update(0, text, 9), 0xCBF43926u);
    expect("adler32 of Wikipedia", adler32_update(1, (const unsigned char *)"Wikipedia", 9), 0x11E60398u);
    expect("crc32 of nothing", crc32_update(0, text, 0), 0);
    expect("adler32 of nothing", adler32_update(1, text, 0), 1);
    return failures == 0 ? 0 : 1;
}

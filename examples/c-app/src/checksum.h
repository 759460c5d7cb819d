#ifndef CHECKSUM_H
#define CHECKSUM_H
#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE 802.3), as zlib and gzip compute it. */
uint32_t crc32_update(uint32_t crc, const unsigned char *data, size_t length);

/* Adler-32, as zlib computes it. */
uint32_t adler32_update(uint32_t adler, const unsigned char *data, size_t length);

#endif

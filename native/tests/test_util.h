/*
 * test_util.h -- helpers shared by the object tests: compressing arbitrary
 * bytes with zlib (to build valid and hostile loose objects by hand).
 */
#ifndef PANAGIT_TEST_UTIL_H
#define PANAGIT_TEST_UTIL_H

#include "check.h"
#include "panagit.h"

#include <stdlib.h>
#include <zlib.h>

/* zlib-compresses raw[0..len); the caller frees the result. */
static inline uint8_t *zcompress(const uint8_t *raw, pgit_size len, pgit_size *out_len)
{
    uLongf cap = compressBound((uLong)len);
    uint8_t *out = malloc(cap);
    if (compress2(out, &cap, raw, (uLong)len, 6) != Z_OK) {
        fprintf(stderr, "compress2 failed\n");
        exit(2);
    }
    *out_len = cap;
    return out;
}

/* zlib-compresses a NUL-terminated string as raw object bytes plus `extra`. */
static inline uint8_t *zcompress_str(const char *raw, pgit_size *out_len)
{
    return zcompress((const uint8_t *)raw, strlen(raw), out_len);
}

#endif

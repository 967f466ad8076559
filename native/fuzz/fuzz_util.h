/*
 * fuzz_util.h -- shared by the libFuzzer targets: a codec that lives for the
 * whole run, zlib compression of fuzzer bytes, and a check that aborts (so
 * libFuzzer keeps the input) when two decoders disagree.
 */
#ifndef PANAGIT_FUZZ_UTIL_H
#define PANAGIT_FUZZ_UTIL_H

#include "panagit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Declared sizes above this are not given an output buffer of their own:
 * a fuzzer's input is small, so such objects can only end in an error. */
#define FUZZ_MAX_OUT ((pgit_size)1 << 20)

static pgit_codec *fuzz_codec(void)
{
    static pgit_codec *codec;
    if (!codec && pgit_codec_new(&codec, -1) != PGIT_OK)
        abort();
    return codec;
}

/* Aborts with both verdicts when `cond` is false: a disagreement between
 * paths that must agree is a bug even when neither crashes. */
#define FUZZ_AGREE(cond, what, a, b)                                              \
    do {                                                                          \
        if (!(cond)) {                                                            \
            fprintf(stderr, "disagreement: %s (%d vs %d)\n", what, (int)(a), (int)(b)); \
            abort();                                                              \
        }                                                                         \
    } while (0)

/* zlib-compresses data[0..len) at `level` into a new buffer (caller frees). */
static uint8_t *fuzz_compress(const uint8_t *data, size_t len, int level, size_t *out_len)
{
    uLongf cap = compressBound((uLong)len);
    uint8_t *out = malloc(cap ? cap : 1);
    if (!out || compress2(out, &cap, data, (uLong)len, level) != Z_OK)
        abort();
    *out_len = cap;
    return out;
}

#endif

/*
 * codec.h -- the pgit_codec structure: reusable zlib (and, when built in,
 * libdeflate) state plus the state of one streaming encode or decode.
 */
#ifndef PANAGIT_CODEC_H
#define PANAGIT_CODEC_H

#include "internal.h"

#include <zlib.h>

#if defined(PGIT_HAVE_LIBDEFLATE)
#include <libdeflate.h>
#endif

/* Whole-buffer calls go to libdeflate up to this many inflated bytes; past
 * it zlib streams, so memory stays bounded by the caller's buffers. */
#define PGIT__LIBDEFLATE_MAX ((size_t)16 << 20)

/* zlib counts in uInt; larger buffers are fed in slices of this size. */
#define ZCHUNK ((size_t)1 << 30)

enum pgit__mode { MODE_IDLE = 0, MODE_ENCODE = 1, MODE_DECODE = 2 };

struct pgit_codec {
    int32_t level;
    z_stream deflater;
    z_stream inflater;
#if defined(PGIT_HAVE_LIBDEFLATE)
    struct libdeflate_compressor *ld_compressor;
    struct libdeflate_decompressor *ld_decompressor;
#endif
    uint8_t *scratch;          /* libdeflate staging buffer, grown on demand */
    size_t scratch_cap;

    /* One streaming encode or decode at a time. */
    int mode;
    int32_t algo;
    int32_t type;
    uint64_t declared;         /* content size from the header */
    uint64_t seen;             /* content bytes hashed so far */
    uint8_t header[PGIT_MAX_HEADER_SIZE];
    size_t header_len;
    size_t header_done;        /* encode: header bytes fed; decode: header bytes read */
    int header_parsed;
    int stream_end;
    pgit_hash_ctx hash;
};

/* Makes codec->scratch at least `size` bytes. PGIT_OK or PGIT_ENOMEM. */
int32_t pgit__codec_scratch(pgit_codec *codec, size_t size);

/* Frees a scratch buffer grown past 1 MiB, so a codec does not keep the
 * memory of the largest object it ever saw. */
void pgit__codec_scratch_trim(pgit_codec *codec);

/* The PGIT_E* code for a zlib error from inflate(). */
int32_t pgit__inflate_error(int zrc);

/* Inflates from *in into out[0..room): sets *produced; advances *in and
 * *in_left. Returns the zlib code of the last call: Z_OK (out full or
 * input used up), Z_STREAM_END, or an error. */
int pgit__inflate_some(z_stream *strm, const uint8_t **in, size_t *in_left,
                       uint8_t *out, size_t room, size_t *produced);

/* Inflates a zlib stream that must hold exactly out_len bytes, from
 * in[0..in_len) into out (pack entries: the size is known, the stream may be
 * followed by other data). Sets *in_used to the stream's compressed length.
 * Returns PGIT_OK, PGIT_EZLIB, PGIT_ETRUNCATED, PGIT_ESIZE or PGIT_ENOMEM
 * (pack.c). */
int32_t pgit__inflate_exact(uint8_t *out, size_t out_len, size_t *in_used,
                            pgit_codec *codec, const uint8_t *in, size_t in_len);

/* Whether `declared` inflated bytes can come out of `compressed` bytes of
 * zlib data: deflate expands at most about 1032:1, so a larger claim is a lie
 * that must not size an allocation. */
static inline int pgit__plausible(uint64_t declared, uint64_t compressed)
{
    return compressed >= (UINT64_MAX - 1024) / 1040 || declared <= 1040 * compressed + 1024;
}

#endif /* PANAGIT_CODEC_H */

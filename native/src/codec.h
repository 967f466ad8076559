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

#endif /* PANAGIT_CODEC_H */

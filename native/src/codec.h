/*
 * codec.h -- the pgit_codec structure: reusable zlib (and, when built in,
 * libdeflate and ISA-L) state plus the state of one streaming encode or
 * decode, and the two stream engines every (de)compression goes through.
 *
 * zlib is the canonical inflater: its verdict on a bad stream is the one
 * every decoder reports, because the Java backend's inflater is zlib.
 * ISA-L's igzip inflates about 2.5x and deflates about 5x faster here, but
 * is laxer on some broken streams, so it only ever inflates input that is
 * whole and stays put (a mapping): any outcome but a clean success is
 * decoded again with zlib, whose verdict stands. Compressing has no
 * verdict to agree on; ISA-L deflates whenever it is built in and the
 * level is above 0.
 */
#ifndef PANAGIT_CODEC_H
#define PANAGIT_CODEC_H

#include "internal.h"

#include <zlib.h>

#if defined(PGIT_HAVE_LIBDEFLATE)
#include <libdeflate.h>
#endif

#if defined(PGIT_HAVE_ISAL)
#include <isa-l/igzip_lib.h>
#endif

/* Whole-buffer calls go to libdeflate up to this many inflated bytes; past
 * it zlib streams, so memory stays bounded by the caller's buffers. */
#define PGIT__LIBDEFLATE_MAX ((size_t)16 << 20)

#if defined(PGIT_HAVE_LIBDEFLATE)
#define PGIT__HAVE_LIBDEFLATE 1
#else
#define PGIT__HAVE_LIBDEFLATE 0
#endif

/* zlib counts in uInt; larger buffers are fed in slices of this size. */
#define ZCHUNK ((size_t)1 << 30)

enum pgit__mode { MODE_IDLE = 0, MODE_ENCODE = 1, MODE_DECODE = 2 };

/* Which library runs a stream. */
enum pgit__engine { ENGINE_ZLIB = 0, ENGINE_ISAL = 1 };

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

    int inflate_engine;        /* the engine of the current inflate stream */
    int deflate_engine;        /* the engine of the current deflate stream */
#if defined(PGIT_HAVE_ISAL)
    /* Allocated on first use (about 90 KB, 80 KB and 300 KB): a codec that
     * only ever sees small objects never pays for them. */
    struct inflate_state *isal_inflater;
    struct isal_zstream *isal_deflater;
    uint8_t *isal_level_buf;
    uint8_t isal_zlib_header[2]; /* the stream's first bytes, checked by zlib's rules */
    size_t isal_in_seen;        /* compressed bytes handed to ISA-L so far */
    int isal_finished;
#endif

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

    int whole_entry;           /* a pack entry: the stream holds no header */
    /* Decoding a whole input given up front (pgit_decode_set_input). */
    const uint8_t *whole;      /* NULL when input comes with each update */
    size_t whole_len;
    size_t whole_used;
};

/* Makes codec->scratch at least `size` bytes. PGIT_OK or PGIT_ENOMEM. */
int32_t pgit__codec_scratch(pgit_codec *codec, size_t size);

/* Frees a scratch buffer grown past 1 MiB, so a codec does not keep the
 * memory of the largest object it ever saw. */
void pgit__codec_scratch_trim(pgit_codec *codec);

/* The PGIT_E* code for a zlib error from inflate(). */
int32_t pgit__inflate_error(int zrc);

/* Whether ISA-L can run streams (built in, and its state allocated). */
int pgit__isal_ready(pgit_codec *codec, int deflating);

/* Starts a new zlib stream in the codec's inflater on `engine`
 * (ENGINE_ISAL only for input that is whole and stays put; it falls back to
 * zlib when ISA-L is not built in or its state cannot be allocated).
 * Returns PGIT_OK or PGIT_ENOMEM. */
int32_t pgit__inflate_start(pgit_codec *codec, int engine);

/* Inflates from *in into out[0..room) on the current stream: sets
 * *produced; advances *in and *in_left. Returns a zlib code: Z_OK (out
 * full or input used up), Z_STREAM_END (the stream ended; *in stands right
 * after it), or an error (Z_DATA_ERROR for any ISA-L error). */
int pgit__inflate_more(pgit_codec *codec, const uint8_t **in, size_t *in_left,
                       uint8_t *out, size_t room, size_t *produced);

/* Starts a new zlib stream in the codec's deflater at the codec's level, on
 * ISA-L when built in and the level is above 0, else zlib. Returns PGIT_OK
 * or PGIT_ENOMEM. */
int32_t pgit__deflate_start(pgit_codec *codec);

/* Deflates in[0..*in_left) into *out (room *out_left), advancing all four;
 * with `finish`, ends the stream once the input is in. Returns Z_OK (input
 * taken, or no room left: see *out_left), Z_STREAM_END (finished), or
 * Z_MEM_ERROR / Z_STREAM_ERROR. */
int pgit__deflate_more(pgit_codec *codec, const uint8_t **in, size_t *in_left,
                       uint8_t **out, size_t *out_left, int finish);

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

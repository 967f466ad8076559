/*
 * codec.c -- creating and freeing reusable compression state, and the two
 * stream engines (zlib, ISA-L) behind one pair of inflate/deflate calls.
 */
#include "codec.h"

#include <stdlib.h>
#include <string.h>

int32_t pgit_codec_new(pgit_codec **out, int32_t level)
{
    pgit_codec *codec = NULL;
    int32_t rc = PGIT_ENOMEM;

    if (out == NULL)
        return PGIT_EINVAL;
    *out = NULL;
    if (level < -1 || level > 9)
        return PGIT_EINVAL;

    codec = calloc(1, sizeof(*codec));
    if (codec == NULL)
        goto done;
    codec->level = level < 0 ? 6 : level;

    if (deflateInit(&codec->deflater, codec->level) != Z_OK)
        goto done;
    if (inflateInit(&codec->inflater) != Z_OK) {
        deflateEnd(&codec->deflater);
        goto done;
    }
#if defined(PGIT_HAVE_LIBDEFLATE)
    codec->ld_compressor = libdeflate_alloc_compressor(codec->level);
    codec->ld_decompressor = libdeflate_alloc_decompressor();
    if (codec->ld_compressor == NULL || codec->ld_decompressor == NULL) {
        libdeflate_free_compressor(codec->ld_compressor);
        libdeflate_free_decompressor(codec->ld_decompressor);
        inflateEnd(&codec->inflater);
        deflateEnd(&codec->deflater);
        goto done;
    }
#endif
    *out = codec;
    codec = NULL;
    rc = PGIT_OK;

done:
    free(codec);
    return rc;
}

void pgit_codec_free(pgit_codec *codec)
{
    if (codec == NULL)
        return;
    deflateEnd(&codec->deflater);
    inflateEnd(&codec->inflater);
#if defined(PGIT_HAVE_LIBDEFLATE)
    libdeflate_free_compressor(codec->ld_compressor);
    libdeflate_free_decompressor(codec->ld_decompressor);
#endif
#if defined(PGIT_HAVE_ISAL)
    free(codec->isal_inflater);
    free(codec->isal_deflater);
    free(codec->isal_level_buf);
#endif
    free(codec->scratch);
    free(codec);
}

int32_t pgit__codec_scratch(pgit_codec *codec, size_t size)
{
    uint8_t *grown;

    if (codec->scratch_cap >= size)
        return PGIT_OK;
    grown = realloc(codec->scratch, size);
    if (grown == NULL)
        return PGIT_ENOMEM;
    codec->scratch = grown;
    codec->scratch_cap = size;
    return PGIT_OK;
}

void pgit__codec_scratch_trim(pgit_codec *codec)
{
    if (codec->scratch_cap > ((size_t)1 << 20)) {
        free(codec->scratch);
        codec->scratch = NULL;
        codec->scratch_cap = 0;
    }
}

int32_t pgit__inflate_error(int zrc)
{
    switch (zrc) {
    case Z_MEM_ERROR:
        return PGIT_ENOMEM;
    case Z_BUF_ERROR:
        return PGIT_ETRUNCATED;
    default:
        return PGIT_EZLIB;
    }
}

/* ---- zlib ---------------------------------------------------------------- */

static int zlib_inflate_more(z_stream *strm, const uint8_t **in, size_t *in_left,
                             uint8_t *out, size_t room, size_t *produced)
{
    int zrc = Z_OK;

    *produced = 0;
    while (room > 0) {
        size_t in_take = *in_left < ZCHUNK ? *in_left : ZCHUNK;
        size_t out_take = room < ZCHUNK ? room : ZCHUNK;
        size_t used, made;

        strm->next_in = (Bytef *)(uintptr_t)*in;
        strm->avail_in = (uInt)in_take;
        strm->next_out = out;
        strm->avail_out = (uInt)out_take;
        zrc = inflate(strm, Z_NO_FLUSH);
        used = in_take - strm->avail_in;
        made = out_take - strm->avail_out;
        *in += used;
        *in_left -= used;
        out += made;
        room -= made;
        *produced += made;
        if (zrc == Z_STREAM_END)
            return zrc;
        if (zrc == Z_BUF_ERROR && used == 0 && made == 0)
            return *in_left == 0 ? Z_OK : Z_BUF_ERROR;
        if (zrc != Z_OK && zrc != Z_BUF_ERROR)
            return zrc;
        if (*in_left == 0 && strm->avail_out > 0)
            return Z_OK;   /* input used up: caller decides whether that is truncation */
    }
    return zrc;
}

static int zlib_deflate_more(z_stream *strm, const uint8_t **in, size_t *in_left,
                             uint8_t **out, size_t *out_left, int finish)
{
    for (;;) {
        size_t in_take = *in_left < ZCHUNK ? *in_left : ZCHUNK;
        size_t out_take = *out_left < ZCHUNK ? *out_left : ZCHUNK;
        int flush = (finish && in_take == *in_left) ? Z_FINISH : Z_NO_FLUSH;
        size_t used, made;
        int zrc;

        if (out_take == 0)
            return Z_OK;
        strm->next_in = (Bytef *)(uintptr_t)*in;
        strm->avail_in = (uInt)in_take;
        strm->next_out = *out;
        strm->avail_out = (uInt)out_take;
        zrc = deflate(strm, flush);
        used = in_take - strm->avail_in;
        made = out_take - strm->avail_out;
        *in += used;
        *in_left -= used;
        *out += made;
        *out_left -= made;
        if (zrc == Z_STREAM_END)
            return Z_STREAM_END;
        if (zrc != Z_OK && zrc != Z_BUF_ERROR)
            return zrc;
        if (*in_left == 0 && !finish)
            return Z_OK;
        if (used == 0 && made == 0)
            return Z_OK;   /* no room: the caller sees *out_left */
    }
}

/* ---- ISA-L --------------------------------------------------------------- */

#if defined(PGIT_HAVE_ISAL)
/* zlib levels to igzip's 0-3: 1 is git's loose-object level. */
static uint32_t isal_level(int32_t level)
{
    return level <= 1 ? 1u : level <= 5 ? 2u : 3u;
}

static size_t isal_level_buf_size(uint32_t level)
{
    return level == 1 ? ISAL_DEF_LVL1_DEFAULT : level == 2 ? ISAL_DEF_LVL2_DEFAULT : ISAL_DEF_LVL3_DEFAULT;
}

/* zlib's header rules (RFC 1950 and zlib's own window limit), which igzip
 * does not all apply: a stream zlib refuses must not be read by ISA-L. */
static int zlib_header_ok(const uint8_t h[2])
{
    return (h[0] & 0x0f) == 8 && (h[0] >> 4) <= 7 && ((h[0] << 8) | h[1]) % 31 == 0 && (h[1] & 0x20) == 0;
}

static int isal_inflate_more(pgit_codec *codec, const uint8_t **in, size_t *in_left,
                             uint8_t *out, size_t room, size_t *produced)
{
    struct inflate_state *s = codec->isal_inflater;

    *produced = 0;
    if (codec->isal_finished)
        return Z_STREAM_END;
    if (codec->isal_in_seen < 2 && *in_left > 0 && room > 0) {
        /* The two header bytes go to ISA-L with the rest; they are checked
         * here first, by zlib's rules. */
        size_t i, k = 2 - codec->isal_in_seen < *in_left ? 2 - codec->isal_in_seen : *in_left;
        for (i = 0; i < k; i++)
            codec->isal_zlib_header[codec->isal_in_seen + i] = (*in)[i];
        if (codec->isal_in_seen + k == 2 && !zlib_header_ok(codec->isal_zlib_header))
            return Z_DATA_ERROR;
    }
    while (room > 0) {
        size_t in_take = *in_left < ZCHUNK ? *in_left : ZCHUNK;
        size_t out_take = room < ZCHUNK ? room : ZCHUNK;
        size_t used, made;
        ptrdiff_t moved;
        int rc;

        s->next_in = (uint8_t *)(uintptr_t)*in;
        s->avail_in = (uint32_t)in_take;
        s->next_out = out;
        s->avail_out = (uint32_t)out_take;
        rc = isal_inflate(s);
        /* igzip may hand back read-ahead bytes itself, even ones of an
         * earlier call (the whole input is contiguous): measure by pointer. */
        moved = (const uint8_t *)s->next_in - *in;
        if (moved < 0 && (size_t)-moved > codec->isal_in_seen)
            return Z_DATA_ERROR;   /* not a position igzip can have read: zlib decides */
        made = out_take - s->avail_out;
        *in += moved;
        *in_left = (size_t)((ptrdiff_t)*in_left - moved);
        codec->isal_in_seen = (size_t)((ptrdiff_t)codec->isal_in_seen + moved);
        used = moved > 0 ? (size_t)moved : 0;
        if (rc == ISAL_DECOMP_OK && s->block_state == ISAL_BLOCK_FINISH) {
            /* igzip reads ahead a few bytes into a bit buffer: give back the
             * ones past the stream's end (the input is contiguous, so this
             * may reach into an earlier call's bytes). */
            size_t back = s->read_in_length >= 0 ? (size_t)s->read_in_length / 8 : SIZE_MAX;
            if (back > codec->isal_in_seen)
                return Z_DATA_ERROR;   /* a bit count igzip cannot have read: zlib decides */
            *in -= back;
            *in_left += back;
            codec->isal_in_seen -= back;
            codec->isal_finished = 1;
        }
        out += made;
        room -= made;
        *produced += made;
        if (rc != ISAL_DECOMP_OK)
            return Z_DATA_ERROR;   /* zlib will name it */
        if (codec->isal_finished)
            return Z_STREAM_END;
        if (used == 0 && made == 0)
            return *in_left == 0 ? Z_OK : Z_BUF_ERROR;
        if (*in_left == 0 && made < out_take)
            return Z_OK;
    }
    return Z_OK;
}

static int isal_deflate_more(pgit_codec *codec, const uint8_t **in, size_t *in_left,
                             uint8_t **out, size_t *out_left, int finish)
{
    struct isal_zstream *s = codec->isal_deflater;

    for (;;) {
        size_t in_take = *in_left < ZCHUNK ? *in_left : ZCHUNK;
        size_t out_take = *out_left < ZCHUNK ? *out_left : ZCHUNK;
        size_t used, made;

        if (out_take == 0)
            return Z_OK;
        s->next_in = (uint8_t *)(uintptr_t)*in;
        s->avail_in = (uint32_t)in_take;
        s->next_out = *out;
        s->avail_out = (uint32_t)out_take;
        s->end_of_stream = (finish && in_take == *in_left) ? 1 : 0;
        s->flush = NO_FLUSH;
        if (isal_deflate(s) != COMP_OK)
            return Z_STREAM_ERROR;
        used = in_take - s->avail_in;
        made = out_take - s->avail_out;
        *in += used;
        *in_left -= used;
        *out += made;
        *out_left -= made;
        if (s->internal_state.state == ZSTATE_END)
            return Z_STREAM_END;
        if (*in_left == 0 && !finish)
            return Z_OK;
        if (used == 0 && made == 0)
            return Z_OK;   /* no room: the caller sees *out_left */
    }
}
#endif

int pgit__isal_ready(pgit_codec *codec, int deflating)
{
#if defined(PGIT_HAVE_ISAL)
    if (deflating) {
        if (codec->level == 0)
            return 0;   /* stored blocks: zlib's are what git writes */
        if (codec->isal_deflater == NULL) {
            codec->isal_deflater = calloc(1, sizeof(*codec->isal_deflater));
            codec->isal_level_buf = malloc(isal_level_buf_size(3));
            if (codec->isal_deflater == NULL || codec->isal_level_buf == NULL) {
                free(codec->isal_deflater);
                free(codec->isal_level_buf);
                codec->isal_deflater = NULL;
                codec->isal_level_buf = NULL;
                return 0;
            }
        }
        return 1;
    }
    if (codec->isal_inflater == NULL)
        codec->isal_inflater = calloc(1, sizeof(*codec->isal_inflater));
    return codec->isal_inflater != NULL;
#else
    (void)codec;
    (void)deflating;
    return 0;
#endif
}

int32_t pgit__inflate_start(pgit_codec *codec, int engine)
{
#if defined(PGIT_HAVE_ISAL)
    if (engine == ENGINE_ISAL && pgit__isal_ready(codec, 0)) {
        isal_inflate_init(codec->isal_inflater);
        codec->isal_inflater->crc_flag = ISAL_ZLIB;
        codec->isal_in_seen = 0;
        codec->isal_finished = 0;
        codec->inflate_engine = ENGINE_ISAL;
        return PGIT_OK;
    }
#endif
    (void)engine;
    codec->inflate_engine = ENGINE_ZLIB;
    return inflateReset(&codec->inflater) == Z_OK ? PGIT_OK : PGIT_ENOMEM;
}

int pgit__inflate_more(pgit_codec *codec, const uint8_t **in, size_t *in_left,
                       uint8_t *out, size_t room, size_t *produced)
{
#if defined(PGIT_HAVE_ISAL)
    if (codec->inflate_engine == ENGINE_ISAL)
        return isal_inflate_more(codec, in, in_left, out, room, produced);
#endif
    return zlib_inflate_more(&codec->inflater, in, in_left, out, room, produced);
}

int32_t pgit__deflate_start(pgit_codec *codec)
{
#if defined(PGIT_HAVE_ISAL)
    if (pgit__isal_ready(codec, 1)) {
        struct isal_zstream *s = codec->isal_deflater;
        uint32_t level = isal_level(codec->level);
        isal_deflate_init(s);
        s->level = level;
        s->level_buf = codec->isal_level_buf;
        s->level_buf_size = (uint32_t)isal_level_buf_size(level);
        s->gzip_flag = IGZIP_ZLIB;
        codec->deflate_engine = ENGINE_ISAL;
        return PGIT_OK;
    }
#endif
    codec->deflate_engine = ENGINE_ZLIB;
    return deflateReset(&codec->deflater) == Z_OK ? PGIT_OK : PGIT_ENOMEM;
}

int pgit__deflate_more(pgit_codec *codec, const uint8_t **in, size_t *in_left,
                       uint8_t **out, size_t *out_left, int finish)
{
#if defined(PGIT_HAVE_ISAL)
    if (codec->deflate_engine == ENGINE_ISAL)
        return isal_deflate_more(codec, in, in_left, out, out_left, finish);
#endif
    return zlib_deflate_more(&codec->deflater, in, in_left, out, out_left, finish);
}

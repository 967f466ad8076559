/*
 * codec.c -- creating and freeing reusable compression state.
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

/* Inflates from *in into out[0..room): sets *produced; advances *in and
 * *in_left. Returns the zlib code of the last call: Z_OK (out full or
 * input used up), Z_STREAM_END, or an error. */
int pgit__inflate_some(z_stream *strm, const uint8_t **in, size_t *in_left,
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

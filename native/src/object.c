/*
 * object.c -- git loose objects: "<type> <size>\0<content>", hashed and
 * zlib-compressed, in whole buffers and as streams.
 */
#include "codec.h"

#include <limits.h>
#include <string.h>

static const char *const type_names[] = { NULL, "commit", "tree", "blob", "tag" };

const char *pgit__type_name(int32_t type)
{
    return type >= PGIT_OBJ_COMMIT && type <= PGIT_OBJ_TAG ? type_names[type] : NULL;
}

size_t pgit__header_write(uint8_t *out, int32_t type, uint64_t len)
{
    const char *name = pgit__type_name(type);
    char digits[24];
    size_t n = 0, name_len, i;

    if (name == NULL)
        return 0;
    do {
        digits[n++] = (char)('0' + (int)(len % 10));
        len /= 10;
    } while (len > 0);

    name_len = strlen(name);
    memcpy(out, name, name_len);
    out[name_len] = ' ';
    for (i = 0; i < n; i++)
        out[name_len + 1 + i] = (uint8_t)digits[n - 1 - i];
    out[name_len + 1 + n] = '\0';
    return name_len + n + 2;
}

int32_t pgit__header_parse(int32_t *type, uint64_t *size, size_t *header_len,
                           const uint8_t *buf, size_t len)
{
    size_t space = 0, i;
    uint64_t value = 0;
    int32_t t;

    while (space < len && buf[space] != ' ') {
        if (space >= 6 || buf[space] == '\0')
            return PGIT_EHEADER;
        space++;
    }
    if (space == len)
        return len < PGIT_MAX_HEADER_SIZE ? PGIT_MORE : PGIT_EHEADER;

    for (t = PGIT_OBJ_COMMIT; t <= PGIT_OBJ_TAG; t++)
        if (strlen(type_names[t]) == space && memcmp(buf, type_names[t], space) == 0)
            break;
    if (t > PGIT_OBJ_TAG)
        return PGIT_EHEADER;

    /* Decimal size: at least one digit, no leading zero (as git requires), then NUL. */
    for (i = space + 1; i < len && buf[i] != '\0'; i++) {
        unsigned d;
        if (buf[i] < '0' || buf[i] > '9')
            return PGIT_EHEADER;
        if (i == space + 2 && buf[space + 1] == '0')
            return PGIT_EHEADER;
        d = (unsigned)(buf[i] - '0');
        if (value > (UINT64_C(0x7fffffffffffffff) - d) / 10)
            return PGIT_EOVERFLOW;
        value = value * 10 + d;
    }
    if (i == len)
        return len < PGIT_MAX_HEADER_SIZE ? PGIT_MORE : PGIT_EHEADER;
    if (i == space + 1)
        return PGIT_EHEADER;

    *type = t;
    *size = value;
    *header_len = i + 1;
    return PGIT_OK;
}

static int algo_known(int32_t algo)
{
    return algo == PGIT_HASH_SHA1 || algo == PGIT_HASH_SHA256;
}

pgit_size pgit_object_encode_bound(pgit_size content_len)
{
    size_t total, bound;

    if (content_len > SIZE_MAX - PGIT_MAX_HEADER_SIZE)
        return 0;
    total = content_len + PGIT_MAX_HEADER_SIZE;
    /* Above both zlib's deflateBound and libdeflate's bound (5 bytes per
     * 10 KB block, plus wrapper and padding). */
    bound = total + (total >> 8);
    if (bound < total || bound > SIZE_MAX - 64)
        return 0;
    return bound + 64;
}

/* Runs deflate over in[0..len) with `flush`, slicing for zlib's uInt
 * counters. Output room is tracked by the caller through strm. */
static int deflate_all(z_stream *strm, const uint8_t *in, size_t len, int flush,
                       uint8_t **out, size_t *out_left)
{
    int zrc = Z_OK;

    do {
        size_t in_take = len < ZCHUNK ? len : ZCHUNK;
        size_t out_take = *out_left < ZCHUNK ? *out_left : ZCHUNK;
        int f = (in_take == len) ? flush : Z_NO_FLUSH;

        strm->next_in = (Bytef *)(uintptr_t)in;
        strm->avail_in = (uInt)in_take;
        strm->next_out = *out;
        strm->avail_out = (uInt)out_take;
        zrc = deflate(strm, f);
        in += in_take - strm->avail_in;
        len -= in_take - strm->avail_in;
        *out_left -= out_take - strm->avail_out;
        *out += out_take - strm->avail_out;
        if (zrc == Z_STREAM_END)
            return Z_STREAM_END;
        if (zrc != Z_OK && zrc != Z_BUF_ERROR)
            return zrc;
        if (*out_left == 0 && (len > 0 || f == Z_FINISH))
            return Z_BUF_ERROR;
    } while (len > 0 || (flush == Z_FINISH && zrc != Z_STREAM_END));
    return zrc;
}

int32_t pgit_object_encode(uint8_t *out_id, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                           pgit_codec *codec, int32_t algo, int32_t type,
                           const uint8_t *content, pgit_size content_len)
{
    uint8_t header[PGIT_MAX_HEADER_SIZE];
    size_t header_len, bound, out_left;
    pgit_hash_ctx hash;
    uint8_t *cursor;
    int zrc;

    if (out_id == NULL || out == NULL || out_len == NULL || codec == NULL ||
        !algo_known(algo) || (content == NULL && content_len > 0))
        return PGIT_EINVAL;
    header_len = pgit__header_write(header, type, (uint64_t)content_len);
    if (header_len == 0)
        return PGIT_EINVAL;
    bound = pgit_object_encode_bound(content_len);
    if (bound == 0)
        return PGIT_EOVERFLOW;
    if (out_cap < bound) {
        *out_len = bound;
        return PGIT_EBUFSIZE;
    }

    pgit__hash_start(&hash, algo);
    pgit__hash_feed(&hash, header, header_len);
    if (content_len > 0)
        pgit__hash_feed(&hash, content, content_len);
    pgit__hash_end(&hash, out_id);

#if defined(PGIT_HAVE_LIBDEFLATE)
    if (content_len <= PGIT__LIBDEFLATE_MAX) {
        size_t total = header_len + content_len, written;
        if (pgit__codec_scratch(codec, total) != PGIT_OK)
            return PGIT_ENOMEM;
        memcpy(codec->scratch, header, header_len);
        if (content_len > 0)
            memcpy(codec->scratch + header_len, content, content_len);
        written = libdeflate_zlib_compress(codec->ld_compressor, codec->scratch, total, out, out_cap);
        if (written == 0)
            return PGIT_EBUFSIZE;   /* cannot happen with out_cap >= bound */
        *out_len = written;
        pgit__codec_scratch_trim(codec);
        return PGIT_OK;
    }
#endif

    if (deflateReset(&codec->deflater) != Z_OK)
        return PGIT_ENOMEM;
    cursor = out;
    out_left = out_cap;
    zrc = deflate_all(&codec->deflater, header, header_len, Z_NO_FLUSH, &cursor, &out_left);
    if (zrc == Z_OK || zrc == Z_BUF_ERROR)
        zrc = deflate_all(&codec->deflater, content, content_len, Z_FINISH, &cursor, &out_left);
    if (zrc != Z_STREAM_END)
        return zrc == Z_MEM_ERROR ? PGIT_ENOMEM : PGIT_EBUFSIZE;
    *out_len = (size_t)(cursor - out);
    return PGIT_OK;
}

int32_t pgit_object_hash_batch(uint8_t *out_ids, int32_t algo, int32_t type,
                               const uint8_t *data, const pgit_size *lengths, int32_t count)
{
    uint8_t header[PGIT_MAX_HEADER_SIZE];
    pgit_hash_ctx hash;
    size_t digest, offset = 0;
    int32_t i;

    if (count < 0 || !algo_known(algo) || pgit__type_name(type) == NULL ||
        (count > 0 && (out_ids == NULL || lengths == NULL)))
        return PGIT_EINVAL;
    digest = (size_t)pgit_hash_digest_size(algo);
    for (i = 0; i < count; i++) {
        if (lengths[i] > (uint64_t)(SIZE_MAX - offset))
            return PGIT_EOVERFLOW;
        if (lengths[i] > 0 && data == NULL)
            return PGIT_EINVAL;
        offset += (size_t)lengths[i];
    }
    offset = 0;
    for (i = 0; i < count; i++) {
        size_t len = (size_t)lengths[i];
        size_t header_len = pgit__header_write(header, type, (uint64_t)len);

        pgit__hash_start(&hash, algo);
        pgit__hash_feed(&hash, header, header_len);
        if (len > 0)
            pgit__hash_feed(&hash, data + offset, len);
        pgit__hash_end(&hash, out_ids + (size_t)i * digest);
        offset += len;
    }
    return PGIT_OK;
}

/* The canonical header read: one inflated byte per call, as the streaming
 * decoders (here and in the Java backend) do. A byte that comes out in the
 * same call as a zlib error is not examined. The fast path below falls back
 * to this when it meets a zlib error, so every decoder reaches the same
 * verdict on the same bytes whatever its buffer sizes. On PGIT_OK, hdr holds
 * exactly the header and the inflater stands right after it. */
static int32_t read_header_bytewise(int32_t *type, uint64_t *size, size_t *header_len,
                                    uint8_t *hdr, size_t *filled,
                                    z_stream *strm, const uint8_t **in, size_t *in_left)
{
    *filled = 0;
    if (inflateReset(strm) != Z_OK)
        return PGIT_ENOMEM;
    for (;;) {
        size_t got;
        int32_t rc;
        int zrc = pgit__inflate_some(strm, in, in_left, hdr + *filled, 1, &got);

        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return pgit__inflate_error(zrc);
        *filled += got;
        rc = pgit__header_parse(type, size, header_len, hdr, *filled);
        if (rc != PGIT_MORE)
            return rc;
        if (zrc == Z_STREAM_END)
            return PGIT_EHEADER;
        if (got == 0)
            return PGIT_ETRUNCATED;
    }
}

/* Inflates the header of a loose object with zlib into hdr (room for
 * PGIT_MAX_HEADER_SIZE bytes). On PGIT_OK, *filled bytes are in hdr, of
 * which *header_len are the header; the rest are the first content bytes. */
static int32_t read_header(int32_t *type, uint64_t *size, size_t *header_len,
                           uint8_t *hdr, size_t *filled,
                           z_stream *strm, const uint8_t **in, size_t *in_left)
{
    const uint8_t *start = *in;
    size_t start_len = *in_left;

    *filled = 0;
    if (inflateReset(strm) != Z_OK)
        return PGIT_ENOMEM;
    for (;;) {
        size_t produced;
        int zrc = pgit__inflate_some(strm, in, in_left, hdr + *filled, PGIT_MAX_HEADER_SIZE - *filled, &produced);
        int32_t rc;

        if (zrc != Z_OK && zrc != Z_STREAM_END) {
            *in = start;
            *in_left = start_len;
            return read_header_bytewise(type, size, header_len, hdr, filled, strm, in, in_left);
        }
        *filled += produced;
        rc = pgit__header_parse(type, size, header_len, hdr, *filled);
        if (rc != PGIT_MORE)
            return rc;
        if (zrc == Z_STREAM_END)
            return PGIT_EHEADER;     /* stream ended inside the header: no NUL */
        if (*in_left == 0 && produced == 0)
            return PGIT_ETRUNCATED;
    }
}

int32_t pgit_object_peek(int32_t *out_type, pgit_size *out_size, int32_t *out_header_len,
                         pgit_codec *codec, const uint8_t *in, pgit_size in_len)
{
    uint8_t hdr[PGIT_MAX_HEADER_SIZE];
    size_t filled, header_len, left = (size_t)in_len;
    uint64_t size;
    int32_t rc;

    if (out_type == NULL || out_size == NULL || out_header_len == NULL || codec == NULL ||
        (in == NULL && in_len > 0))
        return PGIT_EINVAL;
    if (codec->mode == MODE_DECODE)
        codec->mode = MODE_IDLE;   /* the inflater is reset: any stream is abandoned */
    rc = read_header(out_type, &size, &header_len, hdr, &filled, &codec->inflater, &in, &left);
    if (rc == PGIT_OK) {
        *out_size = size;
        *out_header_len = (int32_t)header_len;
    }
    return rc;
}

/* Checks the id of a decoded object. */
static int32_t check_id(int32_t algo, const uint8_t *expected, const uint8_t *hdr, size_t hdr_len,
                        const uint8_t *content, size_t content_len)
{
    uint8_t actual[PGIT_MAX_DIGEST_SIZE];
    pgit_hash_ctx hash;

    pgit__hash_start(&hash, algo);
    pgit__hash_feed(&hash, hdr, hdr_len);
    if (content_len > 0)
        pgit__hash_feed(&hash, content, content_len);
    pgit__hash_end(&hash, actual);
    return memcmp(actual, expected, (size_t)pgit_hash_digest_size(algo)) == 0 ? PGIT_OK : PGIT_EIDMISMATCH;
}

#if defined(PGIT_HAVE_LIBDEFLATE)
/* The fast path: the whole stream through libdeflate into the codec's scratch
 * buffer (room for a header and out_cap bytes), one Huffman table build per
 * block and no separate header pass. Only a clean success is taken: the
 * whole input used, a valid header, exactly the declared size, and that size
 * within out_cap. Anything else returns PGIT_MORE so that the zlib path
 * names the exact error (or PGIT_EBUFSIZE): libdeflate reads past a
 * truncated input as zero bits, so its "bad data" or "insufficient space"
 * may really mean "truncated", and a longer stream stops at the buffer's end
 * so a bomb costs no more than out_cap. */
static int32_t decode_libdeflate(int32_t *out_type, uint8_t *out, size_t out_cap, size_t *out_len,
                                 const uint8_t **header, size_t *header_len,
                                 pgit_codec *codec, const uint8_t *in, size_t in_len)
{
    size_t room = out_cap + PGIT_MAX_HEADER_SIZE, used = 0, made = 0;
    enum libdeflate_result lr;
    uint64_t declared;
    int32_t type;

    if (pgit__codec_scratch(codec, room) != PGIT_OK)
        return PGIT_ENOMEM;
    lr = libdeflate_zlib_decompress_ex(codec->ld_decompressor, in, in_len, codec->scratch, room, &used, &made);
    if (lr != LIBDEFLATE_SUCCESS || used != in_len)
        return PGIT_MORE;
    if (pgit__header_parse(&type, &declared, header_len, codec->scratch, made) != PGIT_OK)
        return PGIT_MORE;
    if (declared > out_cap || *header_len + declared != made)
        return PGIT_MORE;
    if (declared > 0)
        memcpy(out, codec->scratch + *header_len, (size_t)declared);
    *header = codec->scratch;
    *out_type = type;
    *out_len = (size_t)declared;
    return PGIT_OK;
}
#endif

int32_t pgit_object_decode(int32_t *out_type, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                           pgit_codec *codec, int32_t algo, const uint8_t *expected_id,
                           const uint8_t *in, pgit_size in_len)
{
    uint8_t hdr[PGIT_MAX_HEADER_SIZE];
    const uint8_t *cursor = in;
    size_t left = in_len, filled, header_len, first, produced, declared;
    uint64_t size;
    uint8_t probe;
    int zrc;
    int32_t type, rc;

    if (out_type == NULL || out_len == NULL || codec == NULL || !algo_known(algo) ||
        (out == NULL && out_cap > 0) || (in == NULL && in_len > 0))
        return PGIT_EINVAL;
    if (codec->mode == MODE_DECODE)
        codec->mode = MODE_IDLE;

#if defined(PGIT_HAVE_LIBDEFLATE)
    if (out_cap <= PGIT__LIBDEFLATE_MAX) {
        const uint8_t *header;
        size_t made = 0;
        rc = decode_libdeflate(out_type, out, out_cap, &made, &header, &header_len, codec, in, in_len);
        if (rc == PGIT_OK) {
            *out_len = made;
            if (expected_id != NULL)
                rc = check_id(algo, expected_id, header, header_len, out, made);
        }
        if (rc == PGIT_OK || rc == PGIT_EIDMISMATCH || rc == PGIT_ENOMEM) {
            pgit__codec_scratch_trim(codec);
            return rc;
        }
        /* not a clean success: zlib names the error precisely, or asks for room */
    }
#endif

    rc = read_header(&type, &size, &header_len, hdr, &filled, &codec->inflater, &cursor, &left);
    if (rc != PGIT_OK)
        return rc;
    if (size > (uint64_t)(SIZE_MAX - PGIT_MAX_HEADER_SIZE))
        return PGIT_EOVERFLOW;
    declared = (size_t)size;
    *out_type = type;
    if (declared > out_cap) {
        *out_len = declared;
        return PGIT_EBUFSIZE;
    }

    first = filled - header_len;
    if (first > declared)
        return PGIT_ESIZE;
    if (first > 0)
        memcpy(out, hdr + header_len, first);
    produced = first;

    zrc = pgit__inflate_some(&codec->inflater, &cursor, &left, out + first, declared - first, &first);
    produced += first;
    if (zrc != Z_OK && zrc != Z_STREAM_END)
        return pgit__inflate_error(zrc);
    if (zrc == Z_OK && produced < declared)
        return PGIT_ETRUNCATED;
    if (zrc == Z_STREAM_END && produced < declared)
        return PGIT_ESIZE;
    if (zrc != Z_STREAM_END) {
        /* All declared bytes are out: the stream must end here, adding nothing. */
        size_t extra;
        zrc = pgit__inflate_some(&codec->inflater, &cursor, &left, &probe, 1, &extra);
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return pgit__inflate_error(zrc);   /* an error in the same call as a byte comes first */
        if (extra > 0)
            return PGIT_ESIZE;
        if (zrc == Z_OK)
            return PGIT_ETRUNCATED;
    }
    if (left > 0)
        return PGIT_ETRAILING;

    *out_len = declared;
    if (expected_id != NULL)
        return check_id(algo, expected_id, hdr, header_len, out, declared);
    return PGIT_OK;
}

/* ---- streaming encode ---------------------------------------------------- */

int32_t pgit_encode_begin(pgit_codec *codec, int32_t algo, int32_t type, pgit_size content_len)
{
    if (codec == NULL || !algo_known(algo) || pgit__type_name(type) == NULL)
        return PGIT_EINVAL;
    if (deflateReset(&codec->deflater) != Z_OK)
        return PGIT_ENOMEM;
    codec->mode = MODE_ENCODE;
    codec->algo = algo;
    codec->type = type;
    codec->declared = content_len;
    codec->seen = 0;
    codec->header_len = pgit__header_write(codec->header, type, content_len);
    codec->header_done = 0;
    pgit__hash_start(&codec->hash, algo);
    pgit__hash_feed(&codec->hash, codec->header, codec->header_len);
    return PGIT_OK;
}

/* Feeds the rest of the header to the deflater; 1 when it is all in. */
static int feed_header(pgit_codec *codec, uint8_t **cursor, size_t *left)
{
    z_stream *strm = &codec->deflater;
    size_t todo = codec->header_len - codec->header_done;
    size_t room = *left < ZCHUNK ? *left : ZCHUNK;

    if (todo == 0)
        return 1;
    strm->next_in = codec->header + codec->header_done;
    strm->avail_in = (uInt)todo;
    strm->next_out = *cursor;
    strm->avail_out = (uInt)room;
    (void)deflate(strm, Z_NO_FLUSH);
    codec->header_done += todo - strm->avail_in;
    *cursor += room - strm->avail_out;
    *left -= room - strm->avail_out;
    return codec->header_done == codec->header_len;
}

int32_t pgit_encode_update(uint8_t *out, pgit_size out_cap, pgit_size *out_len, pgit_size *in_used,
                           pgit_codec *codec, const uint8_t *in, pgit_size in_len)
{
    uint8_t *cursor = out;
    size_t left = out_cap, consumed = 0;

    if (out_len == NULL || in_used == NULL || codec == NULL || (out == NULL && out_cap > 0) ||
        (in == NULL && in_len > 0))
        return PGIT_EINVAL;
    *out_len = 0;
    *in_used = 0;
    if (codec->mode != MODE_ENCODE)
        return PGIT_ESTATE;
    if ((uint64_t)in_len > codec->declared - codec->seen) {
        codec->mode = MODE_IDLE;
        return PGIT_ESIZE;
    }

    if (feed_header(codec, &cursor, &left)) {
        while (consumed < in_len && left > 0) {
            z_stream *strm = &codec->deflater;
            size_t in_take = in_len - consumed < ZCHUNK ? in_len - consumed : ZCHUNK;
            size_t room = left < ZCHUNK ? left : ZCHUNK;
            size_t used;

            strm->next_in = (Bytef *)(uintptr_t)(in + consumed);
            strm->avail_in = (uInt)in_take;
            strm->next_out = cursor;
            strm->avail_out = (uInt)room;
            (void)deflate(strm, Z_NO_FLUSH);   /* Z_OK, or Z_BUF_ERROR: no progress possible */
            used = in_take - strm->avail_in;
            pgit__hash_feed(&codec->hash, in + consumed, used);
            consumed += used;
            cursor += room - strm->avail_out;
            left -= room - strm->avail_out;
            if (used == 0 && room == strm->avail_out)
                break;
        }
    }
    codec->seen += consumed;
    *in_used = consumed;
    *out_len = (size_t)(cursor - out);
    return PGIT_OK;
}

int32_t pgit_encode_finish(uint8_t *out_id, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                           pgit_codec *codec)
{
    z_stream *strm;
    uint8_t *cursor = out;
    size_t left = out_cap, room;
    int zrc;

    if (out_id == NULL || out == NULL || out_len == NULL || codec == NULL)
        return PGIT_EINVAL;
    *out_len = 0;
    if (codec->mode != MODE_ENCODE)
        return PGIT_ESTATE;
    if (codec->seen != codec->declared) {
        codec->mode = MODE_IDLE;
        return PGIT_ESIZE;
    }
    if (!feed_header(codec, &cursor, &left)) {
        *out_len = (size_t)(cursor - out);
        return PGIT_MORE;
    }

    strm = &codec->deflater;
    room = left < ZCHUNK ? left : ZCHUNK;
    strm->next_in = NULL;
    strm->avail_in = 0;
    strm->next_out = cursor;
    strm->avail_out = (uInt)room;
    zrc = deflate(strm, Z_FINISH);
    cursor += room - strm->avail_out;
    *out_len = (size_t)(cursor - out);
    if (zrc == Z_OK || zrc == Z_BUF_ERROR)
        return PGIT_MORE;
    if (zrc != Z_STREAM_END) {
        codec->mode = MODE_IDLE;
        return PGIT_ENOMEM;
    }
    pgit__hash_end(&codec->hash, out_id);
    codec->mode = MODE_IDLE;
    return PGIT_OK;
}

/* ---- streaming decode ---------------------------------------------------- */

int32_t pgit_decode_begin(pgit_codec *codec, int32_t algo)
{
    if (codec == NULL || !algo_known(algo))
        return PGIT_EINVAL;
    if (inflateReset(&codec->inflater) != Z_OK)
        return PGIT_ENOMEM;
    codec->mode = MODE_DECODE;
    codec->algo = algo;
    codec->type = 0;
    codec->declared = 0;
    codec->seen = 0;
    codec->header_len = 0;
    codec->header_done = 0;
    codec->header_parsed = 0;
    codec->stream_end = 0;
    return PGIT_OK;
}

int32_t pgit_decode_begin_entry(pgit_codec *codec, int32_t algo, int32_t type, pgit_size size)
{
    int32_t rc;

    if (pgit__type_name(type) == NULL || size > UINT64_C(0x7fffffffffffffff))
        return PGIT_EINVAL;
    rc = pgit_decode_begin(codec, algo);
    if (rc != PGIT_OK)
        return rc;
    /* As if the header had been read: content comes first. */
    codec->type = type;
    codec->declared = size;
    codec->header_len = pgit__header_write(codec->header, type, size);
    codec->header_done = codec->header_len;
    codec->header_parsed = 1;
    pgit__hash_start(&codec->hash, algo);
    pgit__hash_feed(&codec->hash, codec->header, codec->header_len);
    return PGIT_OK;
}

static int32_t decode_fail(pgit_codec *codec, int32_t rc)
{
    codec->mode = MODE_IDLE;
    return rc;
}

int32_t pgit_decode_update(int32_t *out_type, pgit_size *out_size, uint8_t *out, pgit_size out_cap,
                           pgit_size *out_len, pgit_size *in_used,
                           pgit_codec *codec, const uint8_t *in, pgit_size in_len)
{
    const uint8_t *cursor = in;
    size_t left = in_len, written = 0;
    int zrc;

    if (out_type == NULL || out_size == NULL || out_len == NULL || in_used == NULL || codec == NULL ||
        (out == NULL && out_cap > 0) || (in == NULL && in_len > 0))
        return PGIT_EINVAL;
    *out_len = 0;
    *in_used = 0;
    *out_type = codec->type;
    *out_size = codec->declared;
    if (codec->mode != MODE_DECODE)
        return PGIT_ESTATE;
    if (codec->stream_end) {
        if (in_len == 0)
            return PGIT_OK;
        return decode_fail(codec, codec->seen != codec->declared ? PGIT_ESIZE : PGIT_ETRAILING);
    }

    /* The header, one byte at a time so that no content byte is taken early. */
    while (!codec->header_parsed) {
        size_t got;
        size_t hl;
        int32_t rc;

        zrc = pgit__inflate_some(&codec->inflater, &cursor, &left, codec->header + codec->header_done, 1, &got);
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return decode_fail(codec, pgit__inflate_error(zrc));
        codec->header_done += got;
        rc = pgit__header_parse(&codec->type, &codec->declared, &hl, codec->header, codec->header_done);
        if (rc == PGIT_OK) {
            codec->header_parsed = 1;
            codec->header_len = hl;
            pgit__hash_start(&codec->hash, codec->algo);
            pgit__hash_feed(&codec->hash, codec->header, hl);
        } else if (rc != PGIT_MORE) {
            return decode_fail(codec, rc);
        }
        if (zrc == Z_STREAM_END) {
            if (!codec->header_parsed)
                return decode_fail(codec, PGIT_EHEADER);
            codec->stream_end = 1;
        }
        if (got == 0 && zrc == Z_OK)
            break;   /* input used up */
    }

    /* Content: exactly the declared bytes, then a one-byte probe that must
     * find the end of the stream. The whole-buffer decoder checks in the same
     * order, so both give the same verdict on the same bytes. */
    if (codec->header_parsed && !codec->stream_end && codec->seen < codec->declared && out_cap > 0) {
        uint64_t remaining = codec->declared - codec->seen;
        size_t room = (uint64_t)out_cap < remaining ? out_cap : (size_t)remaining;

        zrc = pgit__inflate_some(&codec->inflater, &cursor, &left, out, room, &written);
        codec->seen += written;
        pgit__hash_feed(&codec->hash, out, written);
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return decode_fail(codec, pgit__inflate_error(zrc));
        if (zrc == Z_STREAM_END)
            codec->stream_end = 1;
    }
    if (codec->header_parsed && !codec->stream_end && codec->seen == codec->declared) {
        uint8_t probe;
        size_t extra;

        zrc = pgit__inflate_some(&codec->inflater, &cursor, &left, &probe, 1, &extra);
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return decode_fail(codec, pgit__inflate_error(zrc));
        if (extra > 0)
            return decode_fail(codec, PGIT_ESIZE);
        if (zrc == Z_STREAM_END)
            codec->stream_end = 1;
    }
    if (codec->stream_end && left > 0)   /* a short stream is reported first, as in pgit_object_decode */
        return decode_fail(codec, codec->seen != codec->declared ? PGIT_ESIZE : PGIT_ETRAILING);

    *out_type = codec->type;
    *out_size = codec->declared;
    *out_len = written;
    *in_used = in_len - left;
    return PGIT_OK;
}

int32_t pgit_decode_finish(uint8_t *out_id, pgit_codec *codec, const uint8_t *expected_id)
{
    uint8_t actual[PGIT_MAX_DIGEST_SIZE];

    if (codec == NULL)
        return PGIT_EINVAL;
    if (codec->mode != MODE_DECODE)
        return PGIT_ESTATE;
    if (!codec->stream_end)
        return decode_fail(codec, PGIT_ETRUNCATED);
    if (codec->seen != codec->declared)
        return decode_fail(codec, PGIT_ESIZE);
    codec->mode = MODE_IDLE;
    pgit__hash_end(&codec->hash, actual);
    if (out_id != NULL)
        memcpy(out_id, actual, (size_t)pgit_hash_digest_size(codec->algo));
    if (expected_id != NULL &&
        memcmp(actual, expected_id, (size_t)pgit_hash_digest_size(codec->algo)) != 0)
        return PGIT_EIDMISMATCH;
    return PGIT_OK;
}

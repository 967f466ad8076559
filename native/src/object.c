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

int32_t pgit__object_hash(uint8_t *out_id, int32_t algo, int32_t type, const uint8_t *content, size_t len)
{
    uint8_t header[PGIT_MAX_HEADER_SIZE];
    size_t header_len = pgit__header_write(header, type, (uint64_t)len);

    return pgit__hash_parts(out_id, algo, header, header_len, content, len);
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

int32_t pgit_object_encode(uint8_t *out_id, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                           pgit_codec *codec, int32_t algo, int32_t type,
                           const uint8_t *content, pgit_size content_len)
{
    uint8_t header[PGIT_MAX_HEADER_SIZE];
    size_t header_len, bound, out_left, in_left;
    const uint8_t *in;
    uint8_t *cursor;
    int32_t rc;
    int zrc;

    if (out_id == NULL || out == NULL || out_len == NULL || codec == NULL ||
        !pgit__algo_known(algo) || (content == NULL && content_len > 0))
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

    rc = pgit__object_hash(out_id, algo, type, content, (size_t)content_len);
    if (rc != PGIT_OK)
        return rc;

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

    if (codec->mode == MODE_ENCODE)
        codec->mode = MODE_IDLE;   /* the deflater is restarted: a streaming encode is abandoned */
    if (pgit__deflate_start(codec) != PGIT_OK)
        return PGIT_ENOMEM;
    cursor = out;
    out_left = out_cap;
    in = header;
    in_left = header_len;
    zrc = pgit__deflate_more(codec, &in, &in_left, &cursor, &out_left, 0);
    if (zrc == Z_OK && in_left == 0) {
        in = content;
        in_left = content_len;
        zrc = pgit__deflate_more(codec, &in, &in_left, &cursor, &out_left, 1);
    }
    if (zrc != Z_STREAM_END)
        return zrc == Z_MEM_ERROR ? PGIT_ENOMEM : PGIT_EBUFSIZE;
    *out_len = (size_t)(cursor - out);
    return PGIT_OK;
}

/* Pads objects 0..count-1 of `contents` (back to back, lengths[]) whole,
 * header first, each into its own buffer; blocks[i] gets object i's count
 * of 64-byte blocks. Returns 0 when one does not fit a buffer. */
static int pad_objects(uint8_t whole[][PGIT__WHOLE_MAX], size_t blocks[], int count, int32_t type,
                       const uint8_t *contents, const pgit_size *lengths)
{
    int s;

    for (s = 0; s < count; s++) {
        uint8_t header[PGIT_MAX_HEADER_SIZE];
        size_t header_len = pgit__header_write(header, type, lengths[s]);

        blocks[s] = pgit__hash_pad_whole(whole[s], header, header_len, contents, (size_t)lengths[s]);
        if (blocks[s] == 0)
            return 0;
        contents += (size_t)lengths[s];
    }
    return 1;
}

/* Hashes the three objects at `contents` together on `x3`, each padded whole
 * into its own buffer. Returns PGIT_OK, PGIT_ECOLLISION, or PGIT_MORE when one does
 * not fit a buffer (nothing done: the caller hashes them one by one). */
static int32_t hash_three(uint8_t *out_ids, size_t digest, int32_t algo, int32_t type, pgit_x3_fn x3,
                          const uint8_t *contents, const pgit_size *lengths)
{
    uint8_t whole[3][PGIT__WHOLE_MAX];
    pgit_hash_ctx ctx[3];
    uint32_t *h[3];
    const uint8_t *blocks[3];
    size_t n[3], common;
    uint32_t found;
    int32_t rc = PGIT_OK;
    int s;

    if (!pad_objects(whole, n, 3, type, contents, lengths))
        return PGIT_MORE;
    common = n[0] < n[1] ? n[0] : n[1];
    common = common < n[2] ? common : n[2];
    for (s = 0; s < 3; s++) {
        pgit__hash_start(&ctx[s], algo);
        h[s] = ctx[s].h;
        blocks[s] = whole[s];
    }
    found = x3(h, blocks, common, algo == PGIT_HASH_SHA1);
    for (s = 0; s < 3; s++) {
        ctx[s].collided |= found >> s & 1u;   /* SHA-256 finds none */
        if (n[s] > common)
            pgit__hash_blocks(&ctx[s], whole[s] + 64 * common, n[s] - common);
        if (pgit__hash_digest_of(out_ids + (size_t)s * digest, &ctx[s]) != PGIT_OK)
            rc = PGIT_ECOLLISION;
    }
    return rc;
}

/* Hashes the `count` objects (1 to 16) at `contents` together on `x16`, one
 * per lane, each padded whole into its own buffer. Returns PGIT_OK,
 * PGIT_ECOLLISION, or PGIT_MORE when one does not fit a buffer (nothing
 * done: the caller hashes them another way). */
static int32_t hash_sixteen(uint8_t *out_ids, size_t digest, int32_t algo, int32_t type, pgit_sha1_x16_fn x16,
                            const uint8_t *contents, const pgit_size *lengths, int count)
{
    static const uint32_t iv[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
    uint8_t whole[16][PGIT__WHOLE_MAX];
    uint32_t h[16][5], n[16] = {0}, found, most;
    size_t blocks[16];
    int32_t rc = PGIT_OK;
    int s, k;

    if (!pad_objects(whole, blocks, count, type, contents, lengths))
        return PGIT_MORE;
    for (s = 0; s < count; s++)
        n[s] = (uint32_t)blocks[s];
    for (s = 0, most = 0; s < count; s++)
        most = n[s] > most ? n[s] : most;
    for (s = 0; s < 16; s++) {   /* the kernel reads `most` blocks of every lane */
        memset(whole[s] + 64 * (size_t)n[s], 0, 64 * (size_t)(most - n[s]));
        memcpy(h[s], iv, sizeof(iv));
    }
    found = x16(h, &whole[0][0], PGIT__WHOLE_MAX, n, algo == PGIT_HASH_SHA1);
    for (s = 0; s < count; s++) {
        for (k = 0; k < 5; k++)
            pgit__store_be32(out_ids + (size_t)s * digest + 4 * (size_t)k, h[s][k]);
        if (found >> s & 1u)
            rc = PGIT_ECOLLISION;
    }
    return rc;
}

int32_t pgit_object_hash_batch(uint8_t *out_ids, int32_t algo, int32_t type,
                               const uint8_t *data, const pgit_size *lengths, int32_t count)
{
    size_t digest, offset = 0;
    int32_t i, rc = PGIT_OK;
    pgit_x3_fn x3 = NULL;
    pgit_sha1_x16_fn x16 = NULL;

    if (count < 0 || !pgit__algo_known(algo) || pgit__type_name(type) == NULL ||
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
    if (algo != PGIT_HASH_SHA256)
        x16 = pgit__sha1_x16_blocks();
    x3 = pgit__x3_blocks(algo);
    offset = 0;
    for (i = 0; i < count; ) {
        int32_t got = PGIT_MORE, group = count - i < 16 ? count - i : 16, k;

        /* Sixteen lanes pay from about six messages on (below that, three streams of SHA-NI). */
        if (x16 != NULL && group >= 6)
            got = hash_sixteen(out_ids + (size_t)i * digest, digest, algo, type, x16, data + offset, lengths + i,
                               group);
        if (got != PGIT_MORE) {
            if (got != PGIT_OK)
                rc = got;
            for (k = 0; k < group; k++)
                offset += (size_t)lengths[i + k];
            i += group;
            continue;
        }

        if (x3 != NULL && count - i >= 3)
            got = hash_three(out_ids + (size_t)i * digest, digest, algo, type, x3, data + offset, lengths + i);
        if (got != PGIT_MORE) {   /* three small ones, together */
            if (got != PGIT_OK)
                rc = got;
            offset += (size_t)(lengths[i] + lengths[i + 1] + lengths[i + 2]);
            i += 3;
            continue;
        }
        if (pgit__object_hash(out_ids + (size_t)i * digest, algo, type, data + offset, (size_t)lengths[i]) != PGIT_OK)
            rc = PGIT_ECOLLISION;
        offset += (size_t)lengths[i];
        i++;
    }
    return rc;
}

#if defined(PGIT_HAVE_LIBDEFLATE)
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
    if (pgit__hash_end(&hash, actual) != PGIT_OK)
        return PGIT_ECOLLISION;
    return memcmp(actual, expected, (size_t)pgit_hash_digest_size(algo)) == 0 ? PGIT_OK : PGIT_EIDMISMATCH;
}

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

/* ---- streaming encode ---------------------------------------------------- */

int32_t pgit_encode_begin(pgit_codec *codec, int32_t algo, int32_t type, pgit_size content_len)
{
    if (codec == NULL || !pgit__algo_known(algo) || pgit__type_name(type) == NULL)
        return PGIT_EINVAL;
    if (pgit__deflate_start(codec) != PGIT_OK)
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
    const uint8_t *in = codec->header + codec->header_done;
    size_t todo = codec->header_len - codec->header_done;

    if (todo > 0) {
        (void)pgit__deflate_more(codec, &in, &todo, cursor, left, 0);
        codec->header_done = codec->header_len - todo;
    }
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

    if (feed_header(codec, &cursor, &left) && in_len > 0) {
        const uint8_t *next = in;
        size_t todo = (size_t)in_len;
        int zrc = pgit__deflate_more(codec, &next, &todo, &cursor, &left, 0);

        consumed = (size_t)in_len - todo;
        pgit__hash_feed(&codec->hash, in, consumed);
        if (zrc != Z_OK) {
            codec->mode = MODE_IDLE;
            return PGIT_ENOMEM;
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
    uint8_t *cursor = out;
    size_t left = out_cap, none = 0;
    const uint8_t *nothing = NULL;
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

    zrc = pgit__deflate_more(codec, &nothing, &none, &cursor, &left, 1);
    *out_len = (size_t)(cursor - out);
    if (zrc == Z_OK)
        return PGIT_MORE;
    if (zrc != Z_STREAM_END) {
        codec->mode = MODE_IDLE;
        return PGIT_ENOMEM;
    }
    codec->mode = MODE_IDLE;
    return pgit__hash_end(&codec->hash, out_id);
}

/* ---- decoding: one decoder ----------------------------------------------- */

/*
 * Every decode runs through decode_run: whole buffers, streams, headers
 * (peek) and pack entry streams. It reads the header one inflated byte at a
 * time, so that no content byte is taken with it; then exactly the declared
 * content; then a one-byte probe that must find the end of the stream.
 * Output first: bytes that zlib produces before it finds an error are
 * examined (header, content, probe) before the error is reported. zlib
 * produces the same bytes before an error however input and output are
 * sliced, so a verdict depends on the bytes only, and the Java backend,
 * which checks in the same order, reaches the same one. (fuzz_object_decode
 * checks this on every input.)
 */

static int32_t decode_start(pgit_codec *codec, int32_t algo, int engine)
{
    if (pgit__inflate_start(codec, engine) != PGIT_OK)
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
    codec->whole_entry = 0;
    codec->whole = NULL;
    codec->whole_len = 0;
    codec->whole_used = 0;
    return PGIT_OK;
}

/* As if the header "<type> <size>\0" had been read (pack entries). */
static void decode_assume_header(pgit_codec *codec, int32_t type, uint64_t size)
{
    codec->type = type;
    codec->declared = size;
    codec->header_len = pgit__header_write(codec->header, type, size);
    codec->header_done = codec->header_len;
    codec->header_parsed = 1;
    pgit__hash_start(&codec->hash, codec->algo);
    pgit__hash_feed(&codec->hash, codec->header, codec->header_len);
}

/* Decodes from *cursor (*left bytes): the header while it is incomplete,
 * then content into out[0..out_cap) (*written bytes, hashed), then the end
 * probe once all declared content is out. Returns PGIT_OK (see stream_end,
 * header_parsed and seen for where it stands) or a verdict. */
static int32_t decode_run(pgit_codec *codec, uint8_t *out, size_t out_cap, size_t *written,
                          const uint8_t **cursor, size_t *left)
{
    int zrc;

    *written = 0;
    while (!codec->header_parsed) {
        size_t got, hl;
        int32_t rc;

        zrc = pgit__inflate_more(codec, cursor, left, codec->header + codec->header_done, 1, &got);
        codec->header_done += got;
        rc = pgit__header_parse(&codec->type, &codec->declared, &hl, codec->header, codec->header_done);
        if (rc == PGIT_OK) {
            codec->header_parsed = 1;
            codec->header_len = hl;
            pgit__hash_start(&codec->hash, codec->algo);
            pgit__hash_feed(&codec->hash, codec->header, hl);
        } else if (rc != PGIT_MORE) {
            return rc;
        }
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return pgit__inflate_error(zrc);
        if (zrc == Z_STREAM_END) {
            if (!codec->header_parsed)
                return PGIT_EHEADER;
            codec->stream_end = 1;
        }
        if (got == 0 && zrc == Z_OK)
            return PGIT_OK;   /* input used up */
    }

    if (!codec->stream_end && codec->seen < codec->declared && out_cap > 0) {
        uint64_t remaining = codec->declared - codec->seen;
        size_t room = (uint64_t)out_cap < remaining ? out_cap : (size_t)remaining;

        zrc = pgit__inflate_more(codec, cursor, left, out, room, written);
        codec->seen += *written;
        pgit__hash_feed(&codec->hash, out, *written);
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return pgit__inflate_error(zrc);
        if (zrc == Z_STREAM_END)
            codec->stream_end = 1;
    }
    if (!codec->stream_end && codec->seen == codec->declared) {
        uint8_t probe;
        size_t extra;

        zrc = pgit__inflate_more(codec, cursor, left, &probe, 1, &extra);
        if (extra > 0)
            return PGIT_ESIZE;
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return pgit__inflate_error(zrc);
        if (zrc == Z_STREAM_END)
            codec->stream_end = 1;
    }
    if (codec->stream_end && *left > 0)   /* a short stream is reported first */
        return codec->seen != codec->declared ? PGIT_ESIZE : PGIT_ETRAILING;
    return PGIT_OK;
}

/* The verdict once all input is in: *actual gets the id of what came out. */
static int32_t decode_conclude(pgit_codec *codec, const uint8_t *expected_id, uint8_t *actual)
{
    pgit_hash_ctx hash = codec->hash;   /* a copy: a replay may still need the original */

    if (!codec->stream_end)
        return PGIT_ETRUNCATED;
    if (codec->seen != codec->declared)
        return PGIT_ESIZE;
    if (pgit__hash_end(&hash, actual) != PGIT_OK)
        return PGIT_ECOLLISION;
    if (expected_id != NULL && memcmp(actual, expected_id, (size_t)pgit_hash_digest_size(codec->algo)) != 0)
        return PGIT_EIDMISMATCH;
    return PGIT_OK;
}

/* ISA-L found the whole input unclean: decode it again from the start with
 * zlib, whose verdict stands, hashing but not delivering again the content
 * already delivered. Returns PGIT_OK (zlib goes on from there) or zlib's
 * verdict. */
static int32_t decode_replay(pgit_codec *codec)
{
    uint64_t delivered = codec->seen;
    int entry = codec->whole_entry;
    int32_t type = codec->type;
    uint64_t declared = codec->declared;
    const uint8_t *cursor;
    size_t left;

    if (pgit__codec_scratch(codec, (size_t)64 << 10) != PGIT_OK || pgit__inflate_start(codec, ENGINE_ZLIB) != PGIT_OK)
        return PGIT_ENOMEM;
    codec->seen = 0;
    codec->stream_end = 0;
    codec->header_done = 0;
    codec->header_parsed = 0;
    if (entry)
        decode_assume_header(codec, type, declared);
    cursor = codec->whole;
    left = codec->whole_len;
    for (;;) {
        uint64_t todo = delivered - codec->seen;
        size_t room = todo < codec->scratch_cap ? (size_t)todo : codec->scratch_cap, made;
        int32_t rc = decode_run(codec, codec->scratch, room, &made, &cursor, &left);

        codec->whole_used = codec->whole_len - left;
        if (rc != PGIT_OK)
            return rc;
        if (codec->seen >= delivered && codec->header_parsed)
            return PGIT_OK;
        if (made == 0)
            return PGIT_OK;   /* zlib stops earlier: its verdict comes at the end */
    }
}

/* One step of a decode over the whole input: ISA-L first; whatever it does
 * not finish cleanly goes to zlib. */
static int32_t decode_whole_step(pgit_codec *codec, uint8_t *out, size_t out_cap, size_t *written)
{
    *written = 0;
    for (;;) {
        const uint8_t *cursor = codec->whole + codec->whole_used;
        size_t left = codec->whole_len - codec->whole_used, made;
        int32_t rc = decode_run(codec, out ? out + *written : NULL, out_cap - *written, &made, &cursor, &left);
        int stalled;

        *written += made;
        codec->whole_used = codec->whole_len - left;
        if (codec->inflate_engine != ENGINE_ISAL || rc == PGIT_ENOMEM)
            return rc;
        /* input used up, stream not ended, room left: a verdict is due */
        stalled = left == 0 && !codec->stream_end && (*written < out_cap || !codec->header_parsed);
        if (rc == PGIT_OK && !stalled)
            return PGIT_OK;
        rc = decode_replay(codec);
        if (rc != PGIT_OK)
            return rc;
    }
}

static int32_t decode_fail(pgit_codec *codec, int32_t rc)
{
    codec->mode = MODE_IDLE;
    return rc;
}

int32_t pgit_decode_begin(pgit_codec *codec, int32_t algo)
{
    if (codec == NULL || !pgit__algo_known(algo))
        return PGIT_EINVAL;
    return decode_start(codec, algo, ENGINE_ZLIB);
}

int32_t pgit_decode_begin_entry(pgit_codec *codec, int32_t algo, int32_t type, pgit_size size)
{
    int32_t rc;

    if (pgit__type_name(type) == NULL || size > UINT64_C(0x7fffffffffffffff))
        return PGIT_EINVAL;
    rc = pgit_decode_begin(codec, algo);
    if (rc != PGIT_OK)
        return rc;
    decode_assume_header(codec, type, size);
    codec->whole_entry = 1;
    return PGIT_OK;
}

int32_t pgit_decode_set_input(pgit_codec *codec, const uint8_t *in, pgit_size in_len)
{
    if (codec == NULL || (in == NULL && in_len > 0))
        return PGIT_EINVAL;
    if (codec->mode != MODE_DECODE || codec->whole != NULL || codec->seen > 0 ||
        codec->stream_end || (!codec->header_parsed && codec->header_done > 0))
        return PGIT_ESTATE;
    if (pgit__inflate_start(codec, ENGINE_ISAL) != PGIT_OK)
        return decode_fail(codec, PGIT_ENOMEM);
    codec->whole = in;
    codec->whole_len = (size_t)in_len;
    codec->whole_used = 0;
    return PGIT_OK;
}

int32_t pgit_decode_update(int32_t *out_type, pgit_size *out_size, uint8_t *out, pgit_size out_cap,
                           pgit_size *out_len, pgit_size *in_used,
                           pgit_codec *codec, const uint8_t *in, pgit_size in_len)
{
    const uint8_t *cursor = in;
    size_t left = (size_t)in_len, written = 0;
    int32_t rc;

    if (out_type == NULL || out_size == NULL || out_len == NULL || in_used == NULL || codec == NULL ||
        (out == NULL && out_cap > 0) || (in == NULL && in_len > 0))
        return PGIT_EINVAL;
    *out_len = 0;
    *in_used = 0;
    *out_type = codec->type;
    *out_size = codec->declared;
    if (codec->mode != MODE_DECODE)
        return PGIT_ESTATE;
    if (codec->whole != NULL) {
        if (in_len > 0)
            return PGIT_EINVAL;   /* the input was given up front */
        rc = decode_whole_step(codec, out, (size_t)out_cap, &written);
    } else {
        rc = decode_run(codec, out, (size_t)out_cap, &written, &cursor, &left);
    }
    if (rc != PGIT_OK)
        return decode_fail(codec, rc);
    *out_type = codec->type;
    *out_size = codec->declared;
    *out_len = written;
    *in_used = (size_t)in_len - left;
    return PGIT_OK;
}

int32_t pgit_decode_finish(uint8_t *out_id, pgit_codec *codec, const uint8_t *expected_id)
{
    uint8_t actual[PGIT_MAX_DIGEST_SIZE];
    int32_t rc;

    if (codec == NULL)
        return PGIT_EINVAL;
    if (codec->mode != MODE_DECODE)
        return PGIT_ESTATE;
    rc = decode_conclude(codec, expected_id, actual);
    if (rc != PGIT_OK && codec->whole != NULL && codec->inflate_engine == ENGINE_ISAL) {
        /* zlib decides, over the whole stream */
        size_t made;
        rc = decode_replay(codec);
        while (rc == PGIT_OK) {
            rc = decode_whole_step(codec, codec->scratch, codec->scratch_cap, &made);
            if (made == 0)
                break;
        }
        if (rc == PGIT_OK)
            rc = decode_conclude(codec, expected_id, actual);
    }
    codec->mode = MODE_IDLE;
    if (out_id != NULL && (rc == PGIT_OK || rc == PGIT_EIDMISMATCH))
        memcpy(out_id, actual, (size_t)pgit_hash_digest_size(codec->algo));
    return rc;
}

/* ---- whole buffers: thin cases of the decoder ---------------------------- */

int32_t pgit_object_peek(int32_t *out_type, pgit_size *out_size, int32_t *out_header_len,
                         pgit_codec *codec, const uint8_t *in, pgit_size in_len)
{
    size_t made;
    int32_t rc;

    if (out_type == NULL || out_size == NULL || out_header_len == NULL || codec == NULL ||
        (in == NULL && in_len > 0))
        return PGIT_EINVAL;
    rc = decode_start(codec, PGIT_HASH_SHA1, ENGINE_ZLIB);
    if (rc != PGIT_OK)
        return rc;
    codec->whole = in;
    codec->whole_len = (size_t)in_len;
    rc = decode_whole_step(codec, NULL, 0, &made);
    codec->mode = MODE_IDLE;
    if (rc != PGIT_OK)
        return rc;
    if (!codec->header_parsed)
        return codec->stream_end ? PGIT_EHEADER : PGIT_ETRUNCATED;
    *out_type = codec->type;
    *out_size = codec->declared;
    *out_header_len = (int32_t)codec->header_len;
    return PGIT_OK;
}

int32_t pgit_object_decode(int32_t *out_type, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                           pgit_codec *codec, int32_t algo, const uint8_t *expected_id,
                           const uint8_t *in, pgit_size in_len)
{
    size_t made;
    int engine = ENGINE_ISAL;
    int32_t rc;

    if (out_type == NULL || out_len == NULL || codec == NULL || !pgit__algo_known(algo) ||
        (out == NULL && out_cap > 0) || (in == NULL && in_len > 0))
        return PGIT_EINVAL;

#if defined(PGIT_HAVE_LIBDEFLATE)
    if (out_cap <= PGIT__LIBDEFLATE_MAX) {
        const uint8_t *header;
        size_t header_len;
        made = 0;
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
        engine = ENGINE_ZLIB;   /* not a clean success: zlib names the error, or asks for room */
    }
#endif

    rc = decode_start(codec, algo, engine);
    if (rc != PGIT_OK)
        return rc;
    codec->whole = in;
    codec->whole_len = (size_t)in_len;
    rc = decode_whole_step(codec, NULL, 0, &made);   /* the header */
    if (rc == PGIT_OK && !codec->header_parsed)
        rc = codec->stream_end ? PGIT_EHEADER : PGIT_ETRUNCATED;
    if (rc == PGIT_OK && codec->declared > (uint64_t)(SIZE_MAX - PGIT_MAX_HEADER_SIZE))
        rc = PGIT_EOVERFLOW;
    if (rc != PGIT_OK)
        return decode_fail(codec, rc);
    *out_type = codec->type;
    if (codec->declared > out_cap) {
        *out_len = codec->declared;
        return decode_fail(codec, PGIT_EBUFSIZE);
    }
    rc = decode_whole_step(codec, out, (size_t)codec->declared, &made);
    if (rc != PGIT_OK)
        return decode_fail(codec, rc);
    rc = pgit_decode_finish(NULL, codec, expected_id);
    if (rc == PGIT_OK)
        *out_len = codec->declared;
    return rc;
}

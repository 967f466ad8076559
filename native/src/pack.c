/*
 * pack.c -- git's pack entries: headers, inflating entries whose size is
 * known, resolving deltas, and scanning a whole pack for indexing.
 *
 * An entry is a header (3 type bits and the inflated size in 7-bit groups;
 * for OFS_DELTA the distance back to the base, for REF_DELTA the base id)
 * followed by a zlib stream. Every read is checked against the mapping the
 * caller passes; no allocation is sized by a number read from the pack
 * unless the compressed bytes can hold it.
 */
#include "codec.h"
#include "delta.h"

#include <string.h>

/* Scanning inflates entries up to this size whole; larger ones stream
 * through a window of WINDOW bytes, so a scan holds at most this much. */
#define SCAN_WHOLE_MAX PGIT__LIBDEFLATE_MAX
#define WINDOW ((size_t)64 << 10)

/* The longest delta size prefix: two sizes of at most 10 bytes each. */
#define DELTA_SIZES_MAX 20

static uint32_t crc32_of(const uint8_t *data, size_t len)
{
#if defined(PGIT_HAVE_LIBDEFLATE)
    return libdeflate_crc32(0, data, len);
#else
    uLong crc = crc32(0L, Z_NULL, 0);
    while (len > 0) {
        size_t take = len < ZCHUNK ? len : ZCHUNK;
        crc = crc32(crc, data, (uInt)take);
        data += take;
        len -= take;
    }
    return (uint32_t)crc;
#endif
}

/* ---- entry headers ------------------------------------------------------- */

static int32_t entry_header(int32_t *out_type, uint64_t *out_size, size_t *out_header_len, uint64_t *out_base,
                            size_t digest, const uint8_t *pack, size_t pack_len, size_t offset)
{
    const uint8_t *p, *end;
    uint64_t size, rel;
    unsigned shift;
    int32_t type;
    uint8_t c;

    if (offset < PGIT_PACK_HEADER_SIZE || offset >= pack_len)
        return PGIT_ERANGE;
    p = pack + offset;
    end = pack + pack_len;

    c = *p++;
    type = (c >> 4) & 7;
    if (type == 0 || type == 5)
        return PGIT_EPACK;
    size = c & 15;
    shift = 4;
    while (c & 0x80) {
        uint64_t bits;
        if (p == end)
            return PGIT_ETRUNCATED;
        c = *p++;
        bits = c & 0x7f;
        if (shift >= 63 || bits > (UINT64_C(0x7fffffffffffffff) >> shift))
            return PGIT_EOVERFLOW;
        size |= bits << shift;
        shift += 7;
    }

    *out_base = 0;
    if (type == PGIT_OBJ_OFS_DELTA) {
        if (p == end)
            return PGIT_ETRUNCATED;
        c = *p++;
        rel = c & 0x7f;
        while (c & 0x80) {
            rel += 1;
            if (rel >> 57)
                return PGIT_EPACK;   /* the next digit would push bits out */
            if (p == end)
                return PGIT_ETRUNCATED;
            c = *p++;
            rel = (rel << 7) | (c & 0x7f);
        }
        if (rel == 0 || rel > offset - PGIT_PACK_HEADER_SIZE)
            return PGIT_EPACK;       /* itself, or before the first entry */
        *out_base = offset - rel;
    } else if (type == PGIT_OBJ_REF_DELTA) {
        if ((size_t)(end - p) < digest)
            return PGIT_ETRUNCATED;
        p += digest;
    }
    *out_type = type;
    *out_size = size;
    *out_header_len = (size_t)(p - (pack + offset));
    return PGIT_OK;
}

int32_t pgit_pack_entry_header(int32_t *out_type, pgit_size *out_size, pgit_size *out_header_len,
                               pgit_size *out_base_offset, int32_t algo,
                               const uint8_t *pack, pgit_size pack_len, pgit_size offset)
{
    uint64_t size, base;
    size_t header_len;
    int32_t type, rc;

    if (out_type == NULL || out_size == NULL || out_header_len == NULL || out_base_offset == NULL ||
        !pgit__algo_known(algo) || (pack == NULL && pack_len > 0))
        return PGIT_EINVAL;
    rc = entry_header(&type, &size, &header_len, &base, (size_t)pgit_hash_digest_size(algo), pack, pack_len, offset);
    if (rc != PGIT_OK)
        return rc;
    *out_type = type;
    *out_size = size;
    *out_header_len = header_len;
    *out_base_offset = base;
    return PGIT_OK;
}

/* ---- inflating an entry of known size ------------------------------------ */

/* All `size` bytes are out: the stream must end right here, adding nothing
 * (the loose decoder checks the same way). */
static int32_t expect_end(pgit_codec *codec, const uint8_t **cursor, size_t *left)
{
    uint8_t probe;
    size_t extra;
    int zrc = pgit__inflate_more(codec, cursor, left, &probe, 1, &extra);

    if (zrc != Z_OK && zrc != Z_STREAM_END)
        return pgit__inflate_error(zrc);
    if (extra > 0)
        return PGIT_ESIZE;
    return zrc == Z_STREAM_END ? PGIT_OK : PGIT_ETRUNCATED;
}

static int32_t inflate_exact_on(int engine, uint8_t *out, size_t out_len, size_t *in_used,
                                pgit_codec *codec, const uint8_t *in, size_t in_len)
{
    const uint8_t *cursor = in;
    size_t left = in_len, made;
    int zrc;
    int32_t rc;

    if (pgit__inflate_start(codec, engine) != PGIT_OK)
        return PGIT_ENOMEM;
    zrc = pgit__inflate_more(codec, &cursor, &left, out, out_len, &made);
    if (zrc != Z_OK && zrc != Z_STREAM_END)
        return pgit__inflate_error(zrc);
    if (made < out_len)
        return zrc == Z_STREAM_END ? PGIT_ESIZE : PGIT_ETRUNCATED;
    if (zrc != Z_STREAM_END && (rc = expect_end(codec, &cursor, &left)) != PGIT_OK)
        return rc;
    *in_used = in_len - left;
    return PGIT_OK;
}

/* A fast engine's clean success stands; anything else is decided by zlib,
 * the canonical inflater (codec.h). */
int32_t pgit__inflate_exact(uint8_t *out, size_t out_len, size_t *in_used,
                            pgit_codec *codec, const uint8_t *in, size_t in_len)
{
    int32_t rc;

#if defined(PGIT_HAVE_LIBDEFLATE)
    if (out_len <= PGIT__LIBDEFLATE_MAX) {
        size_t used = 0, made = 0;
        enum libdeflate_result lr = libdeflate_zlib_decompress_ex(codec->ld_decompressor, in, in_len,
                                                                  out, out_len, &used, &made);
        if (lr == LIBDEFLATE_SUCCESS && made == out_len) {
            *in_used = used;
            return PGIT_OK;
        }
    }
#endif
    if (codec->mode == MODE_DECODE)
        codec->mode = MODE_IDLE;   /* the inflater is restarted: a streaming decode is abandoned */
    if (out_len > PGIT__LIBDEFLATE_MAX || !PGIT__HAVE_LIBDEFLATE) {
        rc = inflate_exact_on(ENGINE_ISAL, out, out_len, in_used, codec, in, in_len);
        if (rc == PGIT_OK || rc == PGIT_ENOMEM || codec->inflate_engine == ENGINE_ZLIB)
            return rc;
    }
    return inflate_exact_on(ENGINE_ZLIB, out, out_len, in_used, codec, in, in_len);
}

/* The same checks through a window, for entries too large to hold: the
 * content is hashed into `hash` when it is not NULL, and its first
 * head_cap bytes are copied to head. */
static int32_t inflate_streamed_on(int engine, size_t *in_used, pgit_hash_ctx *hash, uint8_t *head,
                                   size_t head_cap, pgit_codec *codec, uint64_t size,
                                   const uint8_t *in, size_t in_len)
{
    const uint8_t *cursor = in;
    size_t left = in_len;
    uint64_t seen = 0;
    int zrc = Z_OK;
    int32_t rc;

    if (pgit__inflate_start(codec, engine) != PGIT_OK)
        return PGIT_ENOMEM;
    while (seen < size) {
        size_t room = size - seen < WINDOW ? (size_t)(size - seen) : WINDOW, made;

        zrc = pgit__inflate_more(codec, &cursor, &left, codec->scratch, room, &made);
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return pgit__inflate_error(zrc);
        if (hash != NULL)
            pgit__hash_feed(hash, codec->scratch, made);
        if (seen < head_cap)
            memcpy(head + seen, codec->scratch, head_cap - seen < made ? (size_t)(head_cap - seen) : made);
        seen += made;
        if (made < room)
            return zrc == Z_STREAM_END ? PGIT_ESIZE : PGIT_ETRUNCATED;
        if (zrc == Z_STREAM_END && seen < size)
            return PGIT_ESIZE;
    }
    if (zrc != Z_STREAM_END && (rc = expect_end(codec, &cursor, &left)) != PGIT_OK)
        return rc;
    *in_used = in_len - left;
    return PGIT_OK;
}

static int32_t inflate_exact_streamed(size_t *in_used, pgit_hash_ctx *hash, uint8_t *head, size_t head_cap,
                                      pgit_codec *codec, uint64_t size, const uint8_t *in, size_t in_len)
{
    pgit_hash_ctx start = {0};
    int32_t rc;

    if (pgit__codec_scratch(codec, WINDOW) != PGIT_OK)
        return PGIT_ENOMEM;
    if (codec->mode == MODE_DECODE)
        codec->mode = MODE_IDLE;
    if (hash != NULL)
        start = *hash;
    rc = inflate_streamed_on(ENGINE_ISAL, in_used, hash, head, head_cap, codec, size, in, in_len);
    if (rc == PGIT_OK || rc == PGIT_ENOMEM || codec->inflate_engine == ENGINE_ZLIB)
        return rc;
    if (hash != NULL)
        *hash = start;   /* zlib decides, from the start */
    return inflate_streamed_on(ENGINE_ZLIB, in_used, hash, head, head_cap, codec, size, in, in_len);
}

int32_t pgit_pack_inflate(uint8_t *out_id, uint8_t *out, pgit_size out_len, pgit_size *in_used,
                          pgit_codec *codec, int32_t algo, int32_t type,
                          const uint8_t *in, pgit_size in_len)
{
    size_t used = 0;
    int32_t rc;

    if (in_used == NULL || codec == NULL || !pgit__algo_known(algo) || (out == NULL && out_len > 0) ||
        (in == NULL && in_len > 0) || (out_id != NULL && pgit__type_name(type) == NULL))
        return PGIT_EINVAL;
    rc = pgit__inflate_exact(out, out_len, &used, codec, in, in_len);
    if (rc != PGIT_OK)
        return rc;
    *in_used = used;
    return out_id != NULL ? pgit__object_hash(out_id, algo, type, out, out_len) : PGIT_OK;
}

int32_t pgit_pack_delta_resolve(uint8_t *out_id, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                                pgit_size *in_used, pgit_codec *codec, int32_t algo, int32_t type,
                                const uint8_t *base, pgit_size base_len,
                                const uint8_t *in, pgit_size in_len, pgit_size delta_len)
{
    size_t used = 0, made = 0;
    int32_t rc;

    if (out_len == NULL || in_used == NULL || codec == NULL || !pgit__algo_known(algo) ||
        (out == NULL && out_cap > 0) || (base == NULL && base_len > 0) || (in == NULL && in_len > 0) ||
        (out_id != NULL && pgit__type_name(type) == NULL))
        return PGIT_EINVAL;
    if (!pgit__plausible(delta_len, in_len))
        return PGIT_ESIZE;
    if (pgit__codec_scratch(codec, delta_len > 0 ? (size_t)delta_len : 1) != PGIT_OK)
        return PGIT_ENOMEM;
    rc = pgit__inflate_exact(codec->scratch, (size_t)delta_len, &used, codec, in, in_len);
    if (rc == PGIT_OK)
        rc = pgit__delta_apply(out, out_cap, &made, base, base_len, codec->scratch, (size_t)delta_len);
    pgit__codec_scratch_trim(codec);
    if (rc == PGIT_EBUFSIZE)
        *out_len = made;
    if (rc != PGIT_OK)
        return rc;
    *out_len = made;
    *in_used = used;
    return out_id != NULL ? pgit__object_hash(out_id, algo, type, out, made) : PGIT_OK;
}

/* ---- scanning a pack ----------------------------------------------------- */

/* Inflates one entry's data to find its end; hashes a whole object into
 * out_id; reads a delta's result size into *object_size. */
static int32_t scan_data(size_t *in_used, uint64_t *object_size, uint8_t *out_id,
                         pgit_codec *codec, int32_t algo, int32_t type, uint64_t size,
                         const uint8_t *in, size_t in_len)
{
    uint8_t head[DELTA_SIZES_MAX];
    const uint8_t *sizes;
    size_t sizes_len;
    uint64_t base_size;
    int32_t rc;
    int whole = type <= PGIT_OBJ_TAG;

    if (size <= SCAN_WHOLE_MAX) {
        if (pgit__codec_scratch(codec, size > 0 ? (size_t)size : 1) != PGIT_OK)
            return PGIT_ENOMEM;
        rc = pgit__inflate_exact(codec->scratch, (size_t)size, in_used, codec, in, in_len);
        if (rc != PGIT_OK)
            return rc;
        if (whole) {
            *object_size = size;
            return pgit__object_hash(out_id, algo, type, codec->scratch, (size_t)size);
        }
        sizes = codec->scratch;
        sizes_len = (size_t)size;
    } else if (whole) {
        uint8_t header[PGIT_MAX_HEADER_SIZE];
        pgit_hash_ctx hash;

        pgit__hash_start(&hash, algo);
        pgit__hash_feed(&hash, header, pgit__header_write(header, type, size));
        rc = inflate_exact_streamed(in_used, &hash, NULL, 0, codec, size, in, in_len);
        if (rc != PGIT_OK)
            return rc;
        *object_size = size;
        return pgit__hash_end(&hash, out_id);
    } else {
        rc = inflate_exact_streamed(in_used, NULL, head, sizeof(head), codec, size, in, in_len);
        if (rc != PGIT_OK)
            return rc;
        sizes = head;
        sizes_len = sizeof(head);
    }
    if (pgit__delta_size(&base_size, &sizes, sizes + sizes_len) != PGIT_OK ||
        pgit__delta_size(object_size, &sizes, sizes + sizes_len) != PGIT_OK)
        return PGIT_EDELTA;
    return PGIT_OK;
}

int32_t pgit_pack_scan(pgit_pack_entry *out_entries, uint8_t *out_ids, int32_t *out_count,
                       pgit_codec *codec, int32_t algo,
                       const uint8_t *pack, pgit_size pack_len, pgit_size offset, int32_t max_count)
{
    uint8_t scratch_id[PGIT_MAX_DIGEST_SIZE];
    size_t digest;
    int32_t n = 0, rc = PGIT_OK;

    if (out_entries == NULL || out_ids == NULL || out_count == NULL || codec == NULL || !pgit__algo_known(algo) ||
        (pack == NULL && pack_len > 0) || max_count < 0)
        return PGIT_EINVAL;
    digest = (size_t)pgit_hash_digest_size(algo);
    *out_count = 0;

    while (n < max_count) {
        pgit_pack_entry *e = &out_entries[n];
        uint64_t size, base, object_size = 0;
        size_t header_len, used = 0, data;
        int32_t type;

        memset(e, 0, sizeof(*e));
        e->offset = offset;
        rc = entry_header(&type, &size, &header_len, &base, digest, pack, (size_t)pack_len, (size_t)offset);
        if (rc != PGIT_OK)
            break;
        data = (size_t)offset + header_len;
        rc = scan_data(&used, &object_size, type <= PGIT_OBJ_TAG ? out_ids + (size_t)n * digest : scratch_id,
                       codec, algo, type, size, pack + data, (size_t)pack_len - data);
        if (rc != PGIT_OK)
            break;
        e->type = type;
        e->size = size;
        e->object_size = object_size;
        e->base_offset = base;
        e->packed_len = header_len + used;
        e->header_len = (uint32_t)header_len;
        e->crc32 = crc32_of(pack + offset, header_len + used);
        offset += e->packed_len;
        n++;
        if (offset == pack_len)
            break;
    }
    pgit__codec_scratch_trim(codec);
    *out_count = n;
    return rc;
}

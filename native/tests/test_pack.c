/*
 * test_pack.c -- pack entries and deltas: known answers, a whole pack
 * scanned, and every malformed case the pack functions must refuse with
 * their own code, reading and writing nothing out of bounds (this test also
 * runs under ASan/UBSan).
 */
#include "pack_util.h"

static pgit_codec *codec;

static const char BASE[] = "hello world, this is the base text of a delta test\n";
static const char TARGET[] = "hello world, this is the NEW text of a delta test\n!";

/* The id git gives an object of `type` with this content. */
static void object_id(uint8_t *id, int32_t algo, const char *type, const uint8_t *data, size_t len)
{
    char header[64];
    int n = snprintf(header, sizeof(header), "%s %zu", type, len);
    uint8_t *all = malloc((size_t)n + 1 + len + 1);
    memcpy(all, header, (size_t)n + 1);
    if (len > 0)
        memcpy(all + n + 1, data, len);
    CHECK_RC(pgit_hash(id, algo, all, (pgit_size)n + 1 + len), PGIT_OK);
    free(all);
}

/* BASE -> TARGET: copy "hello world, this is the ", insert "NEW", copy the rest, insert "!". */
static void make_delta(buf *d)
{
    delta_size(d, sizeof(BASE) - 1);
    delta_size(d, sizeof(TARGET) - 1);
    delta_copy(d, 0, 25);
    delta_insert(d, "NEW", 3);
    delta_copy(d, 29, (uint32_t)(sizeof(BASE) - 1 - 29));
    delta_insert(d, "!", 1);
}

static void test_delta_apply(void)
{
    buf d = { 0 };
    uint8_t out[128];
    pgit_size out_len = 0;

    make_delta(&d);
    CHECK_RC(pgit_delta_apply(out, sizeof(out), &out_len, (const uint8_t *)BASE, sizeof(BASE) - 1, d.data, d.len),
             PGIT_OK);
    CHECK(out_len == sizeof(TARGET) - 1 && memcmp(out, TARGET, out_len) == 0);

    /* Asking for the size: out_cap 0 checks the whole delta first. */
    out_len = 0;
    CHECK_RC(pgit_delta_apply(NULL, 0, &out_len, (const uint8_t *)BASE, sizeof(BASE) - 1, d.data, d.len),
             PGIT_EBUFSIZE);
    CHECK(out_len == sizeof(TARGET) - 1);
    CHECK_RC(pgit_delta_apply(out, 10, &out_len, (const uint8_t *)BASE, sizeof(BASE) - 1, d.data, d.len),
             PGIT_EBUFSIZE);
    /* A base of another size is refused. */
    CHECK_RC(pgit_delta_apply(out, sizeof(out), &out_len, (const uint8_t *)BASE, sizeof(BASE) - 2, d.data, d.len),
             PGIT_EDELTA);
    CHECK_RC(pgit_delta_apply(out, sizeof(out), NULL, (const uint8_t *)BASE, sizeof(BASE) - 1, d.data, d.len),
             PGIT_EINVAL);
    free(d.data);

    /* A copy of 0x10000 bytes is written as size 0. */
    {
        uint8_t *big = malloc(0x10000), *res = malloc(0x10000);
        buf e = { 0 };
        size_t i;
        for (i = 0; i < 0x10000; i++)
            big[i] = (uint8_t)(i * 7);
        delta_size(&e, 0x10000);
        delta_size(&e, 0x10000);
        delta_copy(&e, 0, 0x10000);
        CHECK(e.len == 7);   /* two 3-digit sizes and a copy op with no argument bytes */
        CHECK_RC(pgit_delta_apply(res, 0x10000, &out_len, big, 0x10000, e.data, e.len), PGIT_OK);
        CHECK(out_len == 0x10000 && memcmp(res, big, 0x10000) == 0);
        free(e.data);
        free(big);
        free(res);
    }
}

/* One malformed delta against BASE: built by `build`, must give PGIT_EDELTA
 * both when applied and when only sized. */
static void expect_bad_delta(const uint8_t *delta, size_t len, const char *what)
{
    uint8_t out[256];
    pgit_size out_len = 0;
    int32_t rc = pgit_delta_apply(out, sizeof(out), &out_len, (const uint8_t *)BASE, sizeof(BASE) - 1, delta, len);
    if (rc != PGIT_EDELTA)
        fprintf(stderr, "apply %s: ", what);
    CHECK_RC(rc, PGIT_EDELTA);
    rc = pgit_delta_apply(NULL, 0, &out_len, (const uint8_t *)BASE, sizeof(BASE) - 1, delta, len);
    if (rc != PGIT_EDELTA)
        fprintf(stderr, "sizing %s: ", what);
    CHECK_RC(rc, PGIT_EDELTA);
}

static void test_delta_hostile(void)
{
    const size_t base_len = sizeof(BASE) - 1;
    buf d;

#define BAD(what, ...)                                  \
    do {                                                \
        d = (buf){ 0 };                                 \
        __VA_ARGS__;                                    \
        expect_bad_delta(d.data, d.len, what);          \
        free(d.data);                                   \
    } while (0)

    BAD("empty", buf_put(&d, "", 0));
    BAD("base size cut off", buf_byte(&d, 0x80));
    BAD("result size missing", delta_size(&d, base_len));
    BAD("base size differs", delta_size(&d, base_len + 1); delta_size(&d, 4); delta_copy(&d, 0, 4));
    BAD("copy past the base", delta_size(&d, base_len); delta_size(&d, 4); delta_copy(&d, (uint32_t)base_len - 2, 4));
    BAD("copy offset past the base", delta_size(&d, base_len); delta_size(&d, 1); delta_copy(&d, 0x7fffffff, 1));
    BAD("copy past the result", delta_size(&d, base_len); delta_size(&d, 4); delta_copy(&d, 0, 5));
    BAD("insert past the result", delta_size(&d, base_len); delta_size(&d, 2); delta_insert(&d, "abc", 3));
    BAD("insert past the delta", delta_size(&d, base_len); delta_size(&d, 5); buf_byte(&d, 5); buf_put(&d, "ab", 2));
    BAD("reserved instruction", delta_size(&d, base_len); delta_size(&d, 1); buf_byte(&d, 0); buf_byte(&d, 'x'));
    BAD("copy arguments cut off", delta_size(&d, base_len); delta_size(&d, 4); buf_byte(&d, 0x91); buf_byte(&d, 0));
    BAD("result shorter than declared", delta_size(&d, base_len); delta_size(&d, 10); delta_copy(&d, 0, 4));
    BAD("size digits past 64 bits", delta_size(&d, base_len);
        { int i; for (i = 0; i < 10; i++) buf_byte(&d, 0xff); buf_byte(&d, 0x01); });
    BAD("result size 2^64 - 1 with no instructions", delta_size(&d, base_len);
        { int i; for (i = 0; i < 9; i++) buf_byte(&d, 0xff); buf_byte(&d, 0x01); });
#undef BAD
}

/* A pack of three entries: a blob, an OFS_DELTA on it, a REF_DELTA on it. */
static void build_pack(buf *p, size_t *offsets, uint8_t *blob_id)
{
    buf d = { 0 };
    pgit_size n;

    make_delta(&d);
    pack_start(p, 3);
    offsets[0] = pack_whole(p, PGIT_OBJ_BLOB, (const uint8_t *)BASE, sizeof(BASE) - 1);
    offsets[1] = p->len;
    pack_entry_header(p, PGIT_OBJ_OFS_DELTA, d.len);
    pack_ofs(p, offsets[1] - offsets[0]);
    pack_deflated(p, d.data, d.len);
    offsets[2] = p->len;
    pack_entry_header(p, PGIT_OBJ_REF_DELTA, d.len);
    object_id(blob_id, PGIT_HASH_SHA1, "blob", (const uint8_t *)BASE, sizeof(BASE) - 1);
    buf_put(p, blob_id, 20);
    pack_deflated(p, d.data, d.len);
    offsets[3] = p->len;
    free(d.data);
    (void)n;
}

static void test_entries(void)
{
    buf p = { 0 };
    size_t offsets[4];
    uint8_t blob_id[20], id[20], target_id[20], out[128];
    int32_t type;
    pgit_size size, header_len, base, used, out_len;

    build_pack(&p, offsets, blob_id);
    object_id(target_id, PGIT_HASH_SHA1, "blob", (const uint8_t *)TARGET, sizeof(TARGET) - 1);

    CHECK_RC(pgit_pack_entry_header(&type, &size, &header_len, &base, PGIT_HASH_SHA1, p.data, p.len, offsets[0]),
             PGIT_OK);
    CHECK(type == PGIT_OBJ_BLOB && size == sizeof(BASE) - 1 && header_len == 2 && base == 0);
    CHECK_RC(pgit_pack_inflate(id, out, size, &used, codec, PGIT_HASH_SHA1, type, p.data + offsets[0] + header_len,
                               p.len - offsets[0] - header_len), PGIT_OK);
    CHECK(memcmp(out, BASE, size) == 0 && memcmp(id, blob_id, 20) == 0);
    CHECK(offsets[0] + header_len + used == offsets[1]);

    CHECK_RC(pgit_pack_entry_header(&type, &size, &header_len, &base, PGIT_HASH_SHA1, p.data, p.len, offsets[1]),
             PGIT_OK);
    CHECK(type == PGIT_OBJ_OFS_DELTA && base == offsets[0] && header_len == 2);
    CHECK_RC(pgit_pack_delta_resolve(id, out, sizeof(out), &out_len, &used, codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB,
                                     (const uint8_t *)BASE, sizeof(BASE) - 1, p.data + offsets[1] + header_len,
                                     p.len - offsets[1] - header_len, size), PGIT_OK);
    CHECK(out_len == sizeof(TARGET) - 1 && memcmp(out, TARGET, out_len) == 0 && memcmp(id, target_id, 20) == 0);
    CHECK(offsets[1] + header_len + used == offsets[2]);
    /* Too little room: the size comes back. */
    CHECK_RC(pgit_pack_delta_resolve(NULL, NULL, 0, &out_len, &used, codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB,
                                     (const uint8_t *)BASE, sizeof(BASE) - 1, p.data + offsets[1] + header_len,
                                     p.len - offsets[1] - header_len, size), PGIT_EBUFSIZE);
    CHECK(out_len == sizeof(TARGET) - 1);
    /* A delta size the compressed bytes cannot hold is refused before any allocation. */
    CHECK_RC(pgit_pack_delta_resolve(NULL, out, sizeof(out), &out_len, &used, codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB,
                                     (const uint8_t *)BASE, sizeof(BASE) - 1, p.data + offsets[1] + header_len, 8,
                                     (pgit_size)1 << 40), PGIT_ESIZE);

    CHECK_RC(pgit_pack_entry_header(&type, &size, &header_len, &base, PGIT_HASH_SHA1, p.data, p.len, offsets[2]),
             PGIT_OK);
    CHECK(type == PGIT_OBJ_REF_DELTA && base == 0 && header_len == 21);
    CHECK(memcmp(p.data + offsets[2] + header_len - 20, blob_id, 20) == 0);
    /* The same header read as SHA-256 takes a 32-byte base id. */
    CHECK_RC(pgit_pack_entry_header(&type, &size, &header_len, &base, PGIT_HASH_SHA256, p.data, p.len, offsets[2]),
             PGIT_OK);
    CHECK(header_len == 33);
    free(p.data);
}

static void test_scan(void)
{
    buf p = { 0 };
    size_t offsets[4];
    uint8_t blob_id[20], ids[3 * 20], target_id[20];
    pgit_pack_entry entries[4];
    int32_t count = -1, i;

    build_pack(&p, offsets, blob_id);
    object_id(target_id, PGIT_HASH_SHA1, "blob", (const uint8_t *)TARGET, sizeof(TARGET) - 1);
    memset(ids, 0xee, sizeof(ids));
    CHECK_RC(pgit_pack_scan(entries, ids, &count, codec, PGIT_HASH_SHA1, p.data, p.len, PGIT_PACK_HEADER_SIZE, 4),
             PGIT_OK);
    CHECK(count == 3);   /* stops at the end of the pack, not at max_count */
    for (i = 0; i < 3; i++) {
        CHECK(entries[i].offset == offsets[i]);
        CHECK(entries[i].packed_len == offsets[i + 1] - offsets[i]);
        CHECK(entries[i].crc32 == (uint32_t)crc32(0, p.data + offsets[i], (uInt)(offsets[i + 1] - offsets[i])));
        CHECK(entries[i].object_size == (i == 0 ? sizeof(BASE) - 1 : sizeof(TARGET) - 1));
        CHECK(entries[i].header_len == (i == 2 ? 21u : 2u));
    }
    CHECK(entries[0].type == PGIT_OBJ_BLOB && memcmp(ids, blob_id, 20) == 0);
    CHECK(entries[1].type == PGIT_OBJ_OFS_DELTA && entries[1].base_offset == offsets[0]);
    CHECK(entries[2].type == PGIT_OBJ_REF_DELTA && entries[2].base_offset == 0);
    CHECK(ids[20] == 0xee && ids[40] == 0xee);   /* deltas leave their id slots alone */

    /* max_count stops early; the next call goes on from where it stopped. */
    CHECK_RC(pgit_pack_scan(entries, ids, &count, codec, PGIT_HASH_SHA1, p.data, p.len, PGIT_PACK_HEADER_SIZE, 1),
             PGIT_OK);
    CHECK(count == 1);
    CHECK_RC(pgit_pack_scan(entries, ids, &count, codec, PGIT_HASH_SHA1, p.data, p.len, offsets[1], 4), PGIT_OK);
    CHECK(count == 2 && entries[0].offset == offsets[1]);

    /* A damaged second entry: the first is reported, and where the bad one starts. */
    p.data[offsets[1] + 4] ^= 0xff;
    CHECK(pgit_pack_scan(entries, ids, &count, codec, PGIT_HASH_SHA1, p.data, p.len, PGIT_PACK_HEADER_SIZE, 4) < 0);
    CHECK(count == 1 && entries[1].offset == offsets[1]);
    free(p.data);
}

/* Entries whose data is larger than the scan's whole-buffer limit stream
 * through a window: the id and the delta's result size must still come out. */
static void test_scan_large(void)
{
    const size_t big = ((size_t)16 << 20) + 12345;
    uint8_t *content = malloc(big), id[20], ids[40];
    buf p = { 0 }, d = { 0 };
    pgit_pack_entry entries[2];
    int32_t count = 0;
    size_t i, at;

    for (i = 0; i < big; i++)
        content[i] = (uint8_t)((i * 2654435761u) >> 13);
    pack_start(&p, 2);
    pack_whole(&p, PGIT_OBJ_BLOB, content, big);
    /* A delta larger than the limit: inserts of 127 bytes, all literal. */
    delta_size(&d, 5);
    delta_size(&d, big - big % 127);
    for (at = 0; at + 127 <= big; at += 127)
        delta_insert(&d, content + at, 127);
    at = p.len;
    pack_entry_header(&p, PGIT_OBJ_REF_DELTA, d.len);
    buf_put(&p, ids, 20);
    pack_deflated(&p, d.data, d.len);

    CHECK_RC(pgit_pack_scan(entries, ids, &count, codec, PGIT_HASH_SHA1, p.data, p.len, PGIT_PACK_HEADER_SIZE, 2),
             PGIT_OK);
    object_id(id, PGIT_HASH_SHA1, "blob", content, big);
    CHECK(count == 2 && memcmp(ids, id, 20) == 0 && entries[0].object_size == big);
    CHECK(entries[1].offset == at && entries[1].size == d.len && entries[1].object_size == big - big % 127);
    CHECK(entries[1].offset + entries[1].packed_len == p.len);
    free(content);
    free(p.data);
    free(d.data);
}

/* The header of an entry built by hand at offset 12 of a small pack. */
static int32_t header_of(const uint8_t *entry, size_t len, int32_t algo, pgit_size *header_len, pgit_size *base)
{
    buf p = { 0 };
    int32_t type, rc;
    pgit_size size;

    pack_start(&p, 1);
    buf_put(&p, entry, len);
    rc = pgit_pack_entry_header(&type, &size, header_len, base, algo, p.data, p.len, PGIT_PACK_HEADER_SIZE);
    free(p.data);
    return rc;
}

static void test_entry_header_hostile(void)
{
    uint8_t e[40];
    pgit_size header_len, base, size;
    int32_t type;
    buf p = { 0 };

    e[0] = 0x05;   /* type 0 */
    CHECK_RC(header_of(e, 1, PGIT_HASH_SHA1, &header_len, &base), PGIT_EPACK);
    e[0] = 0x55;   /* type 5 */
    CHECK_RC(header_of(e, 1, PGIT_HASH_SHA1, &header_len, &base), PGIT_EPACK);
    e[0] = 0xb5;   /* blob, size continues past the end */
    CHECK_RC(header_of(e, 1, PGIT_HASH_SHA1, &header_len, &base), PGIT_ETRUNCATED);
    /* size 2^63: 4 + 7 * 8 bits = 60, then bit 63 */
    memset(e, 0xff, 9);
    e[0] = 0xb0;
    e[9] = 0x08;
    CHECK_RC(header_of(e, 10, PGIT_HASH_SHA1, &header_len, &base), PGIT_EOVERFLOW);
    e[9] = 0x07;   /* 2^63 - 1 fits */
    CHECK_RC(header_of(e, 10, PGIT_HASH_SHA1, &header_len, &base), PGIT_OK);
    /* more size digits than 63 bits need, even zero ones */
    memset(e, 0x80, 12);
    e[0] = 0xb0;
    e[12] = 0;
    CHECK_RC(header_of(e, 13, PGIT_HASH_SHA1, &header_len, &base), PGIT_EOVERFLOW);

    e[0] = 0x65;   /* OFS_DELTA ... */
    e[1] = 0x00;   /* ... pointing to itself */
    CHECK_RC(header_of(e, 2, PGIT_HASH_SHA1, &header_len, &base), PGIT_EPACK);
    e[1] = 0x01;   /* ... into the pack header (the entry is the first) */
    CHECK_RC(header_of(e, 2, PGIT_HASH_SHA1, &header_len, &base), PGIT_EPACK);
    CHECK_RC(header_of(e, 1, PGIT_HASH_SHA1, &header_len, &base), PGIT_ETRUNCATED);
    memset(e + 1, 0xff, 10);   /* a distance of more than 64 bits */
    e[11] = 0x7f;
    CHECK_RC(header_of(e, 12, PGIT_HASH_SHA1, &header_len, &base), PGIT_EPACK);
    e[1] = 0x80;   /* a distance whose digits run off the end */
    CHECK_RC(header_of(e, 2, PGIT_HASH_SHA1, &header_len, &base), PGIT_ETRUNCATED);

    e[0] = 0x75;   /* REF_DELTA with 19 of its 20 id bytes */
    memset(e + 1, 0xab, 19);
    CHECK_RC(header_of(e, 20, PGIT_HASH_SHA1, &header_len, &base), PGIT_ETRUNCATED);
    memset(e + 1, 0xab, 31);   /* 31 of 32 for SHA-256 */
    CHECK_RC(header_of(e, 32, PGIT_HASH_SHA256, &header_len, &base), PGIT_ETRUNCATED);

    /* Offsets outside the entries' region. */
    pack_start(&p, 1);
    pack_whole(&p, PGIT_OBJ_BLOB, (const uint8_t *)"x", 1);
    CHECK_RC(pgit_pack_entry_header(&type, &size, &header_len, &base, PGIT_HASH_SHA1, p.data, p.len, 11), PGIT_ERANGE);
    CHECK_RC(pgit_pack_entry_header(&type, &size, &header_len, &base, PGIT_HASH_SHA1, p.data, p.len, p.len), PGIT_ERANGE);
    CHECK_RC(pgit_pack_entry_header(&type, &size, &header_len, &base, PGIT_HASH_SHA1, p.data, p.len, (pgit_size)-1),
             PGIT_ERANGE);
    CHECK_RC(pgit_pack_entry_header(&type, &size, &header_len, &base, 9, p.data, p.len, 12), PGIT_EINVAL);
    free(p.data);
}

/* A whole entry whose stream does not hold what its header declares. */
static void test_inflate_hostile(void)
{
    const uint8_t data[] = "sixteen bytes!!!";
    uint8_t out[64], id[20];
    pgit_size z_len, used = 0;
    uint8_t *z = zcompress(data, 16, &z_len);

    CHECK_RC(pgit_pack_inflate(id, out, 16, &used, codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, z, z_len), PGIT_OK);
    CHECK(used == z_len);
    /* followed by other bytes: fine, they are the next entry */
    {
        uint8_t *more = malloc(z_len + 10);
        memcpy(more, z, z_len);
        memset(more + z_len, 0x78, 10);
        CHECK_RC(pgit_pack_inflate(NULL, out, 16, &used, codec, PGIT_HASH_SHA1, 0, more, z_len + 10), PGIT_OK);
        CHECK(used == z_len);
        free(more);
    }
    CHECK_RC(pgit_pack_inflate(NULL, out, 15, &used, codec, PGIT_HASH_SHA1, 0, z, z_len), PGIT_ESIZE);
    CHECK_RC(pgit_pack_inflate(NULL, out, 17, &used, codec, PGIT_HASH_SHA1, 0, z, z_len), PGIT_ESIZE);
    CHECK_RC(pgit_pack_inflate(NULL, out, 16, &used, codec, PGIT_HASH_SHA1, 0, z, z_len - 1), PGIT_ETRUNCATED);
    CHECK_RC(pgit_pack_inflate(NULL, out, 16, &used, codec, PGIT_HASH_SHA1, 0, z, 3), PGIT_ETRUNCATED);
    CHECK_RC(pgit_pack_inflate(NULL, out, 16, &used, codec, PGIT_HASH_SHA1, 0, z, 0), PGIT_ETRUNCATED);
    z[0] ^= 0x01;   /* a zlib header whose check bits fail */
    CHECK_RC(pgit_pack_inflate(NULL, out, 16, &used, codec, PGIT_HASH_SHA1, 0, z, z_len), PGIT_EZLIB);
    z[0] ^= 0x01;
    z[z_len - 1] ^= 0x01;   /* adler-32 */
    CHECK_RC(pgit_pack_inflate(NULL, out, 16, &used, codec, PGIT_HASH_SHA1, 0, z, z_len), PGIT_EZLIB);
    CHECK_RC(pgit_pack_inflate(id, out, 16, &used, codec, PGIT_HASH_SHA1, 5, z, z_len), PGIT_EINVAL);
    free(z);
}

/* Streams `z` (an entry's zlib data) through pgit_decode_begin_entry in slices
 * of 3 bytes into a 5-byte window; returns the final code. */
static int32_t stream_entry(uint8_t *content, size_t *content_len, uint8_t *id, int32_t type, pgit_size size,
                            const uint8_t *z, size_t z_len)
{
    size_t off = 0;
    int32_t rc = pgit_decode_begin_entry(codec, PGIT_HASH_SHA1, type, size), t;
    pgit_size declared, made, used;

    *content_len = 0;
    while (rc == PGIT_OK) {
        pgit_size take = z_len - off < 3 ? z_len - off : 3;
        rc = pgit_decode_update(&t, &declared, content + *content_len, 5, &made, &used, codec, z + off, take);
        if (rc != PGIT_OK)
            return rc;
        CHECK(t == type && declared == size);
        *content_len += made;
        off += used;
        if (off == z_len && made < 5)
            break;
    }
    return rc == PGIT_OK ? pgit_decode_finish(id, codec, NULL) : rc;
}

static void test_decode_entry(void)
{
    static const char text[] = "a packed blob streamed in slices\n";
    const size_t len = sizeof(text) - 1;
    uint8_t content[128], id[20], want[20];
    size_t got;
    pgit_size z_len;
    uint8_t *z = zcompress((const uint8_t *)text, len, &z_len);

    object_id(want, PGIT_HASH_SHA1, "blob", (const uint8_t *)text, len);
    CHECK_RC(stream_entry(content, &got, id, PGIT_OBJ_BLOB, len, z, z_len), PGIT_OK);
    CHECK(got == len && memcmp(content, text, len) == 0 && memcmp(id, want, 20) == 0);
    CHECK_RC(stream_entry(content, &got, id, PGIT_OBJ_BLOB, len - 1, z, z_len), PGIT_ESIZE);
    CHECK_RC(stream_entry(content, &got, id, PGIT_OBJ_BLOB, len + 1, z, z_len), PGIT_ESIZE);
    CHECK_RC(stream_entry(content, &got, id, PGIT_OBJ_BLOB, len, z, z_len - 2), PGIT_ETRUNCATED);
    CHECK_RC(pgit_decode_begin_entry(codec, PGIT_HASH_SHA1, PGIT_OBJ_OFS_DELTA, len), PGIT_EINVAL);
    CHECK_RC(pgit_decode_begin_entry(codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, (pgit_size)1 << 63), PGIT_EINVAL);
    free(z);
}

/* Every single-byte change of a small pack: whatever the verdict, nothing
 * out of bounds (ASan) and a defined code. */
static void test_scan_mutations(void)
{
    buf p = { 0 };
    size_t offsets[4], i;
    uint8_t blob_id[20], ids[3 * 20];
    pgit_pack_entry entries[4];
    int32_t count;

    build_pack(&p, offsets, blob_id);
    for (i = PGIT_PACK_HEADER_SIZE; i < p.len; i++) {
        int bit;
        for (bit = 0; bit < 8; bit++) {
            int32_t rc;
            p.data[i] ^= (uint8_t)(1u << bit);
            rc = pgit_pack_scan(entries, ids, &count, codec, PGIT_HASH_SHA1, p.data, p.len, PGIT_PACK_HEADER_SIZE, 4);
            CHECK(rc == PGIT_OK || (rc < 0 && strcmp(pgit_strerror(rc), "unknown error") != 0));
            CHECK(count >= 0 && count <= 3);
            p.data[i] ^= (uint8_t)(1u << bit);
        }
    }
    /* and every truncation */
    for (i = PGIT_PACK_HEADER_SIZE + 1; i < p.len; i++) {
        int32_t rc = pgit_pack_scan(entries, ids, &count, codec, PGIT_HASH_SHA1, p.data, i, PGIT_PACK_HEADER_SIZE, 4);
        CHECK(rc == PGIT_OK ? entries[count - 1].offset + entries[count - 1].packed_len == i : count < 3);
    }
    free(p.data);
}

int main(void)
{
    CHECK_RC(pgit_codec_new(&codec, 1), PGIT_OK);
    test_delta_apply();
    test_delta_hostile();
    test_entries();
    test_scan();
    test_scan_large();
    test_entry_header_hostile();
    test_inflate_hostile();
    test_decode_entry();
    test_scan_mutations();
    pgit_codec_free(codec);
    return check_summary("test_pack");
}

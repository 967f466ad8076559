/*
 * test_hostile.c -- malformed and malicious loose objects: each must give
 * its own error code through the one-shot and the streaming decoder, and
 * none may read or write out of bounds (run under ASan/UBSan too).
 */
#include "test_util.h"

static pgit_codec *codec;

/* Decodes `in` through pgit_decode_set_input (the whole input up front: the
 * fast inflater, zlib deciding anything unclean), in output slices of
 * `slice` bytes; returns the verdict. */
static int32_t decode_whole_input(const uint8_t *in, pgit_size in_len, pgit_size slice)
{
    uint8_t out[4096];
    int32_t type, rc;
    pgit_size size, made, used;

    rc = pgit_decode_begin(codec, PGIT_HASH_SHA1);
    if (rc == PGIT_OK)
        rc = pgit_decode_set_input(codec, in, in_len);
    while (rc == PGIT_OK) {
        rc = pgit_decode_update(&type, &size, out, slice, &made, &used, codec, NULL, 0);
        if (rc == PGIT_OK && made < slice)
            break;
    }
    if (rc == PGIT_OK)
        rc = pgit_decode_finish(NULL, codec, NULL);
    return rc;
}

/* Decodes `in` one-shot with an exact-size buffer, then streaming in small
 * slices, then with the whole input up front, and checks all give `want`. */
static void expect_both(const uint8_t *in, pgit_size in_len, int32_t want, const char *what)
{
    uint8_t out[256];
    pgit_size out_len = 0, off = 0;
    int32_t type, rc;
    pgit_size size;

    rc = pgit_object_decode(&type, out, sizeof(out), &out_len, codec, PGIT_HASH_SHA1, NULL, in, in_len);
    if (rc != want)
        fprintf(stderr, "one-shot %s: ", what);
    CHECK_RC(rc, want);

    rc = pgit_decode_begin(codec, PGIT_HASH_SHA1);
    while (rc == PGIT_OK) {
        pgit_size take = in_len - off < 3 ? in_len - off : 3, made, used;
        rc = pgit_decode_update(&type, &size, out, 5, &made, &used, codec, in + off, take);
        if (rc != PGIT_OK)
            break;
        off += used;
        if (off == in_len && made < 5)
            break;
    }
    if (rc == PGIT_OK)
        rc = pgit_decode_finish(NULL, codec, NULL);
    if (rc != want)
        fprintf(stderr, "streaming %s: ", what);
    CHECK_RC(rc, want);

    rc = decode_whole_input(in, in_len, 5);
    if (rc != want)
        fprintf(stderr, "whole input %s: ", what);
    CHECK_RC(rc, want);
}

static void expect_raw(const char *raw, pgit_size raw_len, int32_t want, const char *what)
{
    pgit_size len;
    uint8_t *z = zcompress((const uint8_t *)raw, raw_len, &len);
    expect_both(z, len, want, what);
    free(z);
}

static void test_headers(void)
{
    expect_raw("blob 5\0hello", 12, PGIT_OK, "valid");
    expect_raw("blob 4\0hello", 12, PGIT_ESIZE, "longer than declared");
    expect_raw("blob 6\0hello", 12, PGIT_ESIZE, "shorter than declared");
    expect_raw("blob 5hello", 11, PGIT_EHEADER, "missing NUL");
    expect_raw("blob5\0hello", 11, PGIT_EHEADER, "missing space");
    expect_raw("blobby 5\0hello", 14, PGIT_EHEADER, "unknown type");
    expect_raw("BLOB 5\0hello", 12, PGIT_EHEADER, "type case");
    expect_raw("blob 05\0hello", 13, PGIT_EHEADER, "leading zero");
    expect_raw("blob \0", 6, PGIT_EHEADER, "empty size");
    expect_raw("blob -5\0hello", 13, PGIT_EHEADER, "negative size");
    expect_raw("blob 99999999999999999999\0x", 27, PGIT_EOVERFLOW, "size overflow");
    expect_raw("blob 9223372036854775808\0x", 26, PGIT_EOVERFLOW, "size 2^63");
    expect_raw("", 0, PGIT_EHEADER, "empty stream");
    expect_raw("blob 1234567890123456789012345678901234567890", 45, PGIT_EOVERFLOW, "endless digits");
    expect_raw("blob 0\0", 7, PGIT_OK, "empty blob");
    expect_raw("tree 0\0", 7, PGIT_OK, "empty tree");
}

static void test_streams(void)
{
    const char raw[] = "blob 11\0hello world";
    pgit_size len, i;
    uint8_t *z = zcompress((const uint8_t *)raw, sizeof(raw) - 1, &len);
    uint8_t *bad = malloc(len + 8);
    uint8_t out[64];
    pgit_size out_len;
    int32_t type;

    /* Every truncation is an error, never a success or a crash. */
    for (i = 0; i < len; i++) {
        int32_t rc = pgit_object_decode(&type, out, sizeof(out), &out_len, codec, PGIT_HASH_SHA1, NULL, z, i);
        CHECK(rc == PGIT_ETRUNCATED || (i < 2 && rc == PGIT_EZLIB));
        if (i >= 2)
            CHECK_RC(rc, PGIT_ETRUNCATED);
    }
    expect_both(z, len - 1, PGIT_ETRUNCATED, "missing checksum byte");

    /* Not zlib at all. */
    expect_both((const uint8_t *)"this is not zlib", 16, PGIT_EZLIB, "not zlib");

    /* A flipped checksum byte. */
    memcpy(bad, z, len);
    bad[len - 1] ^= 0x55;
    expect_both(bad, len, PGIT_EZLIB, "bad adler32");

    /* Trailing garbage after a complete stream. */
    memcpy(bad, z, len);
    memcpy(bad + len, "garbage", 7);
    expect_both(bad, len + 7, PGIT_ETRAILING, "trailing bytes");

    /* Headers zlib refuses and ISA-L would read: a 64 KiB window, a preset dictionary. */
    memcpy(bad, z, len);
    bad[0] = 0x88;
    bad[1] = 0x00;
    while (((bad[0] << 8) | bad[1]) % 31 != 0)
        bad[1]++;
    expect_both(bad, len, PGIT_EZLIB, "window of 2^16");
    memcpy(bad, z, len);
    bad[1] = (uint8_t)((bad[1] | 0x20) & ~0x1f);
    while (((bad[0] << 8) | bad[1]) % 31 != 0)
        bad[1]++;
    expect_both(bad, len, PGIT_EZLIB, "preset dictionary");

    free(bad);
    free(z);
}

/* Randomly damaged objects of many sizes and levels: the decoder over the
 * whole input (ISA-L, then zlib for anything unclean) reaches the verdict
 * of the plain streaming decoder (zlib) every time. */
static void test_engines_agree(void)
{
    uint32_t seed = 12345;
    int round, disagreements = 0;

    for (round = 0; round < 3000; round++) {
        size_t n, i, zlen;
        uint8_t raw[6000], *z;
        pgit_size len;
        int32_t streamed, whole;

        seed = seed * 1103515245u + 12345u;
        n = 7 + (seed >> 8) % (sizeof(raw) - 7);
        memcpy(raw, "blob ", 5);
        {
            int head = snprintf((char *)raw + 5, 20, "%u", (unsigned)(n - 12));
            (void)head;
        }
        i = strlen((char *)raw) + 1;
        for (; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            raw[i] = (seed >> 16) % 3 == 0 ? (uint8_t)(seed >> 8) : (uint8_t)("abcdefgh \n"[(seed >> 20) % 10]);
        }
        z = zcompress(raw, n, &len);
        zlen = (size_t)len;
        seed = seed * 1103515245u + 12345u;
        switch ((seed >> 16) % 4) {
        case 0: z[2 + (seed >> 4) % (zlen - 2)] ^= (uint8_t)(1u << ((seed >> 24) % 8)); break;
        case 1: zlen = 2 + (seed >> 4) % (zlen - 2); break;
        case 2: z[(seed >> 4) % zlen] = (uint8_t)(seed >> 24); break;
        default: break;   /* undamaged, or with a wrong declared size */
        }
        whole = decode_whole_input(z, zlen, 1 + (seed >> 8) % 4000);
        {
            uint8_t out[4096];
            int32_t type, rc = pgit_decode_begin(codec, PGIT_HASH_SHA1);
            pgit_size size, made, used, off = 0;
            while (rc == PGIT_OK) {
                rc = pgit_decode_update(&type, &size, out, sizeof(out), &made, &used, codec, z + off, zlen - off);
                if (rc != PGIT_OK)
                    break;
                off += used;
                if (off == zlen && made < sizeof(out))
                    break;
            }
            if (rc == PGIT_OK)
                rc = pgit_decode_finish(NULL, codec, NULL);
            streamed = rc;
        }
        if (streamed != whole) {
            if (disagreements++ < 5)
                fprintf(stderr, "round %d: streamed %d, whole input %d\n", round, streamed, whole);
        }
        free(z);
    }
    CHECK(disagreements == 0);
}

/* A bomb: 256 MiB of zeros behind a header that declares 10 bytes. Decoding
 * must stop right past the declared size, not inflate the rest. */
static void test_bomb(void)
{
    const pgit_size huge = (pgit_size)256 << 20, chunk = 1 << 20;
    uint8_t *zeros = calloc(1, chunk), *z;
    pgit_size z_cap = (pgit_size)8 << 20, i;
    z_stream s;
    int32_t type;
    uint8_t out[10];
    pgit_size out_len;

    memset(&s, 0, sizeof(s));
    z = malloc(z_cap);
    deflateInit(&s, 9);
    s.next_out = z;
    s.avail_out = (uInt)z_cap;
    s.next_in = (Bytef *)"blob 10\0";
    s.avail_in = 8;
    deflate(&s, Z_NO_FLUSH);
    for (i = 0; i < huge / chunk; i++) {
        s.next_in = zeros;
        s.avail_in = (uInt)chunk;
        deflate(&s, i + 1 == huge / chunk ? Z_FINISH : Z_NO_FLUSH);
    }
    deflateEnd(&s);

    CHECK_RC(pgit_object_decode(&type, out, sizeof(out), &out_len, codec, PGIT_HASH_SHA1, NULL, z, s.total_out),
             PGIT_ESIZE);
    expect_both(z, s.total_out, PGIT_ESIZE, "bomb");
    free(z);
    free(zeros);
}

static void test_id_mismatch(void)
{
    const uint8_t content[] = "hello\n";
    uint8_t id[32], wrong[32], out[16];
    pgit_size cap = pgit_object_encode_bound(6), len, out_len;
    uint8_t *enc = malloc(cap);
    int32_t type;
    pgit_size used;
    pgit_size size;

    CHECK_RC(pgit_object_encode(id, enc, cap, &len, codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, content, 6), PGIT_OK);
    memcpy(wrong, id, 20);
    wrong[19] ^= 1;
    CHECK_RC(pgit_object_decode(&type, out, sizeof(out), &out_len, codec, PGIT_HASH_SHA1, wrong, enc, len),
             PGIT_EIDMISMATCH);
    CHECK_RC(pgit_object_decode(&type, out, sizeof(out), &out_len, codec, PGIT_HASH_SHA1, id, enc, len), PGIT_OK);

    CHECK_RC(pgit_decode_begin(codec, PGIT_HASH_SHA1), PGIT_OK);
    CHECK_RC(pgit_decode_update(&type, &size, out, sizeof(out), &out_len, &used, codec, enc, len), PGIT_OK);
    CHECK_RC(pgit_decode_finish(NULL, codec, wrong), PGIT_EIDMISMATCH);
    free(enc);
}

static void test_streaming_misuse(void)
{
    uint8_t out[128], id[32];
    pgit_size n, used;
    int32_t type;
    pgit_size size;

    CHECK_RC(pgit_encode_update(out, sizeof(out), &n, &used, codec, (const uint8_t *)"x", 1), PGIT_ESTATE);
    CHECK_RC(pgit_encode_finish(id, out, sizeof(out), &n, codec), PGIT_ESTATE);
    CHECK_RC(pgit_decode_finish(NULL, codec, NULL), PGIT_ESTATE);
    CHECK_RC(pgit_decode_update(&type, &size, out, sizeof(out), &n, &used, codec, NULL, 0), PGIT_ESTATE);

    /* More content than declared, and less. */
    CHECK_RC(pgit_encode_begin(codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, 2), PGIT_OK);
    CHECK_RC(pgit_encode_update(out, sizeof(out), &n, &used, codec, (const uint8_t *)"abc", 3), PGIT_ESIZE);
    CHECK_RC(pgit_encode_begin(codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, 2), PGIT_OK);
    CHECK_RC(pgit_encode_update(out, sizeof(out), &n, &used, codec, (const uint8_t *)"a", 1), PGIT_OK);
    CHECK_RC(pgit_encode_finish(id, out, sizeof(out), &n, codec), PGIT_ESIZE);
    CHECK_RC(pgit_encode_begin(codec, PGIT_HASH_SHA1, 0, 2), PGIT_EINVAL);
    CHECK_RC(pgit_decode_begin(codec, 0), PGIT_EINVAL);
}

/* Output first: bytes that come out before a zlib error are judged before
 * the error, so the verdict does not depend on whether the error arrives in
 * the same call (found by fuzz_object_decode). */
static void test_output_first(void)
{
    const char longer[] = "blob 4\0hello";   /* one byte more than declared */
    const char badhdr[] = "blob x\0hello";   /* size digits that are not digits */
    pgit_size len;
    uint8_t *z;

    z = zcompress((const uint8_t *)longer, sizeof(longer) - 1, &len);
    z[len - 1] ^= 0x55;   /* and a bad checksum after it */
    expect_both(z, len, PGIT_ESIZE, "excess byte before a bad checksum");
    free(z);
    z = zcompress((const uint8_t *)badhdr, sizeof(badhdr) - 1, &len);
    z[len - 1] ^= 0x55;
    expect_both(z, len, PGIT_EHEADER, "bad header before a bad checksum");
    free(z);
}

/* A pack entry region on which igzip hands back read-ahead bytes of an
 * earlier call (found by fuzz_pack; under ASan/UBSan this was a wild
 * pointer): the scan ends in a verdict, reading nothing outside the pack. */
static void test_isal_gives_back(void)
{
    uint8_t pack[12 + 162];
    static const uint8_t head[] = { 0x99, 0xbc, 0x9e, 0xbb, 0x3a, 0x78, 0x9c, 0x63, 0x60, 0x4c, 0xca, 0xcc, 0x4b,
                                    0x2c, 0xaa, 0xfc, 0x6f, 0x0a, 0x02, 0x0f, 0xff };
    static const uint8_t tail[] = { 0xff, 0x60, 0x30, 0x00, 0x07, 0x36, 0x00, 0xe1, 0x03, 0xbb, 0x30, 0x31,
                                    0xec, 0xec, 0xec, 0xec, 0x1d, 0x30 };
    pgit_pack_entry entries[40];
    uint8_t ids[40 * 20];
    int32_t count = -1, rc;

    memcpy(pack, "PACK\0\0\0\2\0\0\0\0", 12);
    memcpy(pack + 12, head, sizeof(head));
    memset(pack + 12 + sizeof(head), 0xad, 123);
    memcpy(pack + 12 + sizeof(head) + 123, tail, sizeof(tail));
    rc = pgit_pack_scan(entries, ids, &count, codec, PGIT_HASH_SHA1, pack, sizeof(pack), 12, 34);
    CHECK(rc <= 0 && rc >= PGIT_EDELTA);
    CHECK(count >= 0 && count <= 34);
}

int main(void)
{
    CHECK_RC(pgit_codec_new(&codec, -1), PGIT_OK);
    test_headers();
    test_streams();
    test_engines_agree();
    test_bomb();
    test_id_mismatch();
    test_streaming_misuse();
    test_output_first();
    test_isal_gives_back();
    pgit_codec_free(codec);
    return check_summary("test_hostile");
}

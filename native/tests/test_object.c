/*
 * test_object.c -- loose-object encoding and decoding: git's known ids,
 * round trips from 0 B to several MB through every path (one-shot and
 * streaming, each decoding what the other encoded), and zlib's own view
 * of what we write.
 */
#include "test_util.h"

struct known {
    int32_t type;
    const char *content;
    const char *sha1;
    const char *sha256;
};

static const struct known knowns[] = {
    { PGIT_OBJ_BLOB, "", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
      "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813" },
    { PGIT_OBJ_TREE, "", "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321" },
    { PGIT_OBJ_BLOB, "hello\n", "ce013625030ba8dba906f756967f9e9ca394464a",
      "2cf8d83d9ee29543b34a87727421fdecb7e3f3a183d337639025de576db9ebb4" },
};

static void test_known_ids(pgit_codec *codec)
{
    pgit_size i;
    for (i = 0; i < sizeof(knowns) / sizeof(knowns[0]); i++) {
        const struct known *k = &knowns[i];
        pgit_size len = strlen(k->content), cap = pgit_object_encode_bound(len), out_len;
        uint8_t *out = malloc(cap), id[32], content[16];
        int32_t type;

        CHECK_RC(pgit_object_encode(id, out, cap, &out_len, codec, PGIT_HASH_SHA1, k->type,
                                    (const uint8_t *)k->content, len), PGIT_OK);
        CHECK_HEX(id, 20, k->sha1);
        CHECK_RC(pgit_object_decode(&type, content, sizeof(content), &out_len, codec, PGIT_HASH_SHA1, id,
                                    out, out_len), PGIT_OK);
        CHECK(type == k->type && out_len == len && memcmp(content, k->content, len) == 0);

        CHECK_RC(pgit_object_encode(id, out, cap, &out_len, codec, PGIT_HASH_SHA256, k->type,
                                    (const uint8_t *)k->content, len), PGIT_OK);
        CHECK_HEX(id, 32, k->sha256);
        CHECK_RC(pgit_object_decode(&type, content, sizeof(content), &out_len, codec, PGIT_HASH_SHA256, id,
                                    out, out_len), PGIT_OK);
        free(out);
    }
}

/* Encodes in the streaming form, feeding `slice` bytes at a time into an
 * output buffer of `room` bytes. Returns the compressed length. */
static pgit_size stream_encode(uint8_t *id, uint8_t *out, pgit_codec *codec, int32_t algo, int32_t type,
                            const uint8_t *content, pgit_size len, pgit_size slice, pgit_size room)
{
    pgit_size produced = 0, off = 0, n, used;
    int32_t rc;

    CHECK_RC(pgit_encode_begin(codec, algo, type, len), PGIT_OK);
    while (off < len) {
        pgit_size take = len - off < slice ? len - off : slice;
        CHECK_RC(pgit_encode_update(out + produced, room, &n, &used, codec, content + off, take), PGIT_OK);
        produced += n;
        off += used;
    }
    do {
        rc = pgit_encode_finish(id, out + produced, room, &n, codec);
        produced += n;
    } while (rc == PGIT_MORE);
    CHECK_RC(rc, PGIT_OK);
    return produced;
}

/* Decodes in the streaming form, `slice` input bytes and `room` output bytes at a time. */
static int32_t stream_decode(int32_t *type, uint8_t *out, pgit_size *out_len, pgit_codec *codec, int32_t algo,
                             const uint8_t *expected, const uint8_t *in, pgit_size in_len, pgit_size slice, pgit_size room)
{
    pgit_size off = 0, total = 0;
    pgit_size size;
    int32_t rc = pgit_decode_begin(codec, algo);

    while (rc == PGIT_OK) {
        pgit_size take = in_len - off < slice ? in_len - off : slice, made, used;
        rc = pgit_decode_update(type, &size, out + total, room, &made, &used, codec, in + off, take);
        if (rc != PGIT_OK)
            break;
        off += used;
        total += made;
        if (off == in_len && made < room)
            break;
    }
    if (rc == PGIT_OK)
        rc = pgit_decode_finish(NULL, codec, expected);
    *out_len = total;
    return rc;
}

/* Round trips of objects up to `largest` bytes (the 16 MiB one takes most of a
 * minute under qemu, and runs natively on every build). */
static void test_round_trips(pgit_codec *codec, pgit_size largest)
{
    static const pgit_size sizes[] = { 0, 1, 2, 31, 32, 63, 64, 65, 200, 1000, 4096, 8191, 8192, 65536,
                                    100000, 1 << 20, (3 << 20) + 17, (16 << 20) + 1 };
    pgit_size i;
    int32_t algo;

    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]) && sizes[i] <= largest; i++) {
        pgit_size len = sizes[i], cap = pgit_object_encode_bound(len), enc_len, dec_len, stream_len;
        uint8_t *content = malloc(len + 1), *enc = malloc(cap), *dec = malloc(len + 1);
        uint8_t *streamed = malloc(cap + 64);
        uint8_t id[32], id2[32];
        int32_t type;
        pgit_size size;
        int32_t header_len;

        check_fill(content, len, (pgit_size)len + 3, (int)(i % 2));
        for (algo = PGIT_HASH_SHA1; algo <= PGIT_HASH_SHA256; algo++) {
            pgit_size idn = (pgit_size)pgit_hash_digest_size(algo);

            CHECK_RC(pgit_object_encode(id, enc, cap, &enc_len, codec, algo, PGIT_OBJ_BLOB, content, len), PGIT_OK);
            CHECK_RC(pgit_object_peek(&type, &size, &header_len, codec, enc, enc_len), PGIT_OK);
            CHECK(type == PGIT_OBJ_BLOB && size == len);
            CHECK_RC(pgit_object_decode(&type, dec, len, &dec_len, codec, algo, id, enc, enc_len), PGIT_OK);
            CHECK(dec_len == len && memcmp(dec, content, len) == 0);

            /* zlib itself reads what we wrote. */
            {
                uLongf raw_len = (uLongf)(len + 64);
                uint8_t *raw = malloc(raw_len);
                CHECK(uncompress(raw, &raw_len, enc, (uLong)enc_len) == Z_OK);
                CHECK(raw_len == len + (pgit_size)header_len && memcmp(raw + header_len, content, len) == 0);
                free(raw);
            }

            /* Streaming encode (odd slices, small output room) gives the same id and decodes one-shot. */
            stream_len = stream_encode(id2, streamed, codec, algo, PGIT_OBJ_BLOB, content, len, 7777, 4099);
            CHECK(memcmp(id, id2, idn) == 0);
            CHECK_RC(pgit_object_decode(&type, dec, len, &dec_len, codec, algo, id, streamed, stream_len), PGIT_OK);
            CHECK(dec_len == len && memcmp(dec, content, len) == 0);

            /* Streaming decode of the one-shot encoding. */
            memset(dec, 0, len);
            CHECK_RC(stream_decode(&type, dec, &dec_len, codec, algo, id, enc, enc_len, 5003, 3001), PGIT_OK);
            CHECK(dec_len == len && memcmp(dec, content, len) == 0);

            /* The whole input up front (the fast inflater), out in odd slices. */
            memset(dec, 0, len);
            {
                pgit_size made = 0, used, got = 0;
                int32_t rc = pgit_decode_begin(codec, algo);
                if (rc == PGIT_OK)
                    rc = pgit_decode_set_input(codec, enc, enc_len);
                CHECK_RC(pgit_decode_set_input(codec, enc, enc_len), PGIT_ESTATE);   /* once only */
                while (rc == PGIT_OK) {
                    pgit_size room = len - got < 70001 ? len - got + 1 : 70001;
                    rc = pgit_decode_update(&type, &size, dec + got, room, &made, &used, codec, NULL, 0);
                    got += made;
                    CHECK(used == 0);
                    if (made < room)
                        break;
                }
                CHECK_RC(rc, PGIT_OK);
                CHECK_RC(pgit_decode_finish(id2, codec, id), PGIT_OK);
                CHECK(got == len && type == PGIT_OBJ_BLOB && size == len && memcmp(dec, content, len) == 0);
            }
        }
        free(content);
        free(enc);
        free(dec);
        free(streamed);
    }
}

static void test_buffer_too_small(pgit_codec *codec)
{
    const uint8_t content[] = "some content";
    pgit_size cap = pgit_object_encode_bound(sizeof(content)), enc_len, out_len;
    uint8_t *enc = malloc(cap), id[20], small[4];
    int32_t type;

    CHECK_RC(pgit_object_encode(id, enc, 3, &enc_len, codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, content, sizeof(content)),
             PGIT_EBUFSIZE);
    CHECK(enc_len == cap);
    CHECK_RC(pgit_object_encode(id, enc, cap, &enc_len, codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, content, sizeof(content)),
             PGIT_OK);
    CHECK_RC(pgit_object_decode(&type, small, sizeof(small), &out_len, codec, PGIT_HASH_SHA1, NULL, enc, enc_len),
             PGIT_EBUFSIZE);
    CHECK(out_len == sizeof(content) && type == PGIT_OBJ_BLOB);
    CHECK_RC(pgit_object_encode(id, enc, cap, &enc_len, codec, PGIT_HASH_SHA1, 9, content, 1), PGIT_EINVAL);
    CHECK_RC(pgit_object_encode(id, enc, cap, &enc_len, codec, 4, PGIT_OBJ_BLOB, content, 1), PGIT_EINVAL);
    free(enc);
}

static void test_hash_batch(void)
{
    static const char *contents[] = { "", "hello\n", "a somewhat longer third object, over one block of sixty-four bytes" };
    uint8_t data[256], ids[3 * 32], one[32];
    pgit_size lengths[3];
    pgit_size off = 0, i;
    int32_t algo;

    for (i = 0; i < 3; i++) {
        lengths[i] = strlen(contents[i]);
        memcpy(data + off, contents[i], lengths[i]);
        off += lengths[i];
    }
    for (algo = PGIT_HASH_SHA1; algo <= PGIT_HASH_SHA256; algo++) {
        pgit_size d = (pgit_size)pgit_hash_digest_size(algo);
        CHECK_RC(pgit_object_hash_batch(ids, algo, PGIT_OBJ_BLOB, data, lengths, 3), PGIT_OK);
        for (i = 0; i < 3; i++) {
            pgit_codec *codec;
            pgit_size cap = pgit_object_encode_bound(lengths[i]), n;
            uint8_t *enc = malloc(cap);
            pgit_codec_new(&codec, 1);
            CHECK_RC(pgit_object_encode(one, enc, cap, &n, codec, algo, PGIT_OBJ_BLOB, (const uint8_t *)contents[i],
                                        lengths[i]), PGIT_OK);
            CHECK(memcmp(one, ids + i * d, d) == 0);
            pgit_codec_free(codec);
            free(enc);
        }
    }
    /* The loop ends on SHA-256: known answers for the first two (git hash-object --object-format=sha256). */
    CHECK_HEX(ids + 32 * 0, 32, "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813");
    CHECK_HEX(ids + 32 * 1, 32, "2cf8d83d9ee29543b34a87727421fdecb7e3f3a183d337639025de576db9ebb4");
    CHECK_RC(pgit_object_hash_batch(ids, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, NULL, NULL, 0), PGIT_OK);
    CHECK_RC(pgit_object_hash_batch(ids, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, data, lengths, -1), PGIT_EINVAL);
    CHECK_RC(pgit_object_hash_batch(ids, PGIT_HASH_SHA1, 0, data, lengths, 3), PGIT_EINVAL);
    lengths[0] = UINT64_MAX;
    CHECK_RC(pgit_object_hash_batch(ids, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, data, lengths, 3), PGIT_EOVERFLOW);
}

/* Many objects of mixed sizes (some hashed three at a time, some too large
 * for that, counts not a multiple of three): every id equals the one-shot
 * hash of "<type> <len>\0<content>", for each algorithm. */
static void test_hash_batch_many(void)
{
    enum { COUNT = 1000 };
    static pgit_size lengths[COUNT];
    static uint8_t ids[COUNT * 32];
    uint8_t *data = malloc(COUNT * 2100), *whole = malloc(2200);
    uint32_t seed = 12345;
    pgit_size total = 0, off;
    int32_t algo, i, counts[3] = {COUNT, COUNT - 1, 5};
    int k;

    for (i = 0; i < COUNT; i++) {
        seed = seed * 1103515245u + 12345u;
        lengths[i] = (seed >> 8) % (i % 7 == 0 ? 2100 : 400);   /* most small, some over a buffer */
        total += lengths[i];
    }
    for (off = 0; off < total; off++)
        data[off] = (uint8_t)((off * 2654435761u) >> 13);
    for (algo = PGIT_HASH_SHA1; algo <= PGIT_HASH_SHA1_UNCHECKED; algo++) {
        pgit_size d = (pgit_size)pgit_hash_digest_size(algo);
        for (k = 0; k < 3; k++) {
            int bad = 0;
            CHECK_RC(pgit_object_hash_batch(ids, algo, PGIT_OBJ_BLOB, data, lengths, counts[k]), PGIT_OK);
            for (i = 0, off = 0; i < counts[k]; off += lengths[i], i++) {
                uint8_t one[32];
                int header = snprintf((char *)whole, 40, "blob %llu", (unsigned long long)lengths[i]) + 1;
                memcpy(whole + header, data + off, lengths[i]);
                pgit_hash(one, algo, whole, (pgit_size)header + lengths[i]);
                bad += memcmp(one, ids + (size_t)i * d, d) != 0;
            }
            CHECK(bad == 0);
        }
    }
    free(data);
    free(whole);
}

static void test_self_description(void)
{
    const char *name, *sig;
    int32_t i = 0;

    while (pgit_describe(&name, &sig, i) == PGIT_OK) {
        CHECK(strncmp(name, "pgit_", 5) == 0);
        CHECK(strchr(sig, '(') != NULL && sig[strlen(sig) - 1] == ')');
        i++;
    }
    CHECK(i >= 20);
    CHECK_RC(pgit_describe(&name, &sig, -1), PGIT_ERANGE);
    CHECK_RC(pgit_describe(NULL, &sig, 0), PGIT_EINVAL);
    CHECK(pgit_abi_version() == PGIT_ABI_VERSION);
    CHECK(strstr(pgit_version(), "zlib/") != NULL);
    CHECK(strcmp(pgit_strerror(-9999), "unknown error") == 0);
    printf("libpanagit %s\n", pgit_version());
}

/* test_object [--under-emulation]: the emulated rows of the porting matrix leave out
 * the round trips of objects over 4 MiB. */
int main(int argc, char **argv)
{
    pgit_codec *codec = NULL;
    pgit_codec *fast = NULL;
    pgit_size largest = argc > 1 && strcmp(argv[1], "--under-emulation") == 0 ? (pgit_size)4 << 20 : ~(pgit_size)0;

    CHECK_RC(pgit_codec_new(&codec, -1), PGIT_OK);
    CHECK_RC(pgit_codec_new(&fast, 10), PGIT_EINVAL);
    CHECK(fast == NULL);
    CHECK_RC(pgit_codec_new(&fast, 1), PGIT_OK);
    test_known_ids(codec);
    test_round_trips(codec, largest);
    test_round_trips(fast, largest);
    test_buffer_too_small(codec);
    test_hash_batch();
    test_hash_batch_many();
    test_self_description();
    pgit_codec_free(codec);
    pgit_codec_free(fast);
    pgit_codec_free(NULL);
    return check_summary("test_object");
}

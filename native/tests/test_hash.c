/*
 * test_hash.c -- SHA-1 and SHA-256: FIPS 180 known answers through the
 * public API and through each block implementation, streaming in odd
 * slices, and the hardware path against the portable one.
 */
#include "check.h"
#include "internal.h"

#include <stdlib.h>

struct vector {
    const char *message;
    size_t repeat;
    const char *sha1;
    const char *sha256;
};

static const struct vector vectors[] = {
    { "", 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d",
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
      "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
    { "a", 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
};

static uint8_t *vector_bytes(const struct vector *v, size_t *len)
{
    size_t unit = strlen(v->message), i;
    uint8_t *buf = malloc(unit * v->repeat + 1);
    for (i = 0; i < v->repeat; i++)
        memcpy(buf + i * unit, v->message, unit);
    *len = unit * v->repeat;
    return buf;
}

/* Hashes with a given block function, bypassing the CPU dispatch. */
static void hash_with(uint8_t *out, int32_t algo, pgit_blocks_fn blocks, const uint8_t *data, size_t len)
{
    pgit_hash_ctx ctx;
    pgit__hash_start(&ctx, algo);
    ctx.blocks = blocks;
    pgit__hash_feed(&ctx, data, len);
    pgit__hash_end(&ctx, out);
}

static void test_public_api(void)
{
    size_t i;
    uint8_t out[32];

    for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
        size_t len;
        uint8_t *data = vector_bytes(&vectors[i], &len);
        CHECK_RC(pgit_hash(out, PGIT_HASH_SHA1, data, len), PGIT_OK);
        CHECK_HEX(out, 20, vectors[i].sha1);
        CHECK_RC(pgit_hash(out, PGIT_HASH_SHA256, data, len), PGIT_OK);
        CHECK_HEX(out, 32, vectors[i].sha256);
        free(data);
    }
    CHECK(pgit_hash_digest_size(PGIT_HASH_SHA1) == 20);
    CHECK(pgit_hash_digest_size(PGIT_HASH_SHA256) == 32);
    CHECK_RC(pgit_hash_digest_size(7), PGIT_EINVAL);
    CHECK_RC(pgit_hash(out, 7, NULL, 0), PGIT_EINVAL);
    CHECK_RC(pgit_hash(NULL, PGIT_HASH_SHA1, NULL, 0), PGIT_EINVAL);
    CHECK_RC(pgit_hash(out, PGIT_HASH_SHA1, NULL, 5), PGIT_EINVAL);
    CHECK(strcmp(pgit_hash_impl(99), "unknown") == 0);
    printf("sha1 implementation: %s, sha256 implementation: %s\n",
           pgit_hash_impl(PGIT_HASH_SHA1), pgit_hash_impl(PGIT_HASH_SHA256));
}

static void test_each_implementation(void)
{
    struct impl {
        const char *name;
        pgit_blocks_fn sha1, sha256;
    } impls[3] = { { "portable", pgit__sha1_blocks_portable, pgit__sha256_blocks_portable } };
    size_t count = 1, i, k;
    uint8_t out[32];

#if defined(PGIT_HAVE_X86_SHA)
    if (pgit__cpu_has_shani()) {
        impls[1].name = "sha-ni";
        impls[1].sha1 = pgit__sha1_blocks_shani;
        impls[1].sha256 = pgit__sha256_blocks_shani;
        count = 2;
        if (pgit__cpu_has_avx()) {
            impls[2].name = "sha-ni (vex)";
            impls[2].sha1 = pgit__sha1_blocks_shani_avx;
            impls[2].sha256 = pgit__sha256_blocks_shani_avx;
            count = 3;
        }
    } else {
        printf("this CPU has no SHA extensions: the sha-ni path is not exercised\n");
    }
#endif
#if defined(PGIT_HAVE_ARMV8_SHA)
    if (pgit__cpu_has_armv8_sha()) {
        impls[1].name = "armv8-ce";
        impls[1].sha1 = pgit__sha1_blocks_armv8;
        impls[1].sha256 = pgit__sha256_blocks_armv8;
        count = 2;
    } else {
        printf("this CPU has no ARMv8 SHA instructions: the armv8-ce path is not exercised\n");
    }
#endif
    printf("implementations tested: %s%s%s%s%s\n", impls[0].name, count >= 2 ? ", " : "", count >= 2 ? impls[1].name : "",
           count == 3 ? ", " : "", count == 3 ? impls[2].name : "");
    for (k = 0; k < count; k++) {
        for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
            size_t len;
            uint8_t *data = vector_bytes(&vectors[i], &len);
            hash_with(out, PGIT_HASH_SHA1, impls[k].sha1, data, len);
            CHECK_HEX(out, 20, vectors[i].sha1);
            hash_with(out, PGIT_HASH_SHA256, impls[k].sha256, data, len);
            CHECK_HEX(out, 32, vectors[i].sha256);
            free(data);
        }
    }

    /* Every length around block boundaries: every path agrees with the portable one. */
    for (k = 1; k < count; k++) {
        uint8_t data[1100], a[32], b[32];
        size_t len;
        check_fill(data, sizeof(data), 42, 0);
        for (len = 0; len <= sizeof(data); len++) {
            hash_with(a, PGIT_HASH_SHA1, impls[0].sha1, data, len);
            hash_with(b, PGIT_HASH_SHA1, impls[k].sha1, data, len);
            CHECK(memcmp(a, b, 20) == 0);
            hash_with(a, PGIT_HASH_SHA256, impls[0].sha256, data, len);
            hash_with(b, PGIT_HASH_SHA256, impls[k].sha256, data, len);
            CHECK(memcmp(a, b, 32) == 0);
        }
    }
}

static void test_streaming(void)
{
    size_t len = 300000, off;
    uint8_t *data = malloc(len);
    uint8_t one[32], streamed[32];
    void *state = malloc(pgit_hash_state_size());
    uint64_t seed = 7;
    int32_t algo;

    check_fill(data, len, 99, 0);
    for (algo = PGIT_HASH_SHA1; algo <= PGIT_HASH_SHA256; algo++) {
        CHECK_RC(pgit_hash(one, algo, data, len), PGIT_OK);
        CHECK_RC(pgit_hash_init(state, algo), PGIT_OK);
        for (off = 0; off < len;) {
            size_t take = (size_t)(check_rand(&seed) % 1000);
            if (take > len - off)
                take = len - off;
            CHECK_RC(pgit_hash_update(state, data + off, take), PGIT_OK);
            off += take;
        }
        CHECK_RC(pgit_hash_final(streamed, state), PGIT_OK);
        CHECK(memcmp(one, streamed, (size_t)pgit_hash_digest_size(algo)) == 0);
        /* A finished state refuses more input until started again. */
        CHECK_RC(pgit_hash_update(state, data, 1), PGIT_ESTATE);
        CHECK_RC(pgit_hash_final(streamed, state), PGIT_ESTATE);
    }
    CHECK_RC(pgit_hash_init(state, 0), PGIT_EINVAL);
    CHECK_RC(pgit_hash_init(NULL, PGIT_HASH_SHA1), PGIT_EINVAL);
    free(state);
    free(data);
}

/* test_hash [expected-implementation]: with an argument, the implementation
 * the library chose for both algorithms must be that one (the run with the
 * SHA extensions switched off passes "portable"), checked like every other
 * assertion so that the exit code still tells. */
int main(int argc, char **argv)
{
    if (argc > 1) {
        CHECK(strcmp(pgit_hash_impl(PGIT_HASH_SHA1), argv[1]) == 0);
        CHECK(strcmp(pgit_hash_impl(PGIT_HASH_SHA256), argv[1]) == 0);
    }
    test_public_api();
    test_each_implementation();
    test_streaming();
    return check_summary("test_hash");
}

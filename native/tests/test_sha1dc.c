/*
 * test_sha1dc.c -- SHA-1 collision detection: the published attacks are
 * refused through every hashing entry point, nothing else is (a million
 * random inputs, all 32 vectors forced on random blocks), and the message
 * differences derived from the vectors' definitions equal the published ones.
 *
 * Test data (native/tests/data): shattered-1-head.bin is the first 320 bytes
 * of shattered-1.pdf (Stevens, Bursztein, Karpman, Albertini, Markov, "The
 * first collision for full SHA-1", 2017, https://shattered.io; also
 * t/t0013/shattered-1.pdf in git's repository): its two near-collision blocks
 * end there. sha-mbles-1.bin is the first message of the chosen-prefix
 * collision of Leurent and Peyrin, "SHA-1 is a Shambles" (2020,
 * https://sha-mbles.github.io). Both as shipped with
 * github.com/cr-marcstevens/sha1collisiondetection (test/).
 *
 * test_sha1dc [random-inputs]: the count of random inputs (default a
 * million; the emulated ports pass fewer).
 */
#include "check.h"
#include "sha1dc.h"

#include <stdlib.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

static uint8_t *read_file(const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    uint8_t *buf;
    long size;

    snprintf(path, sizeof(path), "%s/%s", PGIT_TEST_DATA, name);
    f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    buf = malloc((size_t)size + 1);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    *len = (size_t)size;
    return buf;
}

static void expect_attack(const char *name, const char *plain_sha1)
{
    uint8_t digest[20], *data, *state;
    char hex[41];
    size_t len, i;

    data = read_file(name, &len);
    /* One shot: refused; without detection, the well-known colliding digest. */
    CHECK_RC(pgit_hash(digest, PGIT_HASH_SHA1, data, len), PGIT_ECOLLISION);
    CHECK_RC(pgit_hash(digest, PGIT_HASH_SHA1_UNCHECKED, data, len), PGIT_OK);
    check_hex(hex, digest, 20);
    CHECK(strcmp(hex, plain_sha1) == 0);

    /* Streamed in odd slices: the final call reports it, and the state ends. */
    state = malloc((size_t)pgit_hash_state_size());
    CHECK_RC(pgit_hash_init(state, PGIT_HASH_SHA1), PGIT_OK);
    for (i = 0; i < len; i += 7)
        CHECK_RC(pgit_hash_update(state, data + i, len - i < 7 ? len - i : 7), PGIT_OK);
    CHECK_RC(pgit_hash_final(digest, state), PGIT_ECOLLISION);
    CHECK_RC(pgit_hash_update(state, data, 1), PGIT_ESTATE);
    free(state);

    /* Short of the last attack block, nothing is detected. */
    CHECK_RC(pgit_hash(digest, PGIT_HASH_SHA1, data, len - 64), PGIT_OK);
    free(data);
}

static void test_published_attacks(void)
{
    expect_attack("shattered-1-head.bin", "f92d74e3874587aaf443d1db961d4e26dde13e9c");
    expect_attack("sha-mbles-1.bin", "8ac60ba76f1999a1ab70223f225aefdc78d4ddc0");
}

/* The AVX2 groups (sha1dc_ubc_groups.h, generated) rule out exactly what the
 * relations of sha1dc_ubc.def do: on random expanded messages, and on ones
 * built to meet every condition of one vector, so that each condition
 * decides sometimes. */
static void test_groups_match_relations(void)
{
    static const struct { int a, i, b, j, c; uint32_t d; } relations[] = {
#define DV(name) PGIT_SHA1DC_##name
#define PGIT_SHA1DC_UBC(a, i, b, j, c, d) {a, i, b, j, c, d},
#include "sha1dc_ubc.def"
#undef PGIT_SHA1DC_UBC
#undef DV
    };
    const int count = (int)(sizeof(relations) / sizeof(relations[0]));
    long n, differ = 0, survived = 0;

#if defined(PGIT_HAVE_X86_SHA)
    if (!pgit__cpu_has_avx2())
        return;
    for (n = 0; n < 400000; n++) {
        uint32_t w[80];
        int t, r, pass, vector = (int)(rng() % 32);

        for (t = 0; t < 80; t++)
            w[t] = rng();
        for (pass = 0; (n & 1) && pass < 4; pass++)
            for (r = 0; r < count; r++)
                if ((relations[r].d >> vector & 1u)
                    && (((w[relations[r].a] >> relations[r].i) ^ (w[relations[r].b] >> relations[r].j)
                         ^ (uint32_t)relations[r].c) & 1u)) {
                    if (rng() & 1)
                        w[relations[r].a] ^= UINT32_C(1) << relations[r].i;
                    else
                        w[relations[r].b] ^= UINT32_C(1) << relations[r].j;
                }
        differ += pgit__sha1dc_ubc_avx2(w) != pgit__sha1dc_ubc(w);
        survived += pgit__sha1dc_ubc(w) != 0;
    }
    CHECK(differ == 0);
    CHECK(survived > 100000);   /* the built messages do meet the conditions */
#else
    (void)relations;
    (void)count;
    (void)n;
    (void)differ;
    (void)survived;
#endif
}

/* ---- the states every path hands to the recompression test ---------------- */

static struct {
    int calls, bad;
    uint32_t in[16][5];   /* the chaining value each lane started from */
    const uint8_t *block;
} observed;

static uint32_t ref_rol(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

/* From scratch: the states before steps 58 and 65, and the block's output. */
static void reference_states(uint32_t s58[5], uint32_t s65[5], uint32_t out[5], const uint32_t in[5],
                             const uint32_t w[80])
{
    uint32_t a = in[0], b = in[1], c = in[2], d = in[3], e = in[4];
    int t;

    for (t = 0; t < 80; t++) {
        uint32_t f = t < 20 ? (d ^ (b & (c ^ d))) : t < 40 || t >= 60 ? (b ^ c ^ d) : ((b & c) | (d & (b | c)));
        uint32_t k = t < 20 ? 0x5a827999u : t < 40 ? 0x6ed9eba1u : t < 60 ? 0x8f1bbcdcu : 0xca62c1d6u;
        uint32_t tmp;

        if (t == 58 || t == 65) {
            uint32_t *s = t == 58 ? s58 : s65;
            s[0] = a; s[1] = b; s[2] = c; s[3] = d; s[4] = e;
        }
        tmp = ref_rol(a, 5) + f + e + k + w[t];
        e = d; d = c; c = ref_rol(b, 30); b = a; a = tmp;
    }
    out[0] = in[0] + a; out[1] = in[1] + b; out[2] = in[2] + c; out[3] = in[3] + d; out[4] = in[4] + e;
}

/* Every lane started from one of observed.in (the lanes differ only in
 * their chaining value): the states handed over must be one lane's. */
static void observe(const uint32_t s58[5], const uint32_t s65[5], const uint32_t out[5], const uint32_t w[80],
                    uint32_t mask)
{
    uint32_t expanded[80], r58[5], r65[5], rout[5];
    int lane, match = 0;

    (void)mask;
    pgit__sha1dc_expand(expanded, observed.block);
    if (memcmp(expanded, w, sizeof(expanded)) != 0) {
        observed.bad++;
        return;
    }
    for (lane = 0; lane < 16; lane++) {
        reference_states(r58, r65, rout, observed.in[lane], w);
        match |= memcmp(r58, s58, sizeof(r58)) == 0 && memcmp(r65, s65, sizeof(r65)) == 0
                 && memcmp(rout, out, sizeof(rout)) == 0;
    }
    observed.calls++;
    observed.bad += !match;
}

/* Blocks that meet some vector's conditions (one in twenty-one), hashed on
 * every path from random chaining values: the states before steps 58 and 65
 * and the output each path hands to the test equal those computed from
 * scratch. The published attacks only check step 65's. */
static void test_states_handed_over(void)
{
    pgit_x3_fn x3 = pgit__x3_blocks(PGIT_HASH_SHA1);
    pgit_sha1_x16_fn x16 = pgit__sha1_x16_blocks();
    pgit_dc_blocks_fn single = pgit__sha1dc_blocks();
    static uint8_t whole[16][PGIT__WHOLE_MAX];
    uint8_t block[64];
    int found = 0, calls_before, s, k;

    pgit__sha1dc_observer = observe;
    while (found < 30) {
        uint32_t w[80], h[16][5], *hs[3] = {h[0], h[1], h[2]};
        const uint8_t *blocks[3] = {block, block, block};

        for (k = 0; k < 64; k++)
            block[k] = (uint8_t)rng();
        pgit__sha1dc_expand(w, block);
        if (pgit__sha1dc_ubc(w) == 0)
            continue;
        found++;
        observed.block = block;
        for (s = 0; s < 16; s++)
            for (k = 0; k < 5; k++)
                observed.in[s][k] = h[s][k] = rng();

        calls_before = observed.calls;
        pgit__sha1dc_blocks_portable(h[0], block, 1);
        memcpy(h, observed.in, sizeof(h));
        if (single != pgit__sha1dc_blocks_portable)
            single(h[1], block, 1);
        memcpy(h, observed.in, sizeof(h));
        if (x3 != NULL)
            x3(hs, blocks, 1, 1);
        memcpy(h, observed.in, sizeof(h));
        if (x16 != NULL) {
            uint32_t n[16];
            for (s = 0; s < 16; s++) {
                memcpy(whole[s], block, 64);
                n[s] = 1;
            }
            x16(h, &whole[0][0], PGIT__WHOLE_MAX, n, 1);
        }
        /* each path called the test for its lanes */
        CHECK(observed.calls - calls_before == 1 + (single != pgit__sha1dc_blocks_portable)
                                               + (x3 != NULL ? 3 : 0) + (x16 != NULL ? 16 : 0));
    }
    pgit__sha1dc_observer = NULL;
    CHECK(observed.bad == 0);
}

/* Three streams in step (the batch path): the attack is found in whichever
 * stream carries it, and only there. */
static void test_three_streams(void)
{
    pgit_x3_fn x3 = pgit__x3_blocks(PGIT_HASH_SHA1);
    uint8_t whole[3][PGIT__WHOLE_MAX];
    size_t len, n = 0;
    uint8_t *attack;
    int at, s;

    if (x3 == NULL)
        return;   /* no such path on this CPU */
    attack = read_file("shattered-1-head.bin", &len);
    for (at = 0; at < 3; at++) {
        uint32_t h[3][5], *hs[3] = {h[0], h[1], h[2]};
        const uint8_t *blocks[3] = {whole[0], whole[1], whole[2]};
        uint8_t other[320];

        for (s = 0; s < 3; s++) {
            size_t i;
            for (i = 0; i < sizeof(other); i++)
                other[i] = (uint8_t)rng();
            n = pgit__hash_pad_whole(whole[s], s == at ? attack : other, len, NULL, 0);
            h[s][0] = 0x67452301u; h[s][1] = 0xefcdab89u; h[s][2] = 0x98badcfeu;
            h[s][3] = 0x10325476u; h[s][4] = 0xc3d2e1f0u;
        }
        CHECK(x3(hs, blocks, n, 1) == 1u << at);
        CHECK(h[at][0] == 0xf92d74e3u);   /* and the plain digest's first word, as without detection */
        CHECK(x3(hs, blocks, n, 0) == 0);
    }
    free(attack);
}

/* Sixteen lanes (the batch path with AVX-512): the attack is found in
 * whichever lane carries it, messages of different lengths side by side. */
static void test_sixteen_lanes(void)
{
    pgit_sha1_x16_fn x16 = pgit__sha1_x16_blocks();
    static uint8_t whole[16][PGIT__WHOLE_MAX];
    size_t len;
    uint8_t *attack;
    int at, s;

    if (x16 == NULL)
        return;   /* no AVX-512 on this CPU */
    attack = read_file("shattered-1-head.bin", &len);
    for (at = 0; at < 16; at += 5) {
        uint32_t h[16][5], n[16];
        uint8_t other[900];
        size_t i;

        for (s = 0; s < 16; s++) {
            size_t other_len = (size_t)(s * 53) % sizeof(other);
            for (i = 0; i < other_len; i++)
                other[i] = (uint8_t)rng();
            n[s] = (uint32_t)(s == at ? pgit__hash_pad_whole(whole[s], attack, len, NULL, 0)
                                      : pgit__hash_pad_whole(whole[s], other, other_len, NULL, 0));
            h[s][0] = 0x67452301u; h[s][1] = 0xefcdab89u; h[s][2] = 0x98badcfeu;
            h[s][3] = 0x10325476u; h[s][4] = 0xc3d2e1f0u;
            if (s != at) {   /* every other lane's digest is plain SHA-1's */
                uint8_t want[20];
                pgit_hash(want, PGIT_HASH_SHA1_UNCHECKED, other, other_len);
                memcpy(whole[s] + PGIT__WHOLE_MAX - 20, want, 20);   /* kept past the padded message */
            }
        }
        CHECK(x16(h, &whole[0][0], PGIT__WHOLE_MAX, n, 1) == 1u << at);
        CHECK(h[at][0] == 0xf92d74e3u);
        for (s = 0; s < 16; s++) {
            if (s != at) {
                uint8_t got[20];
                for (i = 0; i < 5; i++)
                    pgit__store_be32(got + 4 * i, h[s][i]);
                CHECK(memcmp(got, whole[s] + PGIT__WHOLE_MAX - 20, 20) == 0);
            }
        }
    }
    free(attack);
}

/* As an object, the attack's blocks are shifted by the header: no collision,
 * and the id git gives the same bytes. */
static void test_attack_as_blob(void)
{
    uint8_t id[20];
    char hex[41];
    size_t len;
    pgit_size length;
    uint8_t *data = read_file("shattered-1-head.bin", &len);

    length = len;
    CHECK_RC(pgit_object_hash_batch(id, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, data, &length, 1), PGIT_OK);
    check_hex(hex, id, 20);
    CHECK(strcmp(hex, "ef380704685cc8e54de9bc13556d1ff7026ec0cc") == 0);   /* git hash-object */
    free(data);
}

/* The differences derived from the vectors' definitions are the published
 * ones (data/sha1dc-differences.txt: I(43,0) is vector 0, II(52,0) vector 27). */
static void test_differences(void)
{
    static const int index_of[2] = {0, 27};
    size_t len;
    uint8_t *text = read_file("sha1dc-differences.txt", &len);
    char *line = (char *)text;
    int rows = 0;

    text[len] = '\0';
    while (line != NULL && *line != '\0') {
        char *next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        if (*line != '#' && *line != '\0' && rows < 2) {
            uint32_t published[80], derived[80];
            char *cursor = line;
            int k;

            for (k = 0; k < 3; k++)   /* type, K, b */
                (void)strtoul(cursor, &cursor, 10);
            for (k = 0; k < 80; k++)
                published[k] = (uint32_t)strtoul(cursor, &cursor, 16);
            pgit__sha1dc_difference(derived, index_of[rows++]);
            CHECK(memcmp(derived, published, sizeof(derived)) == 0);
        }
        line = next;
    }
    CHECK(rows == 2);
    free(text);
}

/* Every vector forced on random blocks: recompression alone finds nothing. */
static void test_recompression_alone(void)
{
    int n, bad = 0;

    for (n = 0; n < 20000; n++) {
        uint8_t block[64];
        uint32_t w[80], in[5], out[5];
        int i;

        for (i = 0; i < 64; i++)
            block[i] = (uint8_t)rng();
        for (i = 0; i < 5; i++)
            in[i] = out[i] = rng();
        pgit__sha1dc_expand(w, block);
        pgit__sha1_blocks_portable(out, block, 1);
        bad += pgit__sha1dc_recompress(in, out, w, UINT32_MAX);
    }
    CHECK(bad == 0);
}

/* Random inputs of random lengths: never refused, and the digest is plain
 * SHA-1's. */
static void test_no_false_positive(long count)
{
    uint8_t *data = malloc(4096), a[20], b[20];
    long n, refused = 0, differ = 0;

    for (n = 0; n < count; n++) {
        size_t len = rng() % 1024, i;

        for (i = 0; i < len; i++)
            data[i] = (uint8_t)rng();
        refused += pgit_hash(a, PGIT_HASH_SHA1, data, len) != PGIT_OK;
        pgit_hash(b, PGIT_HASH_SHA1_UNCHECKED, data, len);
        differ += memcmp(a, b, 20) != 0;
    }
    CHECK(refused == 0);
    CHECK(differ == 0);
    free(data);
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 1000000;

    test_differences();
    test_published_attacks();
    test_attack_as_blob();
    test_groups_match_relations();
    test_states_handed_over();
    test_three_streams();
    test_sixteen_lanes();
    test_recompression_alone();
    test_no_false_positive(count);
    return check_summary("test_sha1dc");
}

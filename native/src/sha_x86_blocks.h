/*
 * sha_x86_blocks.h -- the SHA-NI block functions, included twice by
 * sha_x86.c: once compiled for legacy SSE encoding (any CPU with the SHA
 * extensions), once with AVX enabled so that every instruction is
 * VEX-encoded. The JVM leaves the upper halves of the vector registers in
 * use; legacy-SSE code called from it then pays a transition penalty on
 * every call (SHA-1 of data not in the cache ran at 1.34 against 1.8 GB/s
 * in W1), which VEX-encoded code does not. A third time with AVX2, for the
 * collision check's conditions eight at a time. Expects PGIT_SHA_TARGET,
 * PGIT_SHA_NAME(base) and PGIT_SHA1DC_UBC_OF(w) to be defined.
 */

/* Four SHA-1 rounds, group g >= 1: m0 holds this group's schedule words;
 * m1, m2, m3 are the following registers (mod 4) whose schedule advances. */
#define SHA1_GROUP(ecur, eoth, m0, m1, m2, m3, func)      \
    do {                                                    \
        ecur = _mm_sha1nexte_epu32(ecur, m0);               \
        eoth = abcd;                                        \
        m1 = _mm_sha1msg2_epu32(m1, m0);                    \
        abcd = _mm_sha1rnds4_epu32(abcd, ecur, func);       \
        m3 = _mm_sha1msg1_epu32(m3, m0);                    \
        m2 = _mm_xor_si128(m2, m0);                         \
    } while (0)

/* The whole message schedule of a block, by the SHA instructions' own
 * steps: group X (W[4X..4X+3]) is msg2(msg1(X-4, X-3) ^ (X-2), X-1). */
PGIT_SHA_TARGET
static void PGIT_SHA_NAME(sha1_schedule)(uint32_t w[80], const uint8_t *block)
{
    const __m128i mask = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i g[20];
    int x;

    for (x = 0; x < 4; x++)
        g[x] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(block + 16 * x)), mask);
    for (x = 4; x < 20; x++)
        g[x] = _mm_sha1msg2_epu32(_mm_xor_si128(_mm_sha1msg1_epu32(g[x - 4], g[x - 3]), g[x - 2]), g[x - 1]);
    for (x = 0; x < 20; x++)
        _mm_storeu_si128((__m128i *)(void *)&w[4 * x], _mm_shuffle_epi32(g[x], 0x1b));
}

/* A state (a, b, c, d, e) from the register after a group of rounds (a, b,
 * c, d in lanes 3 to 0) and the one after the group before it (e is a of
 * four steps back, rotated by 30). */
PGIT_SHA_TARGET
static void PGIT_SHA_NAME(sha1_state)(uint32_t s[5], __m128i abcd, __m128i abcd_before)
{
    _mm_storeu_si128((__m128i *)(void *)s, _mm_shuffle_epi32(abcd, 0x1b));
    s[4] = pgit__rol32((uint32_t)_mm_extract_epi32(abcd_before, 3), 30);
}

/* Tests a compressed block for a collision attack: the conditions on its
 * schedule words w (W[32..68) kept from the rounds), then, rarely, the
 * recompression test from the states the rounds left (x[0..2]: the registers
 * after rounds 52-55, 56-59 and 60-63) and the chaining value after the
 * block (out_abcd, out_e). Returns 1 for a collision attack. */
PGIT_SHA_TARGET
static inline int PGIT_SHA_NAME(sha1_check)(const uint32_t w[80], const __m128i x[3], __m128i out_abcd,
                                            __m128i out_e, const uint8_t *block)
{
    uint32_t s58[5], s60[5], s64[5], s65[5], out[5], full[80];
    uint32_t dvs = PGIT_SHA1DC_UBC_OF(w);

    if (dvs == 0)
        return 0;
    PGIT_SHA_NAME(sha1_schedule)(full, block);
    PGIT_SHA_NAME(sha1_state)(s60, x[1], x[0]);
    PGIT_SHA_NAME(sha1_state)(s64, x[2], x[1]);
    pgit__sha1dc_states(s58, s65, s60, s64, full);
    _mm_storeu_si128((__m128i *)(void *)out, _mm_shuffle_epi32(out_abcd, 0x1b));
    out[4] = (uint32_t)_mm_extract_epi32(out_e, 3);
    return pgit__sha1dc_test(s58, s65, out, full, dvs);
}

/* Keeps the schedule words of group g (W[4g..4g+3], held last-first in m)
 * in w, in order, for the collision check. */
#define SHA1_KEEP(g, m)                                                               \
    do {                                                                              \
        if (w != NULL)                                                                \
            _mm_storeu_si128((__m128i *)(void *)&w[4 * (g)], _mm_shuffle_epi32(m, 0x1b)); \
    } while (0)

/* One block: the chaining value (*abcd_io, *e_io) becomes the one after it.
 * With w not NULL (collision detection), W[32..68) are kept there and x[0],
 * x[1], x[2] get the registers after rounds 52-55, 56-59 and 60-63. */
PGIT_SHA_TARGET
static inline __attribute__((always_inline)) void
PGIT_SHA_NAME(sha1_block)(__m128i *abcd_io, __m128i *e_io, const uint8_t *data, uint32_t *w, __m128i x[3])
{
    const __m128i mask = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd = *abcd_io, e0 = *e_io, e1, abcd_save = abcd, e0_save = e0;
    __m128i m0, m1, m2, m3;

    m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 0)), mask);
    m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 16)), mask);
    m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 32)), mask);
    m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 48)), mask);

    /* Rounds 0-3. */
    e0 = _mm_add_epi32(e0, m0);
    e1 = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, e0, 0);
    /* Rounds 4-11: the message schedule starts (msg1 and xor only). */
    e1 = _mm_sha1nexte_epu32(e1, m1);
    e0 = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, e1, 0);
    m0 = _mm_sha1msg1_epu32(m0, m1);

    e0 = _mm_sha1nexte_epu32(e0, m2);
    e1 = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, e0, 0);
    m1 = _mm_sha1msg1_epu32(m1, m2);
    m0 = _mm_xor_si128(m0, m2);

    SHA1_GROUP(e1, e0, m3, m0, m1, m2, 0);   /* 12-15 */
    SHA1_GROUP(e0, e1, m0, m1, m2, m3, 0);   /* 16-19 */
    SHA1_GROUP(e1, e0, m1, m2, m3, m0, 1);   /* 20-23 */
    SHA1_GROUP(e0, e1, m2, m3, m0, m1, 1);
    SHA1_GROUP(e1, e0, m3, m0, m1, m2, 1);
    SHA1_GROUP(e0, e1, m0, m1, m2, m3, 1);   /* 32-35 */
    SHA1_KEEP(8, m0);
    SHA1_GROUP(e1, e0, m1, m2, m3, m0, 1);   /* 36-39 */
    SHA1_KEEP(9, m1);
    SHA1_GROUP(e0, e1, m2, m3, m0, m1, 2);   /* 40-43 */
    SHA1_KEEP(10, m2);
    SHA1_GROUP(e1, e0, m3, m0, m1, m2, 2);
    SHA1_KEEP(11, m3);
    SHA1_GROUP(e0, e1, m0, m1, m2, m3, 2);
    SHA1_KEEP(12, m0);
    SHA1_GROUP(e1, e0, m1, m2, m3, m0, 2);
    SHA1_KEEP(13, m1);
    if (w != NULL)
        x[0] = abcd;
    SHA1_GROUP(e0, e1, m2, m3, m0, m1, 2);   /* 56-59 */
    SHA1_KEEP(14, m2);
    if (w != NULL)
        x[1] = abcd;
    SHA1_GROUP(e1, e0, m3, m0, m1, m2, 3);   /* 60-63 */
    SHA1_KEEP(15, m3);
    if (w != NULL)
        x[2] = abcd;
    SHA1_GROUP(e0, e1, m0, m1, m2, m3, 3);
    SHA1_KEEP(16, m0);
    SHA1_GROUP(e1, e0, m1, m2, m3, m0, 3);
    SHA1_GROUP(e0, e1, m2, m3, m0, m1, 3);
    /* Rounds 76-79: no schedule left to compute. */
    e1 = _mm_sha1nexte_epu32(e1, m3);
    e0 = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, e1, 3);

    *e_io = _mm_sha1nexte_epu32(e0, e0_save);
    *abcd_io = _mm_add_epi32(abcd, abcd_save);
}

/* What a stream keeps to test its blocks for collision attacks, one block
 * behind: the schedule words of this block and the one before, and the
 * previous block's registers. */
typedef struct PGIT_SHA_NAME(sha1_checker) {
    uint32_t words[2][80];   /* W[32..68) of each; the rest stays 0 (read by lanes holding no condition) */
    int current;
    const uint8_t *prev;     /* the block before, or NULL */
    __m128i prev_x[3], prev_abcd, prev_e;
} PGIT_SHA_NAME(sha1_checker);

/* The SHA-1 blocks of k streams at once (k = 1, 2 or 3, a constant once
 * inlined): n blocks each, in step, so that the SHA unit works on one
 * stream's rounds while the others wait on theirs. With `detect`, each block
 * is also tested for a collision attack: the unavoidable bit conditions read
 * the schedule words the SHA instructions computed anyway (W[32..67], all
 * they need), and only a block that meets the conditions of some disturbance
 * vector is recompressed (rare: see sha1dc.c). A block is tested after the
 * next one's rounds are issued: the test then runs on the integer and
 * vector units while the SHA unit works through its chain of rounds.
 * Returns bit s set when stream s carries a collision attack. */
PGIT_SHA_TARGET
static inline __attribute__((always_inline)) uint32_t
PGIT_SHA_NAME(sha1_streams)(const int k, uint32_t *const h[], const uint8_t *const start[], size_t n,
                            const int detect)
{
    __m128i abcd[3], e[3], x[3][3];
    const uint8_t *data[3];
    PGIT_SHA_NAME(sha1_checker) check[3];
    uint32_t found = 0;
    size_t i;
    int s;

    for (s = 0; s < k; s++) {
        abcd[s] = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)h[s]), 0x1b);
        e[s] = _mm_set_epi32((int)h[s][4], 0, 0, 0);
        data[s] = start[s];
        if (detect) {
            memset(check[s].words, 0, sizeof(check[s].words));
            check[s].current = 0;
            check[s].prev = NULL;
        }
    }
    for (i = 0; i < n; i++) {
        for (s = 0; s < k; s++)
            PGIT_SHA_NAME(sha1_block)(&abcd[s], &e[s], data[s],
                                      detect ? check[s].words[check[s].current] : NULL, x[s]);
        for (s = 0; s < k && detect; s++) {
            PGIT_SHA_NAME(sha1_checker) *c = &check[s];
            if (c->prev != NULL && PGIT_SHA_NAME(sha1_check)(c->words[!c->current], c->prev_x, c->prev_abcd,
                                                          c->prev_e, c->prev))
                found |= 1u << s;
            c->prev = data[s];
            c->prev_x[0] = x[s][0];
            c->prev_x[1] = x[s][1];
            c->prev_x[2] = x[s][2];
            c->prev_abcd = abcd[s];
            c->prev_e = e[s];
            c->current = !c->current;
        }
        for (s = 0; s < k; s++)
            data[s] += 64;
    }
    for (s = 0; s < k && detect; s++) {
        PGIT_SHA_NAME(sha1_checker) *c = &check[s];
        if (c->prev != NULL && PGIT_SHA_NAME(sha1_check)(c->words[!c->current], c->prev_x, c->prev_abcd,
                                                      c->prev_e, c->prev))
            found |= 1u << s;
    }
    for (s = 0; s < k; s++) {
        _mm_storeu_si128((__m128i *)(void *)h[s], _mm_shuffle_epi32(abcd[s], 0x1b));
        h[s][4] = (uint32_t)_mm_extract_epi32(e[s], 3);
    }
    return found;
}

PGIT_SHA_TARGET
void PGIT_SHA_NAME(pgit__sha1_blocks)(uint32_t h[5], const uint8_t *data, size_t n)
{
    uint32_t *const hs[1] = {h};
    const uint8_t *const ds[1] = {data};

    (void)PGIT_SHA_NAME(sha1_streams)(1, hs, ds, n, 0);
}

PGIT_SHA_TARGET
uint32_t PGIT_SHA_NAME(pgit__sha1dc_blocks)(uint32_t h[5], const uint8_t *data, size_t n)
{
    uint32_t *const hs[1] = {h};
    const uint8_t *const ds[1] = {data};

    return PGIT_SHA_NAME(sha1_streams)(1, hs, ds, n, 1);
}

PGIT_SHA_TARGET
uint32_t PGIT_SHA_NAME(pgit__sha1_blocks_x3)(uint32_t *const h[3], const uint8_t *const data[3], size_t n,
                                             int detect)
{
    return detect ? PGIT_SHA_NAME(sha1_streams)(3, h, data, n, 1) : PGIT_SHA_NAME(sha1_streams)(3, h, data, n, 0);
}

/* Four SHA-256 rounds, group g: m0 holds this group's words; m1 (next) gets
 * the schedule's msg2 step, m3 (previous) its msg1 step. */
#define SHA256_GROUP(g, m0, m1, m3)                                                  \
    do {                                                                             \
        __m128i msg_ = _mm_add_epi32(m0, _mm_loadu_si128(                           \
            (const __m128i *)(const void *)&pgit__sha256_k[4 * (g)]));               \
        __m128i tmp_;                                                                \
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg_);                        \
        tmp_ = _mm_alignr_epi8(m0, m3, 4);                                           \
        m1 = _mm_add_epi32(m1, tmp_);                                                \
        m1 = _mm_sha256msg2_epu32(m1, m0);                                           \
        msg_ = _mm_shuffle_epi32(msg_, 0x0e);                                        \
        state0 = _mm_sha256rnds2_epu32(state0, state1, msg_);                        \
        m3 = _mm_sha256msg1_epu32(m3, m0);                                           \
    } while (0)

/* The first groups, before the schedule has enough words for msg2. */
#define SHA256_EARLY(g, m0, m3)                                                      \
    do {                                                                             \
        __m128i msg_ = _mm_add_epi32(m0, _mm_loadu_si128(                           \
            (const __m128i *)(const void *)&pgit__sha256_k[4 * (g)]));               \
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg_);                        \
        msg_ = _mm_shuffle_epi32(msg_, 0x0e);                                        \
        state0 = _mm_sha256rnds2_epu32(state0, state1, msg_);                        \
        if ((g) > 0)                                                                 \
            m3 = _mm_sha256msg1_epu32(m3, m0);                                       \
    } while (0)

/* One SHA-256 block on the state registers (ABEF, CDGH). */
PGIT_SHA_TARGET
static inline __attribute__((always_inline)) void
PGIT_SHA_NAME(sha256_block)(__m128i *abef, __m128i *cdgh, const uint8_t *data)
{
    const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i state0 = *abef, state1 = *cdgh;
    __m128i m0, m1, m2, m3;

    m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 0)), mask);
    m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 16)), mask);
    m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 32)), mask);
    m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 48)), mask);

    SHA256_EARLY(0, m0, m3);
    SHA256_EARLY(1, m1, m0);
    SHA256_EARLY(2, m2, m1);
    SHA256_GROUP(3, m3, m0, m2);
    SHA256_GROUP(4, m0, m1, m3);
    SHA256_GROUP(5, m1, m2, m0);
    SHA256_GROUP(6, m2, m3, m1);
    SHA256_GROUP(7, m3, m0, m2);
    SHA256_GROUP(8, m0, m1, m3);
    SHA256_GROUP(9, m1, m2, m0);
    SHA256_GROUP(10, m2, m3, m1);
    SHA256_GROUP(11, m3, m0, m2);
    SHA256_GROUP(12, m0, m1, m3);
    SHA256_GROUP(13, m1, m2, m0);
    SHA256_GROUP(14, m2, m3, m1);
    SHA256_GROUP(15, m3, m0, m2);

    *abef = _mm_add_epi32(state0, *abef);
    *cdgh = _mm_add_epi32(state1, *cdgh);
}

/* The SHA-256 blocks of k streams in step (k = 1 or 3, constant once
 * inlined), as sha1_streams does for SHA-1. */
PGIT_SHA_TARGET
static inline __attribute__((always_inline)) void
PGIT_SHA_NAME(sha256_streams)(const int k, uint32_t *const h[], const uint8_t *const start[], size_t n)
{
    __m128i abef[3], cdgh[3], tmp;
    const uint8_t *data[3];
    size_t i;
    int s;

    for (s = 0; s < k; s++) {
        tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&h[s][0]), 0xb1);   /* CDAB */
        cdgh[s] = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&h[s][4]), 0x1b); /* EFGH */
        abef[s] = _mm_alignr_epi8(tmp, cdgh[s], 8);                                                 /* ABEF */
        cdgh[s] = _mm_blend_epi16(cdgh[s], tmp, 0xf0);                                              /* CDGH */
        data[s] = start[s];
    }
    for (i = 0; i < n; i++) {
        for (s = 0; s < k; s++) {
            PGIT_SHA_NAME(sha256_block)(&abef[s], &cdgh[s], data[s]);
            data[s] += 64;
        }
    }
    for (s = 0; s < k; s++) {
        __m128i state1;
        tmp = _mm_shuffle_epi32(abef[s], 0x1b);       /* FEBA */
        state1 = _mm_shuffle_epi32(cdgh[s], 0xb1);    /* DCHG */
        _mm_storeu_si128((__m128i *)(void *)&h[s][0], _mm_blend_epi16(tmp, state1, 0xf0));   /* DCBA */
        _mm_storeu_si128((__m128i *)(void *)&h[s][4], _mm_alignr_epi8(state1, tmp, 8));      /* ABEF */
    }
}

PGIT_SHA_TARGET
void PGIT_SHA_NAME(pgit__sha256_blocks)(uint32_t h[8], const uint8_t *data, size_t n)
{
    uint32_t *const hs[1] = {h};
    const uint8_t *const ds[1] = {data};

    PGIT_SHA_NAME(sha256_streams)(1, hs, ds, n);
}

/* Three SHA-256 streams in step; `detect` is SHA-1's and ignored here (the
 * batch calls both kinds through one pointer type). Returns 0. */
PGIT_SHA_TARGET
uint32_t PGIT_SHA_NAME(pgit__sha256_blocks_x3)(uint32_t *const h[3], const uint8_t *const data[3], size_t n,
                                               int detect)
{
    (void)detect;
    PGIT_SHA_NAME(sha256_streams)(3, h, data, n);
    return 0;
}

#undef SHA1_GROUP
#undef SHA1_KEEP
#undef SHA256_GROUP
#undef SHA256_EARLY

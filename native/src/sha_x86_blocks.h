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
 * recompression test from the states the rounds left (x56, x60, x64: the
 * registers after rounds 52-55, 56-59 and 60-63) and the chaining value
 * after the block (out_abcd, out_e). */
#define SHA1_CHECK(w, x56, x60, x64, out_abcd, out_e, block)                          \
    do {                                                                              \
        uint32_t dvs_ = PGIT_SHA1DC_UBC_OF(w);                                        \
        if (dvs_ != 0) {                                                              \
            uint32_t s58_[5], s60_[5], s64_[5], s65_[5], out_[5], full_[80];          \
            PGIT_SHA_NAME(sha1_schedule)(full_, block);                               \
            PGIT_SHA_NAME(sha1_state)(s60_, x60, x56);                                \
            PGIT_SHA_NAME(sha1_state)(s64_, x64, x60);                                \
            pgit__sha1dc_states(s58_, s65_, s60_, s64_, full_);                       \
            _mm_storeu_si128((__m128i *)(void *)out_, _mm_shuffle_epi32(out_abcd, 0x1b)); \
            out_[4] = (uint32_t)_mm_extract_epi32(out_e, 3);                          \
            found |= (uint32_t)pgit__sha1dc_test(s58_, s65_, out_, full_, dvs_);      \
        }                                                                             \
    } while (0)

/* Keeps the schedule words of group g (W[4g..4g+3], held last-first in m)
 * in w, in order, for the collision check. */
#define SHA1_KEEP(g, m)                                                               \
    do {                                                                              \
        if (detect)                                                                   \
            _mm_storeu_si128((__m128i *)(void *)&w[4 * (g)], _mm_shuffle_epi32(m, 0x1b)); \
    } while (0)

/* The SHA-1 blocks; with `detect`, each block is also tested for a collision
 * attack: the unavoidable bit conditions read the schedule words the SHA
 * instructions computed anyway (W[32..67], all they need), and only a block
 * that meets the conditions of some disturbance vector is recompressed
 * (rare: see sha1dc.c). A block is tested after the next one's rounds are
 * issued: the test then runs on the integer and vector units while the SHA
 * unit works through its chain of rounds. Returns 1 when a collision attack
 * was found. */
PGIT_SHA_TARGET
static inline __attribute__((always_inline)) uint32_t
PGIT_SHA_NAME(sha1_blocks)(uint32_t h[5], const uint8_t *data, size_t n, const int detect)
{
    const __m128i mask = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd, e0, e1, abcd_save, e0_save;
    __m128i m0, m1, m2, m3;
    __m128i x56 = _mm_setzero_si128(), x60 = _mm_setzero_si128(), x64 = _mm_setzero_si128();
    __m128i prev_x56 = x56, prev_x60 = x60, prev_x64 = x64;
    __m128i prev_out_abcd = x56, prev_out_e = x56;
    uint32_t words[2][80];   /* the schedules of this block and the one before: W[32..68) */
    uint32_t *w = words[0];
    const uint8_t *prev = NULL;
    uint32_t found = 0;

    if (detect)   /* the AVX2 check reads up to W[72) in lanes that hold no condition */
        memset(words, 0, sizeof(words));
    abcd = _mm_loadu_si128((const __m128i *)(const void *)h);
    abcd = _mm_shuffle_epi32(abcd, 0x1b);
    e0 = _mm_set_epi32((int)h[4], 0, 0, 0);

    while (n--) {
        abcd_save = abcd;
        e0_save = e0;

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
        x56 = abcd;
        SHA1_GROUP(e0, e1, m2, m3, m0, m1, 2);   /* 56-59 */
        SHA1_KEEP(14, m2);
        x60 = abcd;
        SHA1_GROUP(e1, e0, m3, m0, m1, m2, 3);   /* 60-63 */
        SHA1_KEEP(15, m3);
        x64 = abcd;
        SHA1_GROUP(e0, e1, m0, m1, m2, m3, 3);
        SHA1_KEEP(16, m0);
        SHA1_GROUP(e1, e0, m1, m2, m3, m0, 3);
        SHA1_GROUP(e0, e1, m2, m3, m0, m1, 3);
        /* Rounds 76-79: no schedule left to compute. */
        e1 = _mm_sha1nexte_epu32(e1, m3);
        e0 = abcd;
        abcd = _mm_sha1rnds4_epu32(abcd, e1, 3);

        e0 = _mm_sha1nexte_epu32(e0, e0_save);
        abcd = _mm_add_epi32(abcd, abcd_save);

        if (detect) {
            uint32_t *other = w == words[0] ? words[1] : words[0];
            if (prev != NULL)
                SHA1_CHECK(other, prev_x56, prev_x60, prev_x64, prev_out_abcd, prev_out_e, prev);
            prev = data;
            prev_x56 = x56;
            prev_x60 = x60;
            prev_x64 = x64;
            prev_out_abcd = abcd;
            prev_out_e = e0;
            w = other;
        }
        data += 64;
    }
    if (detect && prev != NULL)
        SHA1_CHECK(w == words[0] ? words[1] : words[0], prev_x56, prev_x60, prev_x64, prev_out_abcd, prev_out_e,
                   prev);

    abcd = _mm_shuffle_epi32(abcd, 0x1b);
    _mm_storeu_si128((__m128i *)(void *)h, abcd);
    h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
    return found;
}

PGIT_SHA_TARGET
void PGIT_SHA_NAME(pgit__sha1_blocks)(uint32_t h[5], const uint8_t *data, size_t n)
{
    (void)PGIT_SHA_NAME(sha1_blocks)(h, data, n, 0);
}

PGIT_SHA_TARGET
uint32_t PGIT_SHA_NAME(pgit__sha1dc_blocks)(uint32_t h[5], const uint8_t *data, size_t n)
{
    return PGIT_SHA_NAME(sha1_blocks)(h, data, n, 1);
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

PGIT_SHA_TARGET
void PGIT_SHA_NAME(pgit__sha256_blocks)(uint32_t h[8], const uint8_t *data, size_t n)
{
    const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i state0, state1, tmp, abef_save, cdgh_save;
    __m128i m0, m1, m2, m3;

    tmp = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
    state1 = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
    tmp = _mm_shuffle_epi32(tmp, 0xb1);          /* CDAB */
    state1 = _mm_shuffle_epi32(state1, 0x1b);    /* EFGH */
    state0 = _mm_alignr_epi8(tmp, state1, 8);    /* ABEF */
    state1 = _mm_blend_epi16(state1, tmp, 0xf0); /* CDGH */

    while (n--) {
        abef_save = state0;
        cdgh_save = state1;

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

        state0 = _mm_add_epi32(state0, abef_save);
        state1 = _mm_add_epi32(state1, cdgh_save);
        data += 64;
    }

    tmp = _mm_shuffle_epi32(state0, 0x1b);       /* FEBA */
    state1 = _mm_shuffle_epi32(state1, 0xb1);    /* DCHG */
    state0 = _mm_blend_epi16(tmp, state1, 0xf0); /* DCBA */
    state1 = _mm_alignr_epi8(state1, tmp, 8);    /* ABEF */
    _mm_storeu_si128((__m128i *)(void *)&h[0], state0);
    _mm_storeu_si128((__m128i *)(void *)&h[4], state1);
}

#undef SHA1_GROUP
#undef SHA1_KEEP
#undef SHA1_CHECK
#undef SHA256_GROUP
#undef SHA256_EARLY

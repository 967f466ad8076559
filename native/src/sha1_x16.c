/*
 * sha1_x16.c -- SHA-1 of sixteen messages at once with AVX-512, one message
 * per 32-bit lane, for hashing many small objects in one call.
 *
 * The SHA extensions compute a block in about 120 cycles, a chain of
 * dependent rounds; three streams in step share the SHA unit but go little
 * faster than that. Sixteen lanes of ordinary vector instructions (a rotate
 * and the three-input logic instruction make a round a few instructions) go
 * through sixteen blocks at once instead. The collision check then runs
 * lane-parallel too: each unavoidable bit condition is two shifts, an xor
 * and a mask test for all sixteen messages, where a single message needs a
 * group of eight conditions for each (sha1dc_x86.c). A lane whose conditions
 * leave a vector standing is recompressed on its own (pgit__sha1dc_test).
 */
#include "sha1dc.h"

#if defined(PGIT_HAVE_X86_SHA)

#include <immintrin.h>

#define X16_TARGET __attribute__((target("avx512f,avx512bw")))

#define F1(x, y, z) _mm512_ternarylogic_epi32(x, y, z, 0xca)   /* x ? y : z */
#define F2(x, y, z) _mm512_ternarylogic_epi32(x, y, z, 0x96)   /* x ^ y ^ z */
#define F3(x, y, z) _mm512_ternarylogic_epi32(x, y, z, 0xe8)   /* majority */

/* The schedule lives in sixteen registers, word t in w[t % 16] (the loops
 * are unrolled, so every index is a constant). */
#define W(t) w[(t) & 15]

/* One step; everything but rol(a, 5) is summed first, so that the chain from
 * one step's a to the next is a rotate and one add. */
#define STEP(f, k, t)                                                                           \
    do {                                                                                        \
        __m512i rest_ = _mm512_add_epi32(_mm512_add_epi32(e, _mm512_add_epi32(W(t), k)), f(b, c, d)); \
        __m512i tmp_;                                                                           \
        __asm__("" : "+v"(rest_));   /* keeps the compiler from re-associating the sum */       \
        tmp_ = _mm512_add_epi32(_mm512_rol_epi32(a, 5), rest_);                                 \
        e = d; d = c; c = _mm512_rol_epi32(b, 30); b = a; a = tmp_;                             \
    } while (0)

#define SCHEDULE(t)                                                                             \
    (W(t) = _mm512_rol_epi32(_mm512_xor_si512(_mm512_ternarylogic_epi32(W((t) - 3), W((t) - 8), \
                                                                        W((t) - 14), 0x96),     \
                                              W((t) - 16)), 1))

/* With detection: the words the conditions read, W[35..65), are kept, and
 * the states before steps 58 and 65. */
#define KEEP(t)                                                                                 \
    do {                                                                                        \
        if (detect && (t) >= 35 && (t) < 65)                                                    \
            kept[(t) - 35] = W(t);                                                              \
        if (detect && (t) == 58) {                                                              \
            s58[0] = a; s58[1] = b; s58[2] = c; s58[3] = d; s58[4] = e;                         \
        }                                                                                       \
        if (detect && (t) == 65) {                                                              \
            s65[0] = a; s65[1] = b; s65[2] = c; s65[3] = d; s65[4] = e;                         \
        }                                                                                       \
    } while (0)

/* The 80 steps written out (constant indices keep the schedule in registers). */
#define R4(f, k, t) do { STEP(f, k, t); STEP(f, k, (t) + 1); STEP(f, k, (t) + 2); STEP(f, k, (t) + 3); } while (0)
#define R16(f, k, t) do { R4(f, k, t); R4(f, k, (t) + 4); R4(f, k, (t) + 8); R4(f, k, (t) + 12); } while (0)
#define S1(f, k, t) do { SCHEDULE(t); KEEP(t); STEP(f, k, t); } while (0)
#define S4(f, k, t) do { S1(f, k, t); S1(f, k, (t) + 1); S1(f, k, (t) + 2); S1(f, k, (t) + 3); } while (0)

/*
 * Word t of every lane's block: the sixteen 64-byte blocks at row[0..16) as
 * one 16x16 matrix of words, transposed (32-bit, then 64-bit interleaves
 * within 128-bit lanes, then two shuffles of 128-bit lanes), and put in
 * big-endian order. Sixteen gathers would take several times as long.
 */
X16_TARGET
static void load_words(__m512i w[16], const uint8_t *base, size_t stride, size_t block_offset)
{
    const __m512i bswap = _mm512_broadcast_i32x4(_mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3));
    __m512i r[16], a[16], b[16];
    int i, k;

    for (i = 0; i < 16; i++)
        r[i] = _mm512_loadu_si512((const void *)(base + (size_t)i * stride + block_offset));
    for (i = 0; i < 8; i++) {
        a[2 * i] = _mm512_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
        a[2 * i + 1] = _mm512_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
    }
    for (i = 0; i < 4; i++) {   /* b[4i+k], 128-bit lane L: word 4L+k of rows 4i..4i+3 */
        b[4 * i] = _mm512_unpacklo_epi64(a[4 * i], a[4 * i + 2]);
        b[4 * i + 1] = _mm512_unpackhi_epi64(a[4 * i], a[4 * i + 2]);
        b[4 * i + 2] = _mm512_unpacklo_epi64(a[4 * i + 1], a[4 * i + 3]);
        b[4 * i + 3] = _mm512_unpackhi_epi64(a[4 * i + 1], a[4 * i + 3]);
    }
    for (k = 0; k < 4; k++) {   /* word 4L+k of all rows: lane L of b[k], b[4+k], b[8+k], b[12+k] */
        __m512i y0 = _mm512_shuffle_i32x4(b[k], b[4 + k], 0x44), y1 = _mm512_shuffle_i32x4(b[k], b[4 + k], 0xee);
        __m512i y2 = _mm512_shuffle_i32x4(b[8 + k], b[12 + k], 0x44);
        __m512i y3 = _mm512_shuffle_i32x4(b[8 + k], b[12 + k], 0xee);
        w[k] = _mm512_shuffle_epi8(_mm512_shuffle_i32x4(y0, y2, 0x88), bswap);
        w[4 + k] = _mm512_shuffle_epi8(_mm512_shuffle_i32x4(y0, y2, 0xdd), bswap);
        w[8 + k] = _mm512_shuffle_epi8(_mm512_shuffle_i32x4(y1, y3, 0x88), bswap);
        w[12 + k] = _mm512_shuffle_epi8(_mm512_shuffle_i32x4(y1, y3, 0xdd), bswap);
    }
}

/* Lane s of v. */
X16_TARGET
static uint32_t lane_of(__m512i v, int s)
{
    uint32_t all[16];

    _mm512_storeu_si512((void *)all, v);
    return all[s];
}

/* A lane's whole schedule: W[35..65) from the kept words, the rest expanded
 * from its block (34 steps instead of 64). */
X16_TARGET
static void lane_schedule(uint32_t out[80], const __m512i kept[30], int s, const uint8_t *block)
{
    int t;

    for (t = 0; t < 16; t++)
        out[t] = pgit__load_be32(block + 4 * t);
    for (t = 16; t < 35; t++)
        out[t] = pgit__rol32(out[t - 3] ^ out[t - 8] ^ out[t - 14] ^ out[t - 16], 1);
    for (t = 35; t < 65; t++)
        out[t] = lane_of(kept[t - 35], s);
    for (t = 65; t < 80; t++)
        out[t] = pgit__rol32(out[t - 3] ^ out[t - 8] ^ out[t - 14] ^ out[t - 16], 1);
}

/* A lane's state from five vectors. */
X16_TARGET
static void state_of(uint32_t out[5], const __m512i v[5], int s)
{
    int k;

    for (k = 0; k < 5; k++)
        out[k] = lane_of(v[k], s);
}

X16_TARGET
static inline __attribute__((always_inline)) uint32_t
blocks_x16(uint32_t h[16][5], const uint8_t *base, size_t stride, const uint32_t n[16], const int detect)
{
    const __m512i lanes = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    const __m512i k1 = _mm512_set1_epi32(0x5a827999), k2 = _mm512_set1_epi32(0x6ed9eba1);
    const __m512i k3 = _mm512_set1_epi32((int)0x8f1bbcdcu), k4 = _mm512_set1_epi32((int)0xca62c1d6u);
    const __m512i state_index = _mm512_mullo_epi32(lanes, _mm512_set1_epi32(5));
    const __m512i counts = _mm512_loadu_si512((const void *)n);
    __m512i hv[5], w[16], kept[30], s58[5], s65[5];
    uint32_t found = 0, most = 0, blk;
    int s, k;

    for (k = 0; k < 5; k++)   /* h[0..16)[k] */
        hv[k] = _mm512_i32gather_epi32(state_index, (const void *)&h[0][k], 4);
    for (s = 0; s < 16; s++)
        most = n[s] > most ? n[s] : most;

    for (blk = 0; blk < most; blk++) {
        __mmask16 active = _mm512_cmpgt_epu32_mask(counts, _mm512_set1_epi32((int)blk));
        __m512i a = hv[0], b = hv[1], c = hv[2], d = hv[3], e = hv[4];

        load_words(w, base, stride, 64 * (size_t)blk);
        R16(F1, k1, 0);
        S4(F1, k1, 16);
        S4(F2, k2, 20); S4(F2, k2, 24); S4(F2, k2, 28); S4(F2, k2, 32); S4(F2, k2, 36);
        S4(F3, k3, 40); S4(F3, k3, 44); S4(F3, k3, 48); S4(F3, k3, 52); S4(F3, k3, 56);
        S4(F2, k4, 60); S4(F2, k4, 64); S4(F2, k4, 68); S4(F2, k4, 72); S4(F2, k4, 76);
        hv[0] = _mm512_mask_add_epi32(hv[0], active, hv[0], a);
        hv[1] = _mm512_mask_add_epi32(hv[1], active, hv[1], b);
        hv[2] = _mm512_mask_add_epi32(hv[2], active, hv[2], c);
        hv[3] = _mm512_mask_add_epi32(hv[3], active, hv[3], d);
        hv[4] = _mm512_mask_add_epi32(hv[4], active, hv[4], e);

        if (detect) {
            __m512i standing = _mm512_set1_epi32(-1);
            __mmask16 suspects;

            /* Each condition for all sixteen lanes: rule out its vectors where it fails. */
#define DV(name) PGIT_SHA1DC_##name
#define PGIT_SHA1DC_UBC(wa, i, wb, j, cc, dvs)                                                     \
            {                                                                                      \
                /* bit j of W[wb] moved to bit i, then bit i tested */                             \
                __m512i v_ = _mm512_xor_si512(kept[(wa) - 35], (i) == (j) ? kept[(wb) - 35]          \
                                              : _mm512_rol_epi32(kept[(wb) - 35], ((i) - (j)) & 31));  \
                __m512i bit_ = _mm512_set1_epi32((int)(1u << (i)));                                  \
                __mmask16 fails_ = (cc) ? _mm512_testn_epi32_mask(v_, bit_) : _mm512_test_epi32_mask(v_, bit_); \
                standing = _mm512_mask_andnot_epi32(standing, fails_, _mm512_set1_epi32((int)(dvs)), standing); \
            }
#include "sha1dc_ubc.def"
#undef PGIT_SHA1DC_UBC
#undef DV
            suspects = _mm512_test_epi32_mask(standing, standing) & active;
            while (suspects != 0) {
                uint32_t lane58[5], lane65[5], out[5], schedule[80];

                s = __builtin_ctz(suspects);
                suspects &= (__mmask16)(suspects - 1);
                lane_schedule(schedule, kept, s, base + (size_t)s * stride + 64 * (size_t)blk);
                state_of(lane58, s58, s);
                state_of(lane65, s65, s);
                state_of(out, hv, s);
                if (pgit__sha1dc_test(lane58, lane65, out, schedule, lane_of(standing, s)))
                    found |= 1u << s;
            }
        }
    }
    for (k = 0; k < 5; k++)
        _mm512_i32scatter_epi32((void *)&h[0][k], state_index, hv[k], 4);
    return found;
}

X16_TARGET
uint32_t pgit__sha1_blocks_x16_avx512(uint32_t h[16][5], const uint8_t *base, size_t stride,
                                      const uint32_t n[16], int detect)
{
    return detect ? blocks_x16(h, base, stride, n, 1) : blocks_x16(h, base, stride, n, 0);
}

#endif /* PGIT_HAVE_X86_SHA */

/*
 * sha1dc.c -- SHA-1 collision detection, after M. Stevens and D. Shumow,
 * "Speeding up detection of SHA-1 collision attacks using unavoidable attack
 * conditions" (USENIX Security 2017).
 *
 * Every known collision attack on SHA-1 ends in a near-collision block: from
 * two chaining values that differ, two messages that differ by the message
 * difference of a disturbance vector (DV) reach the same output. For each of
 * the 32 DVs such attacks use, a block is tested by recompression: its
 * message xored with the DV's difference is run backwards from the state at
 * step `testt` (where the attack's state difference is zero) to an input
 * chaining value, and forwards to an output; if that output equals the
 * block's own, the block is half of a collision. The unavoidable bit
 * conditions (sha1dc_ubc.def) rule out almost every DV for almost every
 * block with a few bit operations, so recompression is rare.
 */
#include "sha1dc.h"

#include <string.h>

static inline uint32_t rol32(uint32_t x, unsigned n)
{
    return (x << n) | (x >> ((32 - n) & 31));
}

/*
 * The DVs, I(K,b) and II(K,b) in the classification of S. Manuel
 * ("Classification and generation of disturbance vectors for collision
 * attacks against SHA-1", 2011): a DV is an expanded message fixed by 16
 * words DV[K..K+15], all zero but DV[K+15] = 2^b, and for type II also
 * DV[K+1] = DV[K+3] = 2^(b-1 mod 32). testt is a step at which the attack's
 * state difference is zero: 58 or 65 for all 32, so that only those two
 * states are kept.
 */
typedef struct sha1dc_dv {
    uint8_t type, k, b, testt;
} sha1dc_dv;

static const sha1dc_dv dvs[32] = {
    {1, 43, 0, 58}, {1, 44, 0, 58}, {1, 45, 0, 58}, {1, 46, 0, 58},
    {1, 46, 2, 58}, {1, 47, 0, 58}, {1, 47, 2, 58}, {1, 48, 0, 58},
    {1, 48, 2, 58}, {1, 49, 0, 58}, {1, 49, 2, 58}, {1, 50, 0, 65},
    {1, 50, 2, 65}, {1, 51, 0, 65}, {1, 51, 2, 65}, {1, 52, 0, 65},
    {2, 45, 0, 58}, {2, 46, 0, 58}, {2, 46, 2, 58}, {2, 47, 0, 58},
    {2, 48, 0, 58}, {2, 49, 0, 58}, {2, 49, 2, 58}, {2, 50, 0, 65},
    {2, 50, 2, 65}, {2, 51, 0, 65}, {2, 51, 2, 65}, {2, 52, 0, 65},
    {2, 53, 0, 65}, {2, 54, 0, 65}, {2, 55, 0, 65}, {2, 56, 0, 65}
};

/*
 * The message difference of a DV: the perturbations DV[t] and the
 * corrections of SHA-1's local collision (Chabaud and Joux), at t+1 (rotated
 * by 5), t+2, and t+3 to t+5 (rotated by 30). DV words before 0 come from
 * running the message expansion backwards.
 */
void pgit__sha1dc_difference(uint32_t dm[80], int dv_index)
{
    const sha1dc_dv *dv = &dvs[dv_index];
    uint32_t v[85];   /* v[t + 5] = DV[t], t in [-5, 80) */
    int t, k = dv->k;

    memset(v, 0, sizeof(v));
    v[k + 15 + 5] = UINT32_C(1) << dv->b;
    if (dv->type == 2)
        v[k + 1 + 5] = v[k + 3 + 5] = rol32(UINT32_C(1) << dv->b, 31);
    for (t = k + 16; t < 80; t++)
        v[t + 5] = rol32(v[t - 3 + 5] ^ v[t - 8 + 5] ^ v[t - 14 + 5] ^ v[t - 16 + 5], 1);
    for (t = k - 1; t >= -5; t--)
        v[t + 5] = rol32(v[t + 16 + 5], 31) ^ v[t + 13 + 5] ^ v[t + 8 + 5] ^ v[t + 2 + 5];
    for (t = 0; t < 80; t++)
        dm[t] = v[t + 5] ^ rol32(v[t + 4], 5) ^ v[t + 3]
              ^ rol32(v[t + 2], 30) ^ rol32(v[t + 1], 30) ^ rol32(v[t], 30);
}

/* The 32 differences, derived once (a few microseconds) on first need. */
static uint32_t differences[32][80];
static int differences_state;   /* 0 not derived, 1 being derived, 2 ready (atomic) */

/* DV i's difference: from the table, or derived into `scratch` while
 * another thread fills the table. */
static const uint32_t *difference_of(int i, uint32_t scratch[80])
{
    int state = __atomic_load_n(&differences_state, __ATOMIC_ACQUIRE), expected = 0, k;

    if (state == 2)
        return differences[i];
    if (state == 0 && __atomic_compare_exchange_n(&differences_state, &expected, 1, 0,
                                                  __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        for (k = 0; k < 32; k++)
            pgit__sha1dc_difference(differences[k], k);
        __atomic_store_n(&differences_state, 2, __ATOMIC_RELEASE);
        return differences[i];
    }
    pgit__sha1dc_difference(scratch, i);
    return scratch;
}

#define F1(b, c, d) ((d) ^ ((b) & ((c) ^ (d))))
#define F2(b, c, d) ((b) ^ (c) ^ (d))
#define F3(b, c, d) (((b) & (c)) | ((d) & ((b) | (c))))
#define K1 0x5a827999u
#define K2 0x6ed9eba1u
#define K3 0x8f1bbcdcu
#define K4 0xca62c1d6u

/* One step forward; one step undone (the state before step t from the state after it). */
#define STEP(f, k, t)                                                        \
    do {                                                                     \
        uint32_t tmp_ = rol32(a, 5) + f(b, c, d) + e + (k) + w[t];           \
        e = d; d = c; c = rol32(b, 30); b = a; a = tmp_;                     \
    } while (0)
#define UNSTEP(f, k, t)                                                      \
    do {                                                                     \
        uint32_t pa_ = b, pb_ = rol32(c, 2), pc_ = d, pd_ = e;               \
        e = a - rol32(pa_, 5) - f(pb_, pc_, pd_) - (k) - w[t];               \
        a = pa_; b = pb_; c = pc_; d = pd_;                                  \
    } while (0)

/* s[0..4] = a, b, c, d, e before step `from`; runs steps [from, to). Loops
 * per round keep the round function out of the loop body. */
static void steps_forward(uint32_t s[5], const uint32_t w[80], int from, int to)
{
    uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4];
    int t = from;

    for (; t < to && t < 20; t++)
        STEP(F1, K1, t);
    for (; t < to && t < 40; t++)
        STEP(F2, K2, t);
    for (; t < to && t < 60; t++)
        STEP(F3, K3, t);
    for (; t < to; t++)
        STEP(F2, K4, t);
    s[0] = a; s[1] = b; s[2] = c; s[3] = d; s[4] = e;
}

/* s = the state before step `from`; undoes steps from-1 down to `to`. */
static void steps_backward_to(uint32_t s[5], const uint32_t w[80], int from, int to)
{
    uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4];
    int t = from - 1;

    for (; t >= to && t >= 60; t--)
        UNSTEP(F2, K4, t);
    for (; t >= to && t >= 40; t--)
        UNSTEP(F3, K3, t);
    for (; t >= to && t >= 20; t--)
        UNSTEP(F2, K2, t);
    for (; t >= to; t--)
        UNSTEP(F1, K1, t);
    s[0] = a; s[1] = b; s[2] = c; s[3] = d; s[4] = e;
}

void pgit__sha1dc_expand(uint32_t w[80], const uint8_t block[64])
{
    int t;

    for (t = 0; t < 16; t++)
        w[t] = pgit__load_be32(block + 4 * t);
    for (t = 16; t < 80; t++)
        w[t] = rol32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
}

int pgit__sha1dc_recompress(const uint32_t ihv_in[5], const uint32_t ihv_out[5],
                            const uint32_t w[80], uint32_t mask)
{
    uint32_t state58[5], state65[5];

    memcpy(state58, ihv_in, sizeof(state58));
    steps_forward(state58, w, 0, 58);
    memcpy(state65, state58, sizeof(state65));
    steps_forward(state65, w, 58, 65);
    return pgit__sha1dc_test(state58, state65, ihv_out, w, mask);
}

void pgit__sha1dc_states(uint32_t state58[5], uint32_t state65[5],
                         const uint32_t state60[5], const uint32_t state64[5], const uint32_t w[80])
{
    memcpy(state58, state60, 5 * sizeof(uint32_t));
    steps_backward_to(state58, w, 60, 58);
    memcpy(state65, state64, 5 * sizeof(uint32_t));
    steps_forward(state65, w, 64, 65);
}

void (*pgit__sha1dc_observer)(const uint32_t state58[5], const uint32_t state65[5],
                              const uint32_t ihv_out[5], const uint32_t w[80], uint32_t mask) = NULL;

int pgit__sha1dc_test(const uint32_t state58[5], const uint32_t state65[5], const uint32_t ihv_out[5],
                      const uint32_t w[80], uint32_t mask)
{
    int i;

    if (pgit__sha1dc_observer != NULL)
        pgit__sha1dc_observer(state58, state65, ihv_out, w, mask);
    for (i = 0; i < 32; i++) {
        uint32_t scratch[80], w2[80], back[5], fwd[5];
        const uint32_t *dm;
        int t;

        if (!(mask >> i & 1u))
            continue;
        dm = difference_of(i, scratch);
        for (t = 0; t < 80; t++)
            w2[t] = w[t] ^ dm[t];
        memcpy(back, dvs[i].testt == 58 ? state58 : state65, sizeof(back));
        memcpy(fwd, back, sizeof(fwd));
        steps_backward_to(back, w2, dvs[i].testt, 0);   /* the other chaining value */
        steps_forward(fwd, w2, dvs[i].testt, 80);
        if (((back[0] + fwd[0]) ^ ihv_out[0]) == 0 && ((back[1] + fwd[1]) ^ ihv_out[1]) == 0
            && ((back[2] + fwd[2]) ^ ihv_out[2]) == 0 && ((back[3] + fwd[3]) ^ ihv_out[3]) == 0
            && ((back[4] + fwd[4]) ^ ihv_out[4]) == 0)
            return 1;
    }
    return 0;
}

uint32_t pgit__sha1dc_blocks_with(pgit_blocks_fn blocks, uint32_t h[5], const uint8_t *data, size_t n)
{
    uint32_t found = 0;

    for (; n > 0; n--, data += 64) {
        uint32_t w[80], in[5], mask;

        pgit__sha1dc_expand(w, data);
        mask = pgit__sha1dc_ubc(w);
        memcpy(in, h, sizeof(in));
        blocks(h, data, 1);
        if (mask != 0 && pgit__sha1dc_recompress(in, h, w, mask))
            found = 1;
    }
    return found;
}

/* Portable: one expansion serves the rounds, the conditions and the test,
 * and the rounds keep the states at steps 58 and 65 on the way. */
uint32_t pgit__sha1dc_blocks_portable(uint32_t h[5], const uint8_t *data, size_t n)
{
    uint32_t found = 0;

    for (; n > 0; n--, data += 64) {
        uint32_t w[80], s58[5], s65[5], end[5], mask;
        int i;

        pgit__sha1dc_expand(w, data);
        memcpy(s58, h, sizeof(s58));
        steps_forward(s58, w, 0, 58);
        memcpy(s65, s58, sizeof(s65));
        steps_forward(s65, w, 58, 65);
        memcpy(end, s65, sizeof(end));
        steps_forward(end, w, 65, 80);
        for (i = 0; i < 5; i++)
            h[i] += end[i];
        mask = pgit__sha1dc_ubc(w);
        if (mask != 0 && pgit__sha1dc_test(s58, s65, h, w, mask))
            found = 1;
    }
    return found;
}

#if defined(PGIT_HAVE_ARMV8_SHA)
uint32_t pgit__sha1dc_blocks_armv8(uint32_t h[5], const uint8_t *data, size_t n)
{
    return pgit__sha1dc_blocks_with(pgit__sha1_blocks_armv8, h, data, n);
}
#endif

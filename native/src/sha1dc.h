/*
 * sha1dc.h -- SHA-1 collision detection (sha1dc.c), shared by the block
 * functions that detect; not installed.
 */
#ifndef PANAGIT_SHA1DC_H
#define PANAGIT_SHA1DC_H

#include "internal.h"

/* Bit i of a DV mask stands for DV number i of sha1dc.c's table. */
#define PGIT_SHA1DC_I_43_0 (UINT32_C(1) << 0)
#define PGIT_SHA1DC_I_44_0 (UINT32_C(1) << 1)
#define PGIT_SHA1DC_I_45_0 (UINT32_C(1) << 2)
#define PGIT_SHA1DC_I_46_0 (UINT32_C(1) << 3)
#define PGIT_SHA1DC_I_46_2 (UINT32_C(1) << 4)
#define PGIT_SHA1DC_I_47_0 (UINT32_C(1) << 5)
#define PGIT_SHA1DC_I_47_2 (UINT32_C(1) << 6)
#define PGIT_SHA1DC_I_48_0 (UINT32_C(1) << 7)
#define PGIT_SHA1DC_I_48_2 (UINT32_C(1) << 8)
#define PGIT_SHA1DC_I_49_0 (UINT32_C(1) << 9)
#define PGIT_SHA1DC_I_49_2 (UINT32_C(1) << 10)
#define PGIT_SHA1DC_I_50_0 (UINT32_C(1) << 11)
#define PGIT_SHA1DC_I_50_2 (UINT32_C(1) << 12)
#define PGIT_SHA1DC_I_51_0 (UINT32_C(1) << 13)
#define PGIT_SHA1DC_I_51_2 (UINT32_C(1) << 14)
#define PGIT_SHA1DC_I_52_0 (UINT32_C(1) << 15)
#define PGIT_SHA1DC_II_45_0 (UINT32_C(1) << 16)
#define PGIT_SHA1DC_II_46_0 (UINT32_C(1) << 17)
#define PGIT_SHA1DC_II_46_2 (UINT32_C(1) << 18)
#define PGIT_SHA1DC_II_47_0 (UINT32_C(1) << 19)
#define PGIT_SHA1DC_II_48_0 (UINT32_C(1) << 20)
#define PGIT_SHA1DC_II_49_0 (UINT32_C(1) << 21)
#define PGIT_SHA1DC_II_49_2 (UINT32_C(1) << 22)
#define PGIT_SHA1DC_II_50_0 (UINT32_C(1) << 23)
#define PGIT_SHA1DC_II_50_2 (UINT32_C(1) << 24)
#define PGIT_SHA1DC_II_51_0 (UINT32_C(1) << 25)
#define PGIT_SHA1DC_II_51_2 (UINT32_C(1) << 26)
#define PGIT_SHA1DC_II_52_0 (UINT32_C(1) << 27)
#define PGIT_SHA1DC_II_53_0 (UINT32_C(1) << 28)
#define PGIT_SHA1DC_II_54_0 (UINT32_C(1) << 29)
#define PGIT_SHA1DC_II_55_0 (UINT32_C(1) << 30)
#define PGIT_SHA1DC_II_56_0 (UINT32_C(1) << 31)

/*
 * The DVs along which the block with expanded message `w` could be attacked:
 * those whose unavoidable bit conditions all hold. Reads w[35..64] only.
 * Inline so that the SIMD block functions keep it in their own code.
 */
static inline uint32_t pgit__sha1dc_ubc(const uint32_t w[80])
{
    uint32_t mask = UINT32_MAX;

    /* Clears the DVs of `d` unless bit i of w[a] ^ bit j of w[b] == c.
     * Branch-free: skipping the conditions of vectors already ruled out
     * costs more in mispredicted branches than it saves. */
#define PGIT_SHA1DC_UBC(a, i, b, j, c, d) \
    mask &= ((((w[a] >> (i)) ^ (w[b] >> (j)) ^ (uint32_t)(c)) & 1u) - 1u) | ~(uint32_t)(d);
#define DV(name) PGIT_SHA1DC_##name
#include "sha1dc_ubc.def"
#undef DV
#undef PGIT_SHA1DC_UBC
    return mask;
}

/* The message expansion of SHA-1: w[0..80) from a 64-byte block. */
void pgit__sha1dc_expand(uint32_t w[80], const uint8_t block[64]);

/* The message difference of DV number dv_index (0 to 31). */
void pgit__sha1dc_difference(uint32_t dm[80], int dv_index);

/*
 * Tests the DVs of `mask` on a block that took the chaining value ihv_in to
 * ihv_out with expanded message w. Returns 1 when the block is half of a
 * near-collision pair along one of them (a collision attack), else 0.
 */
int pgit__sha1dc_recompress(const uint32_t ihv_in[5], const uint32_t ihv_out[5],
                            const uint32_t w[80], uint32_t mask);

/* The same test from the states before steps 58 and 65 (a, b, c, d, e),
 * for block functions that have them at hand. */
int pgit__sha1dc_test(const uint32_t state58[5], const uint32_t state65[5], const uint32_t ihv_out[5],
                      const uint32_t w[80], uint32_t mask);

/* For the tests only (never set by the library): when not NULL, called by
 * pgit__sha1dc_test with what it received, so that a test can check the
 * states each block function hands over against states computed from
 * scratch (no published attack uses a vector that starts at step 58). */
extern void (*pgit__sha1dc_observer)(const uint32_t state58[5], const uint32_t state65[5],
                                     const uint32_t ihv_out[5], const uint32_t w[80], uint32_t mask);

/* The states before steps 58 and 65 from those before steps 60 and 64 (what
 * the SHA instructions leave after rounds 56-59 and 60-63). */
void pgit__sha1dc_states(uint32_t state58[5], uint32_t state65[5],
                         const uint32_t state60[5], const uint32_t state64[5], const uint32_t w[80]);

/*
 * Compresses n blocks with `blocks` (any SHA-1 block function), testing each
 * for a collision attack. Returns 1 when one was found, else 0; h is
 * updated either way.
 */
uint32_t pgit__sha1dc_blocks_with(pgit_blocks_fn blocks, uint32_t h[5], const uint8_t *data, size_t n);

#endif /* PANAGIT_SHA1DC_H */

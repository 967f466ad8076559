/*
 * sha1dc_x86.c -- the unavoidable bit conditions of sha1dc_ubc.def, eight at
 * a time with AVX2.
 *
 * The 156 conditions fall into 22 families that differ only in the word
 * index: "bit i of W[a] ^ bit j of W[a+da] == c" for one (da, i, j). A
 * family is evaluated on eight consecutive words at once: both words are
 * shifted so that the two bits meet in the sign bit and xored (xored, then
 * shifted, when i == j), the result xored with c, and the sign bit selects
 * the vectors that lane's condition belongs to (none for a lane without
 * one). The OR over all lanes is the set of vectors ruled out. The 37 groups
 * of sha1dc_ubc_groups.h (made from the .def by native/tools/sha1dc_groups.c)
 * compile to constant shifts and constant operands: about 260 vector
 * instructions where the scalar check takes over 1,500.
 */
#include "sha1dc.h"

#if defined(PGIT_HAVE_X86_SHA)

#include <immintrin.h>

/* Lane k of the constant holds bit k of `c` in its sign bit. */
#define PGIT_C_LANES(c)                                                                             \
    _mm256_set_epi32((int)((uint32_t)((c) >> 7 & 1) << 31), (int)((uint32_t)((c) >> 6 & 1) << 31), \
                     (int)((uint32_t)((c) >> 5 & 1) << 31), (int)((uint32_t)((c) >> 4 & 1) << 31), \
                     (int)((uint32_t)((c) >> 3 & 1) << 31), (int)((uint32_t)((c) >> 2 & 1) << 31), \
                     (int)((uint32_t)((c) >> 1 & 1) << 31), (int)((uint32_t)((c) & 1) << 31))

__attribute__((target("avx2")))
uint32_t pgit__sha1dc_ubc_avx2(const uint32_t w[80])
{
    __m256i ruled_out = _mm256_setzero_si256();
    __m128i half;

#define DV(name) PGIT_SHA1DC_##name
#define PGIT_SHA1DC_GROUP(first, da, i, j, c, d0, d1, d2, d3, d4, d5, d6, d7)                         \
    do {                                                                                           \
        __m256i lo_ = _mm256_loadu_si256((const __m256i *)(const void *)(w + (first)));             \
        __m256i hi_ = _mm256_loadu_si256((const __m256i *)(const void *)(w + (first) + (da)));       \
        __m256i v_ = (i) == (j) ? _mm256_slli_epi32(_mm256_xor_si256(lo_, hi_), 31 - (i))          \
            : _mm256_xor_si256(_mm256_slli_epi32(lo_, 31 - (i)), _mm256_slli_epi32(hi_, 31 - (j))); \
        v_ = _mm256_xor_si256(v_, PGIT_C_LANES(c));   /* sign bit set where the condition fails */ \
        ruled_out = _mm256_or_si256(ruled_out, _mm256_castps_si256(_mm256_blendv_ps(                \
            _mm256_setzero_ps(),                                                                   \
            _mm256_castsi256_ps(_mm256_set_epi32((int)(d7), (int)(d6), (int)(d5), (int)(d4),       \
                                                 (int)(d3), (int)(d2), (int)(d1), (int)(d0))),     \
            _mm256_castsi256_ps(v_))));                                                            \
    } while (0);
#include "sha1dc_ubc_groups.h"
#undef PGIT_SHA1DC_GROUP
#undef DV

    half = _mm_or_si128(_mm256_castsi256_si128(ruled_out), _mm256_extracti128_si256(ruled_out, 1));
    half = _mm_or_si128(half, _mm_shuffle_epi32(half, 0x4e));
    half = _mm_or_si128(half, _mm_shuffle_epi32(half, 0xb1));
    return ~(uint32_t)_mm_cvtsi128_si32(half);
}

#endif /* PGIT_HAVE_X86_SHA */
